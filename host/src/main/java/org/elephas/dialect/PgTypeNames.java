package org.elephas.dialect;

import java.util.HashMap;
import java.util.Map;

import org.elephas.api.PgException;
import org.elephas.api.SqlState;

/**
 * PostgreSQL's built-in type names (and their SQL-standard spellings) with their fixed OIDs,
 * for {@code 'int4'::regtype}.
 */
final class PgTypeNames {
    private static final Map<String, Integer> OIDS = new HashMap<>();

    static {
        add(16, "bool", "boolean");
        add(17, "bytea");
        add(19, "name");
        add(20, "int8", "bigint");
        add(21, "int2", "smallint");
        add(22, "int2vector");
        add(23, "int4", "integer", "int");
        add(24, "regproc");
        add(25, "text");
        add(26, "oid");
        add(30, "oidvector");
        add(114, "json");
        add(142, "xml");
        add(650, "cidr");
        add(700, "float4", "real");
        add(701, "float8", "double precision");
        add(705, "unknown");
        add(790, "money");
        add(829, "macaddr");
        add(869, "inet");
        add(1000, "_bool", "boolean[]", "bool[]");
        add(1001, "_bytea", "bytea[]");
        add(1005, "_int2", "smallint[]", "int2[]");
        add(1007, "_int4", "integer[]", "int4[]", "int[]");
        add(1009, "_text", "text[]");
        add(1015, "_varchar", "character varying[]", "varchar[]");
        add(1016, "_int8", "bigint[]", "int8[]");
        add(1021, "_float4", "real[]", "float4[]");
        add(1022, "_float8", "double precision[]", "float8[]");
        add(1042, "bpchar", "character", "char");
        add(1043, "varchar", "character varying");
        add(1082, "date");
        add(1083, "time", "time without time zone");
        add(1114, "timestamp", "timestamp without time zone");
        add(1184, "timestamptz", "timestamp with time zone");
        add(1186, "interval");
        add(1231, "_numeric", "numeric[]");
        add(1266, "timetz", "time with time zone");
        add(1560, "bit");
        add(1562, "varbit", "bit varying");
        add(1700, "numeric", "decimal");
        add(2202, "regprocedure");
        add(2205, "regclass");
        add(2206, "regtype");
        add(2249, "record");
        add(2275, "cstring");
        add(2276, "any");
        add(2277, "anyarray");
        add(2278, "void");
        add(2279, "trigger");
        add(2283, "anyelement");
        add(2950, "uuid");
        add(3802, "jsonb");
        add(4089, "regnamespace");
        add(4096, "regrole");
        // The quoted "char" is PostgreSQL's one-byte type; unquoted char is character (bpchar).
        OIDS.put("\"char\"", 18);
    }

    private PgTypeNames() {
    }

    private static void add(int oid, String... names) {
        for (String n : names) {
            OIDS.put(n, oid);
        }
    }

    /**
     * @param text a type name as {@code regtypein} reads it ({@code int4}, {@code pg_catalog.int4},
     *     {@code character varying(10)}, {@code text[]})
     * @return its OID
     * @throws PgException 42704 when PostgreSQL has no such built-in type
     */
    static int oid(String text) {
        String name = text.strip().toLowerCase(java.util.Locale.ROOT).replaceAll("\\s+", " ");
        if (name.startsWith("pg_catalog.")) {
            name = name.substring("pg_catalog.".length());
        }
        // Type modifiers do not change the type: varchar(10), numeric(10,2), timestamp(3) with time zone.
        String bare = name.replaceAll("\\s*\\([^)]*\\)", "").strip();
        Integer oid = OIDS.get(bare);
        if (oid == null) {
            throw PgException.error(SqlState.UNDEFINED_OBJECT, "type \"" + text + "\" does not exist");
        }
        return oid;
    }
}
