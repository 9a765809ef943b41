package org.elephas.session;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.elephas.dialect.SystemViewRewrite;
import org.elephas.engine.EngineErrors;
import org.elephas.engine.SchemaChanges;
import org.elephas.guc.GucSession;

/**
 * Keeps a session's engine connection in line with its parameters, checked before each
 * statement and applied only when something changed:
 *
 * <ul>
 * <li>{@code search_path}: the engine's current schema becomes the first schema of the path
 *     that exists (where unqualified objects are created, as in PostgreSQL) and its schema search
 *     path the existing ones, then the host's system schema, where the system functions live.
 *     {@code "$user"} stands for the session's role. Missing schemas are skipped, as PostgreSQL
 *     does, and the mapping is redone when a schema is created or dropped.
 * <li>{@code TimeZone}: the engine session's time zone.
 * <li>{@code lock_timeout}: the engine's lock timeout; 0 (PostgreSQL's default) waits without
 *     limit, where the engine would give up after 2 s (deadlocks are detected either way).
 * <li>{@code default_transaction_isolation}: the engine's isolation level for the next
 *     transaction (repeatable read is the engine's snapshot isolation, as PostgreSQL's is), shown
 *     as {@code transaction_isolation}.
 * </ul>
 *
 * It also sets the session's {@code is_superuser} and {@code session_authorization} once. A
 * statement after which no parameter changed and no schema was created or dropped reads none.
 */
final class EngineSettings {
    private final Connection connection;
    private final String roleName;
    private String searchPath;
    private long schemaGeneration = -1;
    private String timeZone;
    private String isolation;
    private Object lockTimeout;
    /**
     * The parameters' version ({@link GucSession#valuesVersion()}) when everything was last in
     * line, or null: while it and the schema generation stay the same, a statement reads no
     * parameter at all.
     */
    private Object appliedVersion;

    EngineSettings(Connection connection, String roleName, boolean superuser, GucSession gucs) {
        this.connection = connection;
        this.roleName = roleName;
        if (gucs != null) {
            gucs.setInternal("is_superuser", superuser ? "on" : "off");
            gucs.setInternal("session_authorization", roleName);
        }
    }

    /**
     * Apply what changed since the last statement.
     *
     * @param gucs the session's parameters
     * @param idle whether no transaction is open (the isolation level changes only then)
     */
    void apply(GucSession gucs, boolean idle) {
        if (gucs == null) {
            return;
        }
        long generation = SchemaChanges.generation();
        if (gucs.valuesVersion() == appliedVersion && generation == schemaGeneration) {
            return;
        }
        try {
            Object path = gucs.value("search_path");
            if (!path.equals(searchPath) || generation != schemaGeneration) {
                applySearchPath((String) path);
                searchPath = (String) path;
                schemaGeneration = generation;
            }
            Object zone = gucs.value("timezone");
            if (!zone.equals(timeZone)) {
                execute("SET TIME ZONE '" + ZoneId.of((String) zone, ZoneId.SHORT_IDS).getId() + "'");
                timeZone = (String) zone;
            }
            Object lock = gucs.value("lock_timeout");
            if (!lock.equals(lockTimeout)) {
                int ms = (Integer) lock;
                execute("SET LOCK_TIMEOUT " + (ms == 0 ? Integer.MAX_VALUE : ms));
                lockTimeout = lock;
            }
            Object level = gucs.value("default_transaction_isolation");
            if (idle && !level.equals(isolation)) {
                execute("SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL " + engineLevel((String) level));
                gucs.setInternal("transaction_isolation", (String) level);
                isolation = (String) level;
            }
            // A new isolation level waits for the transaction block to end: until then, check again.
            appliedVersion = level.equals(isolation) ? gucs.valuesVersion() : null;
        } catch (SQLException e) {
            throw EngineErrors.translate(e);
        }
    }

    private static final String PG_CATALOG = "pg_catalog";

    private static String firstUserSchema(List<String> schemas) {
        for (String schema : schemas) {
            if (!schema.equals(PG_CATALOG)) {
                return schema;
            }
        }
        return "public";
    }

    private void applySearchPath(String path) throws SQLException {
        Set<String> existing = new HashSet<>();
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("SELECT schema_name FROM information_schema.schemata")) {
            while (rs.next()) {
                existing.add(rs.getString(1));
            }
        }
        List<String> schemas = new ArrayList<>();
        for (String name : parse(path, roleName)) {
            if (existing.contains(name) && !schemas.contains(name)) {
                schemas.add(name);
            }
        }
        // PostgreSQL creates in the first existing schema and fails without one; the engine
        // needs a current schema, so an empty path leaves objects in public.
        String current = schemas.isEmpty() || schemas.get(0).equals(PG_CATALOG) ? firstUserSchema(schemas)
                : schemas.get(0);
        List<String> searched = new ArrayList<>(schemas);
        if (!searched.contains(PG_CATALOG)) {
            // As in PostgreSQL, pg_catalog is searched first unless the path places it.
            searched.add(0, PG_CATALOG);
        }
        searched.add(SystemViewRewrite.SCHEMA);
        execute("SET SCHEMA " + quote(current));
        StringBuilder sql = new StringBuilder("SET SCHEMA_SEARCH_PATH ");
        for (int i = 0; i < searched.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(quote(searched.get(i)));
        }
        execute(sql.toString());
    }

    /**
     * Split a {@code search_path} value: comma-separated names, double-quoted ones kept as
     * written, others folded to lower case; {@code $user} is the role.
     *
     * @param path the value
     * @param role the session's role
     * @return the schema names in order
     */
    static List<String> parse(String path, String role) {
        List<String> names = new ArrayList<>();
        int i = 0;
        int n = path.length();
        while (i < n) {
            while (i < n && (Character.isWhitespace(path.charAt(i)) || path.charAt(i) == ',')) {
                i++;
            }
            if (i >= n) {
                break;
            }
            StringBuilder name = new StringBuilder();
            if (path.charAt(i) == '"') {
                i++;
                while (i < n) {
                    char c = path.charAt(i++);
                    if (c == '"') {
                        if (i < n && path.charAt(i) == '"') {
                            name.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        name.append(c);
                    }
                }
            } else {
                while (i < n && path.charAt(i) != ',') {
                    name.append(path.charAt(i++));
                }
                String folded = name.toString().strip().toLowerCase(Locale.ROOT);
                name.setLength(0);
                name.append(folded);
            }
            String schema = name.toString();
            names.add(schema.equals("$user") ? role : schema);
            while (i < n && path.charAt(i) != ',') {
                i++;
            }
        }
        return names;
    }

    private static String engineLevel(String level) {
        return switch (level) {
            case "serializable" -> "SERIALIZABLE";
            case "repeatable read" -> "SNAPSHOT";
            default -> "READ COMMITTED"; // PostgreSQL runs read uncommitted as read committed
        };
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    private void execute(String sql) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(sql);
        }
    }
}
