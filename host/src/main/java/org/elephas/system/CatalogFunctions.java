package org.elephas.system;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.elephas.catalog.RoleInfo;

/**
 * PostgreSQL's catalog functions that psql, pgjdbc and pgbench call ({@code format_type},
 * {@code pg_get_userbyid}, {@code pg_table_is_visible}, {@code pg_get_indexdef},
 * {@code pg_get_constraintdef}, {@code pg_get_expr}, {@code current_schemas}, ...), answering
 * from the catalog views of {@link PgCatalog} so that OIDs agree with them. The dialect's
 * {@code CatalogNames} points calls at these, qualified or not, since the engine has namesakes
 * of some that answer with its own object ids.
 */
public final class CatalogFunctions {
    /** PostgreSQL name (the engine alias is {@code CatalogNames.PREFIX} + name): Java method. */
    public static final Map<String, String> NAMES = new LinkedHashMap<>();

    static {
        NAMES.put("format_type", "formatType");
        NAMES.put("pg_get_userbyid", "pgGetUserById");
        NAMES.put("pg_table_is_visible", "pgTableIsVisible");
        NAMES.put("pg_type_is_visible", "alwaysVisible");
        NAMES.put("pg_function_is_visible", "alwaysVisible");
        NAMES.put("pg_get_indexdef", "pgGetIndexdef");
        NAMES.put("pg_get_constraintdef", "pgGetConstraintdef");
        NAMES.put("pg_get_expr", "pgGetExpr");
        NAMES.put("obj_description", "objDescription");
        NAMES.put("col_description", "colDescription");
        NAMES.put("shobj_description", "shobjDescription");
        NAMES.put("current_schemas", "currentSchemas");
        NAMES.put("array_position", "arrayPosition");
        NAMES.put("array_upper", "arrayUpper");
        NAMES.put("pg_partition_ancestors", "pgPartitionAncestors");
        NAMES.put("pg_relation_is_publishable", "never");
        NAMES.put("pg_get_triggerdef", "nothing");
        NAMES.put("pg_get_statisticsobjdef_columns", "nothing");
        NAMES.put("pg_get_function_result", "pgGetFunctionResult");
        NAMES.put("pg_get_function_arguments", "pgGetFunctionArguments");
        NAMES.put("pg_size_pretty", "pgSizePretty");
        NAMES.put("pg_database_size", "pgDatabaseSize");
        NAMES.put("regclassout", "regclassOut");
        NAMES.put("pg_table_size", "pgTableSize");
        NAMES.put("pg_relation_size", "pgTableSize");
        NAMES.put("pg_total_relation_size", "pgTableSize");
    }

    /** PostgreSQL's names of the built-in types the catalog has, by OID (format_type's output). */
    private static final Map<Integer, String> TYPE_NAMES = Map.ofEntries(Map.entry(16, "boolean"),
            Map.entry(17, "bytea"), Map.entry(18, "\"char\""), Map.entry(19, "name"), Map.entry(20, "bigint"),
            Map.entry(21, "smallint"), Map.entry(22, "int2vector"), Map.entry(23, "integer"),
            Map.entry(24, "regproc"), Map.entry(25, "text"), Map.entry(26, "oid"), Map.entry(30, "oidvector"),
            Map.entry(114, "json"), Map.entry(700, "real"), Map.entry(701, "double precision"),
            Map.entry(705, "unknown"), Map.entry(1042, "character"), Map.entry(1043, "character varying"),
            Map.entry(1082, "date"), Map.entry(1083, "time without time zone"),
            Map.entry(1114, "timestamp without time zone"), Map.entry(1184, "timestamp with time zone"),
            Map.entry(1186, "interval"), Map.entry(1266, "time with time zone"), Map.entry(1560, "bit"),
            Map.entry(1562, "bit varying"), Map.entry(1700, "numeric"), Map.entry(2205, "regclass"),
            Map.entry(2206, "regtype"), Map.entry(2249, "record"), Map.entry(2277, "anyarray"),
            Map.entry(2278, "void"), Map.entry(2950, "uuid"), Map.entry(3802, "jsonb"),
            Map.entry(4089, "regnamespace"));
    /** Array types: element type OID by array type OID. */
    private static final Map<Integer, Integer> ARRAY_ELEMENTS = Map.ofEntries(Map.entry(1000, 16),
            Map.entry(1001, 17), Map.entry(1005, 21), Map.entry(1007, 23), Map.entry(1009, 25), Map.entry(1014, 1042),
            Map.entry(1015, 1043), Map.entry(1016, 20), Map.entry(1021, 700), Map.entry(1022, 701),
            Map.entry(1115, 1114), Map.entry(1182, 1082), Map.entry(1183, 1083), Map.entry(1185, 1184),
            Map.entry(1231, 1700), Map.entry(2951, 2950), Map.entry(199, 114), Map.entry(3807, 3802),
            Map.entry(1003, 19), Map.entry(1028, 26));
    /** PostgreSQL's key words that quote_ident must quote (the reserved and type-name ones clients meet). */
    private static final Set<String> KEY_WORDS = Set.of("all", "analyse", "analyze", "and", "any", "array", "as",
            "asc", "between", "bigint", "bit", "boolean", "both", "case", "cast", "char", "character", "check",
            "coalesce", "collate", "column", "constraint", "create", "current_date", "current_role", "current_time",
            "current_timestamp", "current_user", "dec", "decimal", "default", "deferrable", "desc", "distinct", "do",
            "else", "end", "except", "exists", "extract", "false", "fetch", "float", "for", "foreign", "from",
            "grant", "greatest", "group", "having", "in", "initially", "inout", "int", "integer", "intersect",
            "interval", "into", "lateral", "leading", "least", "limit", "localtime", "localtimestamp", "national",
            "nchar", "none", "not", "null", "nullif", "numeric", "offset", "on", "only", "or", "order", "out",
            "overlay", "placing", "position", "precision", "primary", "real", "references", "returning", "row",
            "select", "session_user", "setof", "smallint", "some", "substring", "symmetric", "table", "then",
            "time", "timestamp", "to", "trailing", "treat", "trim", "true", "union", "unique", "user", "using",
            "values", "varchar", "variadic", "when", "where", "window", "with");
    private static final Pattern NEXT_VALUE = Pattern.compile("NEXT VALUE FOR (\"[^\"]*\"\\.)?\"([^\"]*)\"");

    private CatalogFunctions() {
    }

    /**
     * {@code format_type(type_oid, typemod)}: PostgreSQL's SQL name of a type, with its modifier.
     *
     * @param oid the type
     * @param typmod the modifier, or null / -1
     * @return the name; null for a null OID; {@code ???} for an OID that is no type
     */
    public static String formatType(Integer oid, Integer typmod) {
        if (oid == null) {
            return null;
        }
        Integer element = ARRAY_ELEMENTS.get(oid);
        if (element != null) {
            return formatType(element, typmod) + "[]";
        }
        String name = TYPE_NAMES.get(oid);
        if (name == null) {
            return "???";
        }
        int mod = typmod == null ? -1 : typmod;
        if (mod < 0) {
            return oid == 1042 && typmod != null ? "character(1)" : name;
        }
        return switch (oid) {
            case 1042, 1043 -> name + "(" + (mod - 4) + ")";
            case 1700 -> "numeric(" + ((mod - 4) >> 16) + "," + ((mod - 4) & 0xFFFF) + ")";
            case 1083, 1114 -> name.replace(" without", "(" + mod + ") without");
            case 1184, 1266 -> name.replace(" with", "(" + mod + ") with");
            default -> name;
        };
    }

    /**
     * @param oid a role's OID
     * @return its name, or {@code unknown (OID=n)} as PostgreSQL answers
     */
    public static String pgGetUserById(Integer oid) {
        if (oid == null) {
            return null;
        }
        return SystemState.current().catalog().role(oid).map(RoleInfo::name).orElse("unknown (OID=" + oid + ")");
    }

    /**
     * {@code pg_table_is_visible(oid)}: whether the relation is found by its bare name, i.e. its
     * schema is on the search path and no schema before it has a relation of that name.
     *
     * @param connection the engine's connection
     * @param oid the relation
     * @return the answer; null for an OID that is no relation
     * @throws SQLException from the engine
     */
    public static Boolean pgTableIsVisible(Connection connection, Integer oid) throws SQLException {
        if (oid == null) {
            return null;
        }
        String name = null;
        String schema = null;
        List<Object[]> relations = CatalogRelations.snapshot(connection);
        for (Object[] r : relations) {
            if (oid.equals(r[0])) {
                name = (String) r[1];
                schema = shownSchema((String) r[2]);
                break;
            }
        }
        if (name == null) {
            return null;
        }
        List<String> holders = new ArrayList<>();
        for (Object[] r : relations) {
            if (name.equals(r[1])) {
                holders.add(shownSchema((String) r[2]));
            }
        }
        for (String s : currentSchemas(connection, true)) {
            if (s.equals(schema)) {
                return true;
            }
            if (holders.contains(s)) {
                return false;
            }
        }
        return false;
    }

    private static String shownSchema(String engineSchema) {
        return engineSchema.equals("elephas_catalog") ? "pg_catalog" : engineSchema;
    }

    /**
     * {@code pg_type_is_visible}, {@code pg_function_is_visible}: every type is built in, and
     * functions have one name per schema in the engine.
     *
     * @param oid the object
     * @return true (null for null)
     */
    public static Boolean alwaysVisible(Integer oid) {
        return oid == null ? null : Boolean.TRUE;
    }

    /**
     * {@code current_schemas(include_implicit)}: the schemas of {@code search_path} that exist,
     * in order, with {@code pg_catalog} first when implicit ones are asked for and the path does
     * not place it.
     *
     * @param connection the engine's connection
     * @param implicit whether to include pg_catalog
     * @return the schema names
     * @throws SQLException from the engine
     */
    public static String[] currentSchemas(Connection connection, Boolean implicit) throws SQLException {
        List<String> existing = new ArrayList<>();
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("SELECT nspname FROM elephas_catalog.pg_namespace")) {
            while (rs.next()) {
                existing.add(rs.getString(1));
            }
        }
        String role = Caller.session().role().name();
        List<String> schemas = new ArrayList<>();
        for (String name : SearchPath.parse(Caller.gucs().show("search_path"), role)) {
            if (existing.contains(name) && !schemas.contains(name)) {
                schemas.add(name);
            }
        }
        if (Boolean.TRUE.equals(implicit) && !schemas.contains("pg_catalog")) {
            schemas.add(0, "pg_catalog");
        }
        return schemas.toArray(new String[0]);
    }

    /**
     * {@code array_position(array, element)}: the 1-based position of the first equal element
     * (compared as text: the engine hands a Java function's array over with one element type).
     *
     * @param array the array
     * @param element the element
     * @return its position, or null
     */
    public static Integer arrayPosition(String[] array, String element) {
        if (array == null) {
            return null;
        }
        for (int i = 0; i < array.length; i++) {
            if (Objects.equals(array[i], element)) {
                return i + 1;
            }
        }
        return null;
    }

    /**
     * {@code array_upper(array, dimension)}: the upper bound of a (1-based, one-dimensional)
     * array.
     *
     * @param array the array
     * @param dimension the dimension
     * @return its length for dimension 1 of a non-empty array, else null
     */
    public static Integer arrayUpper(String[] array, Integer dimension) {
        return array == null || array.length == 0 || dimension == null || dimension != 1 ? null : array.length;
    }

    /**
     * {@code pg_partition_ancestors(oid)}: Elephas has no partitions, so a relation's only
     * ancestor is itself (called in a select list, as psql does, it is one row).
     *
     * @param oid the relation
     * @return the same OID
     */
    public static Integer pgPartitionAncestors(Integer oid) {
        return oid;
    }

    /**
     * {@code pg_relation_is_publishable(oid)}: there is no logical replication.
     *
     * @param oid the relation
     * @return false
     */
    public static Boolean never(Integer oid) {
        return Boolean.FALSE;
    }

    /**
     * {@code pg_get_triggerdef}, {@code pg_get_statisticsobjdef_columns}: there are no such
     * objects.
     *
     * @param oid the object
     * @return null
     */
    public static String nothing(Integer oid) {
        return null;
    }

    /**
     * @param oid the object
     * @param pretty ignored
     * @return null
     */
    public static String nothing(Integer oid, Boolean pretty) {
        return null;
    }

    /**
     * {@code pg_get_indexdef(oid)}: the index's CREATE INDEX statement, as PostgreSQL prints it.
     *
     * @param connection the engine's connection
     * @param oid the index
     * @return the statement, or null
     * @throws SQLException from the engine
     */
    public static String pgGetIndexdef(Connection connection, Integer oid) throws SQLException {
        return pgGetIndexdef(connection, oid, 0, false);
    }

    /**
     * {@code pg_get_indexdef(oid, column, pretty)}: with column 0 the statement, else that key
     * column's name.
     *
     * @param connection the engine's connection
     * @param oid the index
     * @param column 0, or a 1-based key column
     * @param pretty ignored: the output is PostgreSQL's either way for plain column indexes
     * @return the definition, or null
     * @throws SQLException from the engine
     */
    public static String pgGetIndexdef(Connection connection, Integer oid, Integer column, Boolean pretty)
            throws SQLException {
        if (oid == null) {
            return null;
        }
        String name;
        String schema;
        String table;
        String engineName;
        try (PreparedStatement ps = connection.prepareStatement("SELECT relname, nspname, table_name, index_name "
                + "FROM elephas_catalog.elephas_relations WHERE oid = ? AND relkind = 'i'")) {
            ps.setInt(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                name = rs.getString(1);
                schema = rs.getString(2);
                table = rs.getString(3);
                engineName = rs.getString(4);
            }
        }
        boolean unique;
        try (PreparedStatement ps = connection.prepareStatement("SELECT index_type_name FROM information_schema.indexes "
                + "WHERE index_schema = ? AND index_name = ?")) {
            ps.setString(1, schema);
            ps.setString(2, engineName);
            try (ResultSet rs = ps.executeQuery()) {
                unique = rs.next() && !rs.getString(1).equals("INDEX");
            }
        }
        List<String> columns = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT column_name, ordering_specification, "
                + "null_ordering FROM information_schema.index_columns WHERE index_schema = ? AND index_name = ? "
                + "ORDER BY ordinal_position")) {
            ps.setString(1, schema);
            ps.setString(2, engineName);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    boolean desc = "DESC".equals(rs.getString(2));
                    String nulls = rs.getString(3);
                    String element = quoteIdent(rs.getString(1));
                    if (desc) {
                        element += " DESC";
                    }
                    // PostgreSQL's default: NULLS LAST ascending, NULLS FIRST descending.
                    if ("FIRST".equals(nulls) && !desc) {
                        element += " NULLS FIRST";
                    } else if ("LAST".equals(nulls) && desc) {
                        element += " NULLS LAST";
                    }
                    columns.add(element);
                }
            }
        }
        int col = column == null ? 0 : column;
        if (col > 0) {
            return col <= columns.size() ? columns.get(col - 1).split(" ")[0] : null;
        }
        return "CREATE " + (unique ? "UNIQUE " : "") + "INDEX " + quoteIdent(name) + " ON " + quoteIdent(schema) + "."
                + quoteIdent(table) + " USING btree (" + String.join(", ", columns) + ")";
    }

    /**
     * @param connection the engine's connection
     * @param oid the constraint
     * @return its definition as PostgreSQL prints it
     * @throws SQLException from the engine
     */
    public static String pgGetConstraintdef(Connection connection, Integer oid) throws SQLException {
        return pgGetConstraintdef(connection, oid, false);
    }

    /**
     * {@code pg_get_constraintdef(oid, pretty)}: {@code PRIMARY KEY (id)}, {@code UNIQUE (a, b)},
     * {@code FOREIGN KEY (a) REFERENCES t(id) ON DELETE CASCADE}, {@code CHECK (expr)} (the
     * engine's text of the expression).
     *
     * @param connection the engine's connection
     * @param oid the constraint
     * @param pretty ignored
     * @return the definition, or null
     * @throws SQLException from the engine
     */
    public static String pgGetConstraintdef(Connection connection, Integer oid, Boolean pretty) throws SQLException {
        if (oid == null) {
            return null;
        }
        try (PreparedStatement ps = connection.prepareStatement("SELECT contype, conrelid, conkey, confrelid, confkey, "
                + "confupdtype, confdeltype, conbin FROM elephas_catalog.pg_constraint WHERE oid = ?")) {
            ps.setInt(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                String type = rs.getString(1);
                String keys = columnList(connection, rs.getInt(2), rs.getArray(3));
                switch (type) {
                    case "p":
                        return "PRIMARY KEY (" + keys + ")";
                    case "u":
                        return "UNIQUE (" + keys + ")";
                    case "c":
                        return "CHECK (" + rs.getString(8) + ")";
                    default:
                        break;
                }
                int referenced = rs.getInt(4);
                StringBuilder def = new StringBuilder("FOREIGN KEY (").append(keys).append(") REFERENCES ")
                        .append(relationName(connection, referenced)).append('(')
                        .append(columnList(connection, referenced, rs.getArray(5))).append(')');
                appendAction(def, "UPDATE", rs.getString(6));
                appendAction(def, "DELETE", rs.getString(7));
                return def.toString();
            }
        }
    }

    private static void appendAction(StringBuilder def, String event, String action) {
        String words = switch (action == null ? "a" : action) {
            case "c" -> "CASCADE";
            case "n" -> "SET NULL";
            case "d" -> "SET DEFAULT";
            case "r" -> "RESTRICT";
            default -> null;
        };
        if (words != null) {
            def.append(" ON ").append(event).append(' ').append(words);
        }
    }

    /** A relation's name as PostgreSQL prints it: qualified unless visible. */
    private static String relationName(Connection connection, int oid) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT relname, nspname FROM elephas_catalog.elephas_relations WHERE oid = ?")) {
            ps.setInt(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Integer.toString(oid);
                }
                String name = quoteIdent(rs.getString(1));
                return Boolean.TRUE.equals(pgTableIsVisible(connection, oid)) ? name
                        : quoteIdent(shownSchema(rs.getString(2))) + "." + name;
            }
        }
    }

    private static String columnList(Connection connection, int relation, java.sql.Array attnums) throws SQLException {
        if (attnums == null) {
            return "";
        }
        Map<Integer, String> names = new LinkedHashMap<>();
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT attnum, attname FROM elephas_catalog.pg_attribute WHERE attrelid = ?")) {
            ps.setInt(1, relation);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.put(rs.getInt(1), rs.getString(2));
                }
            }
        }
        List<String> out = new ArrayList<>();
        for (Object n : (Object[]) attnums.getArray()) {
            out.add(quoteIdent(names.getOrDefault(((Number) n).intValue(), String.valueOf(n))));
        }
        return String.join(", ", out);
    }

    /**
     * @param expression an expression's text as {@code pg_attrdef.adbin} holds it
     * @param relation the relation it belongs to
     * @return the expression as PostgreSQL would print it
     */
    public static String pgGetExpr(String expression, Integer relation) {
        return pgGetExpr(expression, relation, false);
    }

    /**
     * {@code pg_get_expr(expr, relation, pretty)}: the engine's text of a default or check
     * expression, with the spellings clients look for made PostgreSQL's: {@code true},
     * {@code false}, and {@code nextval('seq'::regclass)} for a sequence's next value (pgjdbc
     * looks for {@code nextval(} to call a column auto-increment).
     *
     * @param expression the expression's text
     * @param relation the relation it belongs to
     * @param pretty ignored
     * @return the text
     */
    public static String pgGetExpr(String expression, Integer relation, Boolean pretty) {
        if (expression == null) {
            return null;
        }
        String e = expression.strip();
        if (e.equals("TRUE") || e.equals("FALSE")) {
            return e.toLowerCase(Locale.ROOT);
        }
        Matcher m = NEXT_VALUE.matcher(e);
        if (m.matches()) {
            return "nextval('" + m.group(2).replace("'", "''") + "'::regclass)";
        }
        return e;
    }

    /**
     * @param connection the engine's connection
     * @param oid an object
     * @param catalog the catalog it is in ({@code pg_class} for relations)
     * @return its comment (COMMENT ON), or null
     * @throws SQLException from the engine
     */
    public static String objDescription(Connection connection, Integer oid, String catalog) throws SQLException {
        return description(connection, oid, 0);
    }

    /**
     * @param connection the engine's connection
     * @param oid an object
     * @return its comment, or null
     * @throws SQLException from the engine
     */
    public static String objDescription(Connection connection, Integer oid) throws SQLException {
        return description(connection, oid, 0);
    }

    /**
     * @param connection the engine's connection
     * @param relation a relation
     * @param column a column number
     * @return the column's comment, or null
     * @throws SQLException from the engine
     */
    public static String colDescription(Connection connection, Integer relation, Integer column) throws SQLException {
        return column == null ? null : description(connection, relation, column);
    }

    /**
     * {@code shobj_description}: shared objects (databases, roles) have no comments in Elephas.
     *
     * @param oid the object
     * @param catalog its catalog
     * @return null
     */
    public static String shobjDescription(Integer oid, String catalog) {
        return null;
    }

    private static String description(Connection connection, Integer oid, int subid) throws SQLException {
        if (oid == null) {
            return null;
        }
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT description FROM elephas_catalog.pg_description WHERE objoid = ? AND objsubid = ?")) {
            ps.setInt(1, oid);
            ps.setInt(2, subid);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /**
     * @param connection the engine's connection
     * @param oid a function in {@code pg_proc}
     * @return its result type, as the engine declares it
     * @throws SQLException from the engine
     */
    public static String pgGetFunctionResult(Connection connection, Integer oid) throws SQLException {
        return routineText(connection, oid, "SELECT LOWER(r.data_type) FROM information_schema.routines r "
                + "JOIN elephas_catalog.pg_proc p ON p.proname = r.routine_name WHERE p.oid = ?");
    }

    /**
     * @param connection the engine's connection
     * @param oid a function in {@code pg_proc}
     * @return its argument types, comma-separated
     * @throws SQLException from the engine
     */
    public static String pgGetFunctionArguments(Connection connection, Integer oid) throws SQLException {
        return routineText(connection, oid, "SELECT LISTAGG(LOWER(a.data_type), ', ') WITHIN GROUP (ORDER BY "
                + "a.ordinal_position) FROM information_schema.parameters a JOIN information_schema.routines r "
                + "ON r.specific_schema = a.specific_schema AND r.specific_name = a.specific_name "
                + "JOIN elephas_catalog.pg_proc p ON p.proname = r.routine_name WHERE p.oid = ?");
    }

    private static String routineText(Connection connection, Integer oid, String sql) throws SQLException {
        if (oid == null) {
            return null;
        }
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setInt(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Objects.requireNonNullElse(rs.getString(1), "") : null;
            }
        }
    }

    /**
     * {@code pg_size_pretty(bigint)}: bytes, kB, MB, GB, TB, PB, as PostgreSQL rounds them
     * (a unit is used while the rounded value stays under 10240 of it).
     *
     * @param bytes a size
     * @return the text
     */
    public static String pgSizePretty(Long bytes) {
        if (bytes == null) {
            return null;
        }
        long size = bytes;
        String[] units = {"bytes", "kB", "MB", "GB", "TB", "PB"};
        long limit = 10 * 1024;
        long abs = Math.abs(size);
        if (abs < limit) {
            return size + " bytes";
        }
        int unit = 1;
        // Each step halves once to keep a rounding bit, as PostgreSQL's half_rounded does.
        long value = size >> 9;
        while (unit < units.length - 1 && Math.abs(value) >= limit * 2 - 1) {
            value >>= 10;
            unit++;
        }
        long rounded = value >= 0 ? (value + 1) / 2 : (value - 1) / 2;
        return rounded + " " + units[unit];
    }

    /**
     * {@code pg_database_size(name)}: the current database's tables and indexes as the engine
     * counts them; other databases are not open in this session (null).
     *
     * @param connection the engine's connection
     * @param name a database name
     * @return bytes, or null
     * @throws SQLException from the engine
     */
    public static Long pgDatabaseSize(Connection connection, String name) throws SQLException {
        if (name == null || !name.equals(Caller.session().database().name())) {
            return null;
        }
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT COALESCE(SUM(DISK_SPACE_USED(QUOTE_IDENT(table_schema) || '.' || QUOTE_IDENT(table_name))), 0) "
                        + "FROM information_schema.tables WHERE table_type = 'BASE TABLE' "
                        + "AND table_schema NOT IN ('information_schema', 'pg_catalog')")) {
            return rs.next() ? rs.getLong(1) : 0L;
        }
    }

    /**
     * {@code regclassout(oid)}: how PostgreSQL shows a {@code regclass} value: the relation's
     * name, quoted as needed and qualified with its schema when the search path does not find
     * it by that name; the number for an OID that is no relation.
     *
     * @param connection the engine's connection
     * @param oid a relation's OID
     * @return its name
     * @throws SQLException from the engine
     */
    public static String regclassOut(Connection connection, Integer oid) throws SQLException {
        if (oid == null) {
            return null;
        }
        for (Object[] r : CatalogRelations.snapshot(connection)) {
            if (oid.equals(r[0])) {
                String name = quoteIdent((String) r[1]);
                return Boolean.TRUE.equals(pgTableIsVisible(connection, oid)) ? name
                        : quoteIdent(shownSchema((String) r[2])) + "." + name;
            }
        }
        return oid.toString();
    }

    /**
     * {@code pg_table_size(oid)}, {@code pg_relation_size(oid)}, {@code pg_total_relation_size(oid)}:
     * a table's size as the engine counts it (its indexes included); 0 for views, sequences and
     * indexes, whose space the engine does not count apart.
     *
     * @param connection the engine's connection
     * @param oid a relation
     * @return bytes, or null for an OID that is no relation (as PostgreSQL)
     * @throws SQLException from the engine
     */
    public static Long pgTableSize(Connection connection, Integer oid) throws SQLException {
        if (oid == null) {
            return null;
        }
        for (Object[] r : CatalogRelations.snapshot(connection)) {
            if (oid.equals(r[0])) {
                if (!r[4].equals("r")) {
                    return 0L;
                }
                try (PreparedStatement ps = connection.prepareStatement("SELECT DISK_SPACE_USED(?)")) {
                    ps.setString(1, "\"" + ((String) r[2]).replace("\"", "\"\"") + "\".\""
                            + ((String) r[1]).replace("\"", "\"\"") + "\"");
                    try (ResultSet rs = ps.executeQuery()) {
                        return rs.next() ? rs.getLong(1) : 0L;
                    }
                }
            }
        }
        return null;
    }

    /**
     * PostgreSQL's {@code quote_ident}: quoted unless all lower-case letters, digits and
     * underscores, not starting with a digit, and not a key word.
     *
     * @param name an identifier
     * @return it, quoted when needed
     */
    static String quoteIdent(String name) {
        boolean plain = !name.isEmpty() && !Character.isDigit(name.charAt(0)) && !KEY_WORDS.contains(name);
        for (int i = 0; plain && i < name.length(); i++) {
            char c = name.charAt(i);
            plain = c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_';
        }
        return plain ? name : "\"" + name.replace("\"", "\"\"") + "\"";
    }
}
