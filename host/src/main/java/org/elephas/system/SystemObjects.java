package org.elephas.system;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.elephas.dialect.CatalogNames;
import org.elephas.dialect.SystemViewRewrite;
import org.elephas.engine.DdlFingerprint;
import org.elephas.engine.Engine;

/**
 * Installs the system functions and views into each database the engine opens: the schema
 * {@value SystemViewRewrite#SCHEMA}, one engine function alias per function and one view per
 * system view, each view selecting from its table function. Checked on every open, so that the
 * definitions always match this build: when the fingerprint recorded in the schema's comment
 * differs, aliases are dropped and created again and views replaced (objects of the user's that
 * use them survive).
 */
public final class SystemObjects implements Engine.DatabaseInitializer {
    private static final String SCHEMA = SystemViewRewrite.SCHEMA;

    /** Function alias: the Java method (overloads by argument count share one alias). */
    private static final Map<String, String> FUNCTIONS = new LinkedHashMap<>();
    /** View name: its table function's alias. */
    private static final Map<String, String> VIEWS = new LinkedHashMap<>();

    static {
        function("current_setting", ConfigFunctions.class, "currentSetting");
        function("set_config_value", ConfigFunctions.class, "setConfig");
        function("pg_backend_pid", SessionFunctions.class, "pgBackendPid");
        function("current_role_name", SessionFunctions.class, "currentRoleName");
        function("session_user_name", SessionFunctions.class, "sessionUserName");
        function("current_database_name", SessionFunctions.class, "currentDatabaseName");
        function("version_text", SessionFunctions.class, "versionText");
        function("pg_cancel_backend", SignalFunctions.class, "pgCancelBackend");
        function("pg_terminate_backend", SignalFunctions.class, "pgTerminateBackend");
        function("pg_reload_conf", SignalFunctions.class, "pgReloadConf");
        view("pg_stat_activity", StatViews.class, "pgStatActivity");
        view("pg_wait_events", StatViews.class, "pgWaitEvents");
        view("pg_settings", SettingsView.class, "pgSettings");
        view("pg_database", CatalogViews.class, "pgDatabase");
        view("pg_roles", CatalogViews.class, "pgRoles");
        view("pg_extension", CatalogViews.class, "pgExtension");
        view("elephas_workers", ElephasViews.class, "elephasWorkers");
        view("elephas_hooks", ElephasViews.class, "elephasHooks");
        view("elephas_bundles", ElephasViews.class, "elephasBundles");
        function("elephas_relations_rows", CatalogRelations.class, "rows");
        function("elephas_attributes_rows", CatalogColumns.class, "rows");
        function("elephas_indexes_rows", CatalogKeys.class, "indexes");
        function("elephas_constraints_rows", CatalogKeys.class, "constraints");
        CatalogFunctions.NAMES.forEach((name, method) -> function(CatalogNames.PREFIX + name, CatalogFunctions.class, method));
        if (!CatalogFunctions.NAMES.keySet().equals(CatalogNames.FUNCTIONS)) {
            throw new IllegalStateException("the dialect's catalog function names differ from the functions installed");
        }
        if (!VIEWS.keySet().equals(SystemViewRewrite.VIEWS)) {
            throw new IllegalStateException("the dialect's view names differ from the views installed");
        }
    }

    private static void function(String alias, Class<?> type, String method) {
        FUNCTIONS.put(alias, type.getName() + "." + method);
    }

    private static void view(String name, Class<?> type, String method) {
        String tableFunction = name + "_rows";
        function(tableFunction, type, method);
        VIEWS.put(name, tableFunction);
    }

    /**
     * What {@link #initialize} runs, and its fingerprint, which the schema's comment records so
     * that a database already holding these exact definitions is not rebuilt at every open (at
     * boot that was hundreds of statements through a cold engine).
     */
    private static final List<String> STATEMENTS = statements();
    private static final String VERSION = "elephas system objects " + DdlFingerprint.of(STATEMENTS);

    private static List<String> statements() {
        List<String> statements = new ArrayList<>();
        statements.add("CREATE SCHEMA IF NOT EXISTS " + SCHEMA);
        for (Map.Entry<String, String> f : FUNCTIONS.entrySet()) {
            statements.add("DROP ALIAS IF EXISTS " + SCHEMA + "." + f.getKey());
            statements.add("CREATE ALIAS " + SCHEMA + "." + f.getKey() + " FOR '" + f.getValue() + "'");
        }
        for (Map.Entry<String, String> v : VIEWS.entrySet()) {
            statements.add("CREATE OR REPLACE VIEW " + SCHEMA + "." + v.getKey() + " AS SELECT * FROM " + SCHEMA + "."
                    + v.getValue() + "()");
        }
        statements.addAll(PgCatalog.statements());
        return List.copyOf(statements);
    }

    @Override
    public void initialize(Connection connection) throws SQLException {
        if (VERSION.equals(installedVersion(connection))) {
            return;
        }
        try (Statement s = connection.createStatement()) {
            for (String sql : STATEMENTS) {
                s.execute(sql);
            }
            s.execute("COMMENT ON SCHEMA " + SCHEMA + " IS '" + VERSION + "'");
        }
    }

    /** The fingerprint recorded in the database, or null when none is (a new or older database). */
    private static String installedVersion(Connection connection) throws SQLException {
        try (PreparedStatement q = connection.prepareStatement(
                "SELECT REMARKS FROM INFORMATION_SCHEMA.SCHEMATA WHERE UPPER(SCHEMA_NAME) = UPPER(?)")) {
            q.setString(1, SCHEMA);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
