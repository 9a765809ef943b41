package org.elephas.system;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;

import org.elephas.backend.Activity;
import org.elephas.backend.Backend;
import org.elephas.engine.RelationOids;

/**
 * The relations of the current database as PostgreSQL's {@code pg_class} counts them, with their
 * OIDs: the rows behind {@code elephas_catalog.elephas_relations}, on which {@code pg_class},
 * {@code pg_attribute}, {@code pg_index} and {@code pg_constraint} build (pg_catalog.sql).
 *
 * <p>OIDs: an engine object's OID is 16384 + its engine id (unique in the database, kept for the
 * object's life); relations of {@code information_schema} are 12000 + (minus their negative
 * id); the host's catalog views have PostgreSQL's OIDs ({@code pg_class} = 1259, ...);
 * sequences, which have no engine id visible over JDBC, 1000000000 + a hash of their qualified
 * name.
 *
 * <p>Computed once per statement ({@link #perStatement}).
 */
public final class CatalogRelations {
    private static final String HOST_SCHEMA = RelationOids.HOST_SCHEMA;

    /** What one backend computed during one statement, by kind. */
    private record Snapshot(Activity activity, Map<String, Object> values) {
    }

    /** By backend: the engine hands each function call a connection object of its own. */
    private static final Map<Backend, Snapshot> SNAPSHOTS = new WeakHashMap<>();

    /** A computation on the engine. */
    interface Computation<T> {
        /**
         * @param connection the engine's connection
         * @return the value
         * @throws SQLException from the engine
         */
        T compute(Connection connection) throws SQLException;
    }

    private CatalogRelations() {
    }

    /**
     * The table function behind {@code elephas_relations}.
     *
     * @param connection the engine's connection
     * @return oid, relname, nspname (the engine's schema), relnamespace (shown: the host's schema
     *     as pg_catalog), relkind, relpersistence, reltuples, table_name (an index's table),
     *     index_name (the engine's index name), remarks, relhasindex, relnatts, relchecks,
     *     relhastriggers (a foreign key references it or is on it: PostgreSQL's are triggers)
     * @throws SQLException from the engine
     */
    public static ResultSet rows(Connection connection) throws SQLException {
        return new Rows().oid("oid").text("relname").text("nspname").oid("relnamespace").text("relkind")
                .text("relpersistence").float8("reltuples").text("table_name").text("index_name").text("remarks")
                .bool("relhasindex").integer("relnatts").integer("relchecks").bool("relhastriggers")
                .resultOf(connection, c -> snapshot(c));
    }

    /**
     * @param connection the engine's connection
     * @return this statement's rows (see {@link #rows}): do not modify
     * @throws SQLException from the engine
     */
    static List<Object[]> snapshot(Connection connection) throws SQLException {
        return perStatement("relations", connection, CatalogRelations::compute);
    }

    /**
     * A value computed once per statement of the calling backend (catalog queries read the same
     * catalog rows many times in one statement: every join, every function call). The backend
     * replaces its activity record at each top-level statement, which ends the value's life;
     * statements run at a deeper nesting level (SPI, extension scripts) compute afresh.
     *
     * @param <T> the value's type
     * @param kind what is computed
     * @param connection the engine's connection
     * @param computation how
     * @return the value
     * @throws SQLException from the engine
     */
    @SuppressWarnings("unchecked")
    static <T> T perStatement(String kind, Connection connection, Computation<T> computation) throws SQLException {
        if (Caller.session().nestingLevel() > 0) {
            // SPI and extension scripts run many statements inside one top-level statement.
            return computation.compute(connection);
        }
        Backend backend = Caller.backend();
        Activity activity = backend.activity();
        synchronized (SNAPSHOTS) {
            Snapshot s = SNAPSHOTS.get(backend);
            if (s != null && s.activity() == activity && s.values().containsKey(kind)) {
                return (T) s.values().get(kind);
            }
        }
        T value = computation.compute(connection);
        synchronized (SNAPSHOTS) {
            Snapshot s = SNAPSHOTS.get(backend);
            if (s == null || s.activity() != activity) {
                s = new Snapshot(activity, new HashMap<>());
                SNAPSHOTS.put(backend, s);
            }
            s.values().put(kind, value);
        }
        return value;
    }

    /**
     * @param schema an engine schema name
     * @param engineId its engine id
     * @return its OID
     */
    static int schemaOid(String schema, int engineId) {
        return switch (schema) {
            case "pg_catalog" -> 11;
            case "public" -> 2200;
            case "information_schema" -> 12000;
            default -> 16384 + engineId;
        };
    }

    private static List<Object[]> compute(Connection connection) throws SQLException {
        Map<String, Integer> schemaIds = new HashMap<>();
        Map<String, Integer> engineIds = new HashMap<>();
        Map<String, Integer> columns = new HashMap<>();
        Map<String, Integer> checks = new HashMap<>();
        Map<String, String> constraintOfIndex = new HashMap<>();
        Set<String> indexed = new HashSet<>();
        List<Object[]> out = new ArrayList<>();
        try (Statement s = connection.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT s.schema_name, h.id FROM information_schema.schemata s "
                    + "JOIN pg_catalog.pg_namespace h ON h.nspname = s.schema_name")) {
                while (rs.next()) {
                    schemaIds.put(rs.getString(1), rs.getInt(2));
                }
            }
            // The engine's ids, by schema id, kind (r/v share a name space, i another) and name.
            try (ResultSet rs = s.executeQuery("SELECT relnamespace, relkind, relname, oid FROM pg_catalog.pg_class")) {
                while (rs.next()) {
                    String kind = rs.getString(2).equals("i") ? "i" : "r";
                    engineIds.put(rs.getInt(1) + "/" + kind + "/" + rs.getString(3), rs.getInt(4));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT table_schema, table_name, COUNT(*) FROM "
                    + "information_schema.columns WHERE is_visible GROUP BY table_schema, table_name")) {
                while (rs.next()) {
                    columns.put(rs.getString(1) + "." + rs.getString(2), rs.getInt(3));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT table_schema, table_name, constraint_type, constraint_name, "
                    + "index_schema, index_name FROM information_schema.table_constraints")) {
                while (rs.next()) {
                    String type = rs.getString(3);
                    if (type.equals("CHECK")) {
                        checks.merge(rs.getString(1) + "." + rs.getString(2), 1, Integer::sum);
                    } else if ((type.equals("PRIMARY KEY") || type.equals("UNIQUE")) && rs.getString(6) != null) {
                        constraintOfIndex.put(rs.getString(5) + "." + rs.getString(6), rs.getString(4));
                    }
                }
            }
            // Both ends of a foreign key: PostgreSQL's foreign keys are triggers on both tables.
            Set<String> withTriggers = new HashSet<>();
            try (ResultSet rs = s.executeQuery("SELECT tc.table_schema, tc.table_name, uc.table_schema, uc.table_name "
                    + "FROM information_schema.referential_constraints rc JOIN information_schema.table_constraints tc "
                    + "ON tc.constraint_schema = rc.constraint_schema AND tc.constraint_name = rc.constraint_name "
                    + "JOIN information_schema.table_constraints uc ON uc.constraint_schema = rc.unique_constraint_schema "
                    + "AND uc.constraint_name = rc.unique_constraint_name")) {
                while (rs.next()) {
                    withTriggers.add(rs.getString(1) + "." + rs.getString(2));
                    withTriggers.add(rs.getString(3) + "." + rs.getString(4));
                }
            }
            // Indexes first, so that tables know whether they have one.
            List<Object[]> indexes = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT index_schema, index_name, table_schema, table_name, "
                    + "is_generated, remarks FROM information_schema.indexes "
                    + "WHERE index_schema NOT IN ('pg_catalog', 'information_schema')")) {
                while (rs.next()) {
                    String schema = rs.getString(1);
                    String name = rs.getString(2);
                    String constraint = constraintOfIndex.get(schema + "." + name);
                    // The engine's own indexes (for foreign keys) are not PostgreSQL's.
                    if (rs.getBoolean(5) && constraint == null) {
                        continue;
                    }
                    Integer id = engineIds.get(schemaIds.get(schema) + "/i/" + name);
                    if (id == null) {
                        continue;
                    }
                    indexed.add(rs.getString(3) + "." + rs.getString(4));
                    indexes.add(new Object[] {16384 + id, constraint != null ? constraint : name, schema,
                            shown(schema, schemaIds), "i", "p", 0.0, rs.getString(4), name, rs.getString(6), false, 0,
                            0, false});
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT table_schema, table_name, table_type, row_count_estimate, "
                    + "remarks FROM information_schema.tables WHERE table_schema <> 'pg_catalog'")) {
                while (rs.next()) {
                    String schema = rs.getString(1);
                    String name = rs.getString(2);
                    Integer id = engineIds.get(schemaIds.get(schema) + "/r/" + name);
                    if (id == null) {
                        continue;
                    }
                    int oid = RelationOids.of(schema, name, id);
                    boolean view = "VIEW".equals(rs.getString(3));
                    String key = schema + "." + name;
                    out.add(new Object[] {oid, name, schema, shown(schema, schemaIds), view ? "v" : "r",
                            String.valueOf(rs.getString(3)).endsWith("TEMPORARY") ? "t" : "p",
                            view ? -1.0 : (double) rs.getLong(4), name, null, rs.getString(5), indexed.contains(key),
                            columns.getOrDefault(key, 0), checks.getOrDefault(key, 0), withTriggers.contains(key)});
                }
            }
            out.addAll(indexes);
            try (ResultSet rs = s.executeQuery("SELECT sequence_schema, sequence_name, remarks FROM "
                    + "information_schema.sequences")) {
                while (rs.next()) {
                    String schema = rs.getString(1);
                    String name = rs.getString(2);
                    out.add(new Object[] {hashOid(schema + "." + name), name, schema, shown(schema, schemaIds), "S",
                            "p", 1.0, name, null, rs.getString(3), false, 3, 0, false});
                }
            }
        }
        return out;
    }

    private static int shown(String schema, Map<String, Integer> schemaIds) {
        return schema.equals(HOST_SCHEMA) ? 11 : schemaOid(schema, schemaIds.getOrDefault(schema, 0));
    }

    /**
     * An OID for an object without an engine id: 1000000000 + a hash of its name, in
     * [1000000000, 2000000000).
     *
     * @param qualifiedName the object's qualified name
     * @return the OID
     */
    static int hashOid(String qualifiedName) {
        return 1_000_000_000 + Math.floorMod(qualifiedName.hashCode(), 1_000_000_000);
    }
}
