package org.elephas.system;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The columns of the current database's tables and views as PostgreSQL's {@code pg_attribute}
 * has them (the rows behind {@code elephas_catalog.elephas_attributes}, on which
 * {@code pg_attribute}, {@code pg_attrdef} and column comments build): the engine's data types
 * as PostgreSQL's type OIDs and type modifiers. A string column without a declared length
 * ({@code text}, unbounded {@code varchar}) is {@code text}; the engine's invisible columns (for
 * partial and expression unique indexes) show as dropped. An index's key columns are listed
 * under the index's OID too, as in PostgreSQL. Computed once per statement.
 */
public final class CatalogColumns {
    /** The engine's limit on a string's length: a column declared without a length has it. */
    private static final long UNBOUNDED = 1_000_000_000L;
    private static final Map<String, Integer> TYPES = Map.ofEntries(Map.entry("CHARACTER", 1042),
            Map.entry("CHARACTER LARGE OBJECT", 25), Map.entry("BINARY VARYING", 17), Map.entry("BINARY", 17),
            Map.entry("BINARY LARGE OBJECT", 17), Map.entry("BOOLEAN", 16), Map.entry("TINYINT", 21),
            Map.entry("SMALLINT", 21), Map.entry("INTEGER", 23), Map.entry("BIGINT", 20), Map.entry("NUMERIC", 1700),
            Map.entry("DECIMAL", 1700), Map.entry("DECFLOAT", 1700), Map.entry("REAL", 700),
            Map.entry("DOUBLE PRECISION", 701), Map.entry("FLOAT", 701), Map.entry("DATE", 1082),
            Map.entry("TIME", 1083), Map.entry("TIME WITH TIME ZONE", 1266), Map.entry("TIMESTAMP", 1114),
            Map.entry("TIMESTAMP WITH TIME ZONE", 1184), Map.entry("UUID", 2950), Map.entry("JSON", 114));
    private static final Map<Integer, Integer> ARRAYS = Map.ofEntries(Map.entry(16, 1000), Map.entry(17, 1001),
            Map.entry(21, 1005), Map.entry(23, 1007), Map.entry(20, 1016), Map.entry(25, 1009), Map.entry(1043, 1015),
            Map.entry(1042, 1014), Map.entry(700, 1021), Map.entry(701, 1022), Map.entry(1700, 1231),
            Map.entry(1082, 1182), Map.entry(1083, 1183), Map.entry(1114, 1115), Map.entry(1184, 1185),
            Map.entry(2950, 2951), Map.entry(114, 199));
    private static final Map<Integer, Integer> LENGTHS = Map.ofEntries(Map.entry(16, 1), Map.entry(18, 1),
            Map.entry(20, 8), Map.entry(21, 2), Map.entry(23, 4), Map.entry(26, 4), Map.entry(700, 4),
            Map.entry(701, 8), Map.entry(1082, 4), Map.entry(1083, 8), Map.entry(1114, 8), Map.entry(1184, 8),
            Map.entry(1186, 16), Map.entry(1266, 12), Map.entry(2950, 16));

    private CatalogColumns() {
    }

    /**
     * The table function behind {@code elephas_attributes}.
     *
     * @param connection the engine's connection
     * @return attrelid, attname, atttypid, attlen, attnum, atttypmod, attbyval, attalign,
     *     attstorage, attnotnull, atthasdef, attidentity, attgenerated, attisdropped,
     *     attcollation, adbin (the default's engine text), description (its comment)
     * @throws SQLException from the engine
     */
    public static ResultSet rows(Connection connection) throws SQLException {
        return new Rows().oid("attrelid").text("attname").oid("atttypid").integer("attlen").integer("attnum")
                .integer("atttypmod").bool("attbyval").text("attalign").text("attstorage").bool("attnotnull")
                .bool("atthasdef").text("attidentity").text("attgenerated").bool("attisdropped")
                .oid("attcollation").text("adbin").text("description")
                .resultOf(connection, c -> snapshot(c));
    }

    /**
     * @param connection the engine's connection
     * @return this statement's rows (see {@link #rows}): do not modify
     * @throws SQLException from the engine
     */
    static List<Object[]> snapshot(Connection connection) throws SQLException {
        return CatalogRelations.perStatement("columns", connection, CatalogColumns::compute);
    }

    /**
     * @param connection the engine's connection
     * @return engine column (schema.table.column): its number, for this statement
     * @throws SQLException from the engine
     */
    static Map<String, Integer> numbers(Connection connection) throws SQLException {
        return CatalogRelations.perStatement("column numbers", connection, c -> {
            Map<String, Integer> numbers = new HashMap<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT table_schema, table_name, "
                    + "column_name, ordinal_position FROM information_schema.columns "
                    + "WHERE table_schema NOT IN ('information_schema', 'pg_catalog')")) {
                while (rs.next()) {
                    numbers.put(rs.getString(1) + "." + rs.getString(2) + "." + rs.getString(3), rs.getInt(4));
                }
            }
            return numbers;
        });
    }

    private static List<Object[]> compute(Connection connection) throws SQLException {
        Map<String, Integer> relations = new HashMap<>();
        for (Object[] r : CatalogRelations.snapshot(connection)) {
            if (r[4].equals("r") || r[4].equals("v")) {
                relations.put(r[2] + "." + r[1], (Integer) r[0]);
            }
        }
        Map<String, Integer> elements = new HashMap<>();
        List<Object[]> out = new ArrayList<>();
        try (Statement s = connection.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT object_schema, object_name, collection_type_identifier, "
                    + "data_type FROM information_schema.element_types WHERE object_type = 'TABLE'")) {
                while (rs.next()) {
                    Integer element = TYPES.get(rs.getString(4).toUpperCase(Locale.ROOT));
                    if (rs.getString(4).equalsIgnoreCase("CHARACTER VARYING")) {
                        element = 25;
                    }
                    elements.put(rs.getString(1) + "." + rs.getString(2) + "." + rs.getString(3),
                            element == null ? 2277 : ARRAYS.getOrDefault(element, 2277));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT table_schema, table_name, column_name, ordinal_position, "
                    + "data_type, character_maximum_length, declared_numeric_precision, declared_numeric_scale, "
                    + "is_nullable, column_default, is_identity, identity_generation, is_generated, is_visible, "
                    + "dtd_identifier, remarks FROM information_schema.columns WHERE table_schema <> 'pg_catalog'")) {
                while (rs.next()) {
                    String table = rs.getString(1) + "." + rs.getString(2);
                    Integer relation = relations.get(table);
                    if (relation == null) {
                        continue;
                    }
                    String dataType = rs.getString(5).toUpperCase(Locale.ROOT);
                    long length = rs.getLong(6);
                    int type;
                    if (dataType.equals("CHARACTER VARYING")) {
                        type = length >= UNBOUNDED ? 25 : 1043;
                    } else if (dataType.equals("ARRAY")) {
                        type = elements.getOrDefault(table + "." + rs.getString(15), 2277);
                    } else if (dataType.startsWith("INTERVAL")) {
                        type = 1186;
                    } else {
                        type = TYPES.getOrDefault(dataType, 705);
                    }
                    int typmod = -1;
                    if (type == 1042 || type == 1043) {
                        typmod = (int) length + 4;
                    } else if (type == 1700 && rs.getObject(7) != null) {
                        typmod = (rs.getInt(7) << 16) + rs.getInt(8) + 4;
                    }
                    int len = LENGTHS.getOrDefault(type, -1);
                    boolean identity = "YES".equals(rs.getString(11));
                    boolean generated = !"NEVER".equals(rs.getString(13));
                    String def = rs.getString(10);
                    boolean hasDefault = def != null && !identity && !generated;
                    out.add(new Object[] {relation, rs.getString(3), type, len, rs.getInt(4), typmod,
                            len > 0 && len <= 8 && len != 3, align(len), len > 0 ? "p" : "x",
                            "NO".equals(rs.getString(9)), hasDefault,
                            identity ? ("ALWAYS".equals(rs.getString(12)) ? "a" : "d") : "", generated ? "s" : "",
                            !rs.getBoolean(14), type == 25 || type == 1042 || type == 1043 ? 100 : 0,
                            hasDefault ? def : null, rs.getString(16)});
                }
            }
        }
        indexColumns(connection, out);
        return out;
    }

    /** An index's key columns, as PostgreSQL lists them under the index's OID (psql's {@code \d index}). */
    private static void indexColumns(Connection connection, List<Object[]> out) throws SQLException {
        Map<String, Integer> indexes = new HashMap<>();
        Map<String, Integer> tables = new HashMap<>();
        for (Object[] r : CatalogRelations.snapshot(connection)) {
            if (r[4].equals("i")) {
                indexes.put(r[2] + "." + r[8], (Integer) r[0]);
            } else if (r[4].equals("r")) {
                tables.put(r[2] + "." + r[1], (Integer) r[0]);
            }
        }
        Map<String, Object[]> columns = new HashMap<>();
        for (Object[] c : out) {
            columns.put(c[0] + "." + c[1], c);
        }
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT index_schema, index_name, "
                + "table_schema, table_name, column_name, ordinal_position FROM information_schema.index_columns "
                + "WHERE index_schema NOT IN ('information_schema', 'pg_catalog')")) {
            while (rs.next()) {
                Integer index = indexes.get(rs.getString(1) + "." + rs.getString(2));
                Object[] column = columns.get(tables.get(rs.getString(3) + "." + rs.getString(4)) + "." + rs.getString(5));
                if (index == null || column == null) {
                    continue;
                }
                Object[] row = column.clone();
                row[0] = index;
                row[4] = rs.getInt(6);
                row[9] = false; // attnotnull
                row[10] = false; // atthasdef
                row[11] = "";
                row[12] = "";
                row[15] = null;
                row[16] = null;
                out.add(row);
            }
        }
    }

    private static String align(int length) {
        return switch (length) {
            case 1 -> "c";
            case 2 -> "s";
            case 8, 16 -> "d";
            default -> "i";
        };
    }
}
