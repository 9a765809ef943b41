package org.elephas.function;

import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.Map;

import org.elephas.api.PgException;
import org.elephas.api.SqlState;

/**
 * A PostgreSQL type a Java function may take or return, and the Java class the engine passes
 * for it. Names are PostgreSQL's ({@code int4}, {@code text}, {@code text[]}); the usual
 * spellings ({@code integer}, {@code character varying}, {@code pg_catalog.int4}) are accepted.
 *
 * @param name the canonical name, e.g. {@code int4} or {@code text[]}
 * @param javaClass what the engine passes and expects: a boxed or reference type, or
 *     {@code void.class}
 */
public record SqlType(String name, Class<?> javaClass) {
    private static final Map<String, SqlType> BASE = Map.ofEntries(
            Map.entry("int2", new SqlType("int2", Short.class)),
            Map.entry("int4", new SqlType("int4", Integer.class)),
            Map.entry("int8", new SqlType("int8", Long.class)),
            // oid is unsigned 32-bit: int8 holds all of it.
            Map.entry("oid", new SqlType("oid", Long.class)),
            Map.entry("text", new SqlType("text", String.class)),
            Map.entry("bool", new SqlType("bool", Boolean.class)),
            Map.entry("float4", new SqlType("float4", Float.class)),
            Map.entry("float8", new SqlType("float8", Double.class)),
            Map.entry("numeric", new SqlType("numeric", BigDecimal.class)),
            Map.entry("bytea", new SqlType("bytea", byte[].class)),
            Map.entry("timestamptz", new SqlType("timestamptz", OffsetDateTime.class)),
            Map.entry("void", new SqlType("void", void.class)));
    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("smallint", "int2"), Map.entry("integer", "int4"), Map.entry("int", "int4"),
            Map.entry("bigint", "int8"), Map.entry("boolean", "bool"), Map.entry("real", "float4"),
            Map.entry("double precision", "float8"), Map.entry("decimal", "numeric"),
            Map.entry("varchar", "text"), Map.entry("character varying", "text"), Map.entry("name", "text"),
            Map.entry("cstring", "text"), Map.entry("regclass", "oid"),
            Map.entry("timestamp with time zone", "timestamptz"));

    /**
     * The result of a set-returning function ({@code RETURNS TABLE (...)}): the engine gets the
     * rows as a result set. Not a type a parameter or a column can have.
     */
    public static final SqlType TABLE = new SqlType("table", ResultSet.class);

    /**
     * @param typeName a type name as written, e.g. {@code pg_catalog.int4}, {@code integer[]}
     * @return the type
     * @throws PgException 42704 {@code type "x" does not exist} for one Java functions cannot use
     */
    public static SqlType of(String typeName) {
        if (TABLE.name.equals(typeName)) {
            return TABLE;
        }
        String t = typeName.trim().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        if (t.startsWith("pg_catalog.")) {
            t = t.substring("pg_catalog.".length());
        }
        if (t.endsWith("[]")) {
            SqlType element = of(t.substring(0, t.length() - 2));
            if (element.javaClass == void.class || element.javaClass.isArray()) {
                throw undefined(typeName);
            }
            return new SqlType(element.name + "[]", Array.newInstance(element.javaClass, 0).getClass());
        }
        SqlType base = BASE.get(ALIASES.getOrDefault(t, t));
        if (base == null) {
            throw undefined(typeName);
        }
        return base;
    }

    /**
     * @param typeName a type name
     * @return whether Java functions can use it
     */
    public static boolean known(String typeName) {
        try {
            of(typeName);
            return true;
        } catch (PgException e) {
            return false;
        }
    }

    private static PgException undefined(String typeName) {
        return PgException.error(SqlState.UNDEFINED_OBJECT, "type \"" + typeName.trim() + "\" does not exist");
    }

    /** @return whether this is an array type */
    public boolean isArray() {
        return javaClass.isArray() && javaClass != byte[].class;
    }

    /**
     * Convert a value to this type's Java class (for parameters bound through SPI, default
     * values and function results).
     *
     * @param value a value, null for NULL
     * @return the converted value
     * @throws PgException 42804 when it cannot be converted
     */
    public Object convert(Object value) {
        if (javaClass == void.class) {
            return null;
        }
        return JavaValues.convert(value, javaClass, name);
    }

    /** @return the name PostgreSQL's messages use ({@code integer}, {@code boolean}, {@code text[]}) */
    public String displayName() {
        String base = isArray() ? name.substring(0, name.length() - 2) : name;
        String shown = switch (base) {
            case "int2" -> "smallint";
            case "int4" -> "integer";
            case "int8" -> "bigint";
            case "bool" -> "boolean";
            case "float4" -> "real";
            case "float8" -> "double precision";
            default -> base;
        };
        return isArray() ? shown + "[]" : shown;
    }

    @Override
    public String toString() {
        return name;
    }
}
