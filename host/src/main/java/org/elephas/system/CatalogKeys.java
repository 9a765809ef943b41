package org.elephas.system;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows behind {@code pg_index} and {@code pg_constraint}: the engine's indexes (those
 * {@link CatalogRelations} shows) and its primary key, unique, foreign key and check
 * constraints, with the OIDs of their relations and their columns' numbers. A constraint's OID
 * is 16384 + its engine id (a hash of its name when the engine does not show one). Computed
 * once per statement.
 */
public final class CatalogKeys {
    private CatalogKeys() {
    }

    /**
     * The table function behind {@code elephas_indexes}.
     *
     * @param connection the engine's connection
     * @return indexrelid, indrelid, indnatts, indisunique, indisprimary, indnullsnotdistinct,
     *     indkey, indoption
     * @throws SQLException from the engine
     */
    public static ResultSet indexes(Connection connection) throws SQLException {
        return new Rows().oid("indexrelid").oid("indrelid").integer("indnatts").bool("indisunique")
                .bool("indisprimary").bool("indnullsnotdistinct").smallintArray("indkey").smallintArray("indoption")
                .resultOf(connection, c -> CatalogRelations.perStatement("indexes", c, CatalogKeys::computeIndexes));
    }

    /**
     * The table function behind {@code elephas_constraints}.
     *
     * @param connection the engine's connection
     * @return oid, conname, connamespace, contype, condeferrable, condeferred, conrelid, conindid,
     *     confrelid, confupdtype, confdeltype, conkey, confkey, conbin
     * @throws SQLException from the engine
     */
    public static ResultSet constraints(Connection connection) throws SQLException {
        return new Rows().oid("oid").text("conname").oid("connamespace").text("contype").bool("condeferrable")
                .bool("condeferred").oid("conrelid").oid("conindid").oid("confrelid").text("confupdtype")
                .text("confdeltype").smallintArray("conkey").smallintArray("confkey").text("conbin")
                .resultOf(connection, c -> CatalogRelations.perStatement("constraints", c, CatalogKeys::computeConstraints));
    }

    private static List<Object[]> computeIndexes(Connection connection) throws SQLException {
        Map<String, Integer> tables = new HashMap<>();
        Map<String, Integer> indexes = new HashMap<>();
        for (Object[] r : CatalogRelations.snapshot(connection)) {
            if (r[4].equals("r")) {
                tables.put(r[2] + "." + r[1], (Integer) r[0]);
            } else if (r[4].equals("i")) {
                indexes.put(r[2] + "." + r[8], (Integer) r[0]);
            }
        }
        Map<String, Integer> numbers = CatalogColumns.numbers(connection);
        Map<String, List<Short>> keys = new HashMap<>();
        Map<String, List<Short>> options = new HashMap<>();
        List<Object[]> out = new ArrayList<>();
        try (Statement s = connection.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT index_schema, index_name, table_schema, table_name, column_name, "
                    + "ordering_specification, null_ordering FROM information_schema.index_columns "
                    + "WHERE index_schema NOT IN ('information_schema', 'pg_catalog') ORDER BY ordinal_position")) {
                while (rs.next()) {
                    String index = rs.getString(1) + "." + rs.getString(2);
                    Integer number = numbers.get(rs.getString(3) + "." + rs.getString(4) + "." + rs.getString(5));
                    keys.computeIfAbsent(index, k -> new ArrayList<>()).add((short) (number == null ? 0 : number));
                    boolean desc = "DESC".equals(rs.getString(6));
                    // INDOPTION_DESC = 1, INDOPTION_NULLS_FIRST = 2; the engine's default is PostgreSQL's.
                    String nulls = rs.getString(7);
                    boolean nullsFirst = nulls == null ? desc : nulls.equals("FIRST");
                    options.computeIfAbsent(index, k -> new ArrayList<>())
                            .add((short) ((desc ? 1 : 0) | (nullsFirst ? 2 : 0)));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT index_schema, index_name, table_schema, table_name, "
                    + "index_type_name, nulls_distinct FROM information_schema.indexes "
                    + "WHERE index_schema NOT IN ('information_schema', 'pg_catalog')")) {
                while (rs.next()) {
                    String index = rs.getString(1) + "." + rs.getString(2);
                    Integer oid = indexes.get(index);
                    Integer table = tables.get(rs.getString(3) + "." + rs.getString(4));
                    if (oid == null || table == null) {
                        continue;
                    }
                    String type = rs.getString(5);
                    List<Short> key = keys.getOrDefault(index, List.of());
                    out.add(new Object[] {oid, table, key.size(), !type.equals("INDEX"), type.equals("PRIMARY KEY"),
                            "NO".equals(rs.getString(6)), key.toArray(new Short[0]),
                            options.getOrDefault(index, List.of()).toArray(new Short[0])});
                }
            }
        }
        return out;
    }

    private record Key(String schema, String table, List<String> columns) {
    }

    private static List<Object[]> computeConstraints(Connection connection) throws SQLException {
        Map<String, Integer> tables = new HashMap<>();
        Map<String, Integer> indexes = new HashMap<>();
        Map<String, Integer> schemas = new HashMap<>();
        for (Object[] r : CatalogRelations.snapshot(connection)) {
            if (r[4].equals("r")) {
                tables.put(r[2] + "." + r[1], (Integer) r[0]);
                schemas.put((String) r[2], (Integer) r[3]);
            } else if (r[4].equals("i")) {
                indexes.put(r[2] + "." + r[8], (Integer) r[0]);
            }
        }
        Map<String, Integer> numbers = CatalogColumns.numbers(connection);
        Map<String, Integer> engineIds = new HashMap<>();
        Map<String, Key> keys = new HashMap<>();
        Map<String, String[]> references = new HashMap<>();
        Map<String, String> checks = new HashMap<>();
        Map<String, String> indexOfConstraint = new HashMap<>();
        List<Object[]> out = new ArrayList<>();
        try (Statement s = connection.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT conname, conrelid, oid FROM pg_catalog.pg_constraint")) {
                while (rs.next()) {
                    engineIds.put(rs.getString(1) + "/" + (16384 + rs.getInt(2)), rs.getInt(3));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT constraint_schema, constraint_name, table_schema, table_name, "
                    + "column_name FROM information_schema.key_column_usage ORDER BY ordinal_position")) {
                while (rs.next()) {
                    keys.computeIfAbsent(rs.getString(1) + "." + rs.getString(2),
                            k -> new Key(uncheckedString(rs, 3), uncheckedString(rs, 4), new ArrayList<>()))
                            .columns().add(rs.getString(5));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT constraint_schema, constraint_name, unique_constraint_schema, "
                    + "unique_constraint_name, update_rule, delete_rule FROM information_schema.referential_constraints")) {
                while (rs.next()) {
                    references.put(rs.getString(1) + "." + rs.getString(2), new String[] {
                        rs.getString(3) + "." + rs.getString(4), rs.getString(5), rs.getString(6)});
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT constraint_schema, constraint_name, check_clause "
                    + "FROM information_schema.check_constraints")) {
                while (rs.next()) {
                    checks.put(rs.getString(1) + "." + rs.getString(2), rs.getString(3));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT constraint_schema, constraint_name, constraint_type, "
                    + "table_schema, table_name, is_deferrable, initially_deferred, index_schema, index_name "
                    + "FROM information_schema.table_constraints "
                    + "WHERE table_schema NOT IN ('information_schema', 'pg_catalog')")) {
                List<Object[]> pending = new ArrayList<>();
                while (rs.next()) {
                    String name = rs.getString(1) + "." + rs.getString(2);
                    if (rs.getString(9) != null) {
                        indexOfConstraint.put(name, rs.getString(8) + "." + rs.getString(9));
                    }
                    pending.add(new Object[] {name, rs.getString(2), rs.getString(1), rs.getString(3),
                        rs.getString(4) + "." + rs.getString(5), "YES".equals(rs.getString(6)),
                        "YES".equals(rs.getString(7))});
                }
                for (Object[] p : pending) {
                    String name = (String) p[0];
                    Integer table = tables.get((String) p[4]);
                    if (table == null) {
                        continue;
                    }
                    String type = switch ((String) p[3]) {
                        case "PRIMARY KEY" -> "p";
                        case "UNIQUE" -> "u";
                        case "FOREIGN KEY" -> "f";
                        default -> "c";
                    };
                    Integer engineId = engineIds.get(p[1] + "/" + table);
                    int oid = engineId != null ? 16384 + engineId : CatalogRelations.hashOid("constraint " + name);
                    Key key = keys.get(name);
                    Short[] conkey = key == null ? null : attnums(numbers, key);
                    String[] ref = references.get(name);
                    int conindid = 0;
                    int confrelid = 0;
                    Short[] confkey = null;
                    String update = " ";
                    String delete = " ";
                    if (ref != null) {
                        conindid = indexes.getOrDefault(indexOfConstraint.getOrDefault(ref[0], ""), 0);
                        Key referenced = keys.get(ref[0]);
                        if (referenced != null) {
                            confrelid = tables.getOrDefault(referenced.schema() + "." + referenced.table(), 0);
                            confkey = attnums(numbers, referenced);
                        }
                        update = action(ref[1]);
                        delete = action(ref[2]);
                    } else if (!type.equals("c")) {
                        conindid = indexes.getOrDefault(indexOfConstraint.getOrDefault(name, ""), 0);
                    }
                    out.add(new Object[] {oid, p[1], schemas.getOrDefault((String) p[2], 0), type, p[5], p[6], table,
                            conindid, confrelid, update, delete, conkey, confkey, checks.get(name)});
                }
            }
        }
        return out;
    }

    private static String uncheckedString(ResultSet rs, int column) {
        try {
            return rs.getString(column);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Short[] attnums(Map<String, Integer> numbers, Key key) {
        Short[] out = new Short[key.columns().size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (short) (int) numbers.getOrDefault(key.schema() + "." + key.table() + "." + key.columns().get(i), 0);
        }
        return out;
    }

    private static String action(String rule) {
        return switch (rule == null ? "" : rule) {
            case "CASCADE" -> "c";
            case "SET NULL" -> "n";
            case "SET DEFAULT" -> "d";
            case "RESTRICT" -> "r";
            default -> "a";
        };
    }
}
