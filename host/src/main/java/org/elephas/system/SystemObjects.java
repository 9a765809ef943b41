package org.elephas.system;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

import org.elephas.dialect.CatalogNames;
import org.elephas.dialect.SystemViewRewrite;
import org.elephas.engine.Engine;

/**
 * Installs the system functions and views into each database the engine opens: the schema
 * {@value SystemViewRewrite#SCHEMA}, one engine function alias per function and one view per
 * system view, each view selecting from its table function. Run on every open, so that the
 * definitions always match this build: aliases are dropped and created again, views replaced
 * (objects of the user's that use them survive).
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

    @Override
    public void initialize(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE SCHEMA IF NOT EXISTS " + SCHEMA);
            for (Map.Entry<String, String> f : FUNCTIONS.entrySet()) {
                s.execute("DROP ALIAS IF EXISTS " + SCHEMA + "." + f.getKey());
                s.execute("CREATE ALIAS " + SCHEMA + "." + f.getKey() + " FOR '" + f.getValue() + "'");
            }
            for (Map.Entry<String, String> v : VIEWS.entrySet()) {
                s.execute("CREATE OR REPLACE VIEW " + SCHEMA + "." + v.getKey() + " AS SELECT * FROM " + SCHEMA + "."
                        + v.getValue() + "()");
            }
            PgCatalog.install(s);
        }
    }
}
