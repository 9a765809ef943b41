package org.elephas.engine;

import java.util.Map;

/**
 * The OID of a table or view, as {@code pg_class.oid} shows it: an engine object's OID is 16384
 * + its engine id (unique in the database, kept for the object's life); relations of
 * {@code information_schema} (negative engine ids) are 12000 + (minus their id); the host's
 * catalog views in {@code elephas_catalog} have PostgreSQL's OIDs ({@code pg_class} = 1259, ...).
 */
public final class RelationOids {
    /** The schema of the host's catalog views. */
    public static final String HOST_SCHEMA = "elephas_catalog";

    /** PostgreSQL's OIDs of the catalog relations the host provides. */
    private static final Map<String, Integer> KNOWN = Map.ofEntries(Map.entry("pg_type", 1247),
            Map.entry("pg_attribute", 1249), Map.entry("pg_proc", 1255), Map.entry("pg_class", 1259),
            Map.entry("pg_database", 1262), Map.entry("pg_tablespace", 1213), Map.entry("pg_namespace", 2615),
            Map.entry("pg_constraint", 2606), Map.entry("pg_description", 2609), Map.entry("pg_index", 2610),
            Map.entry("pg_inherits", 2611), Map.entry("pg_attrdef", 2604), Map.entry("pg_am", 2601),
            Map.entry("pg_trigger", 2620), Map.entry("pg_extension", 3079), Map.entry("pg_collation", 3456),
            Map.entry("pg_auth_members", 1261), Map.entry("pg_partitioned_table", 3350),
            Map.entry("pg_policy", 3256), Map.entry("pg_statistic_ext", 3381), Map.entry("pg_publication", 6104),
            Map.entry("pg_publication_namespace", 6237), Map.entry("pg_publication_rel", 6106),
            Map.entry("pg_roles", 12001), Map.entry("pg_settings", 12002), Map.entry("pg_stat_activity", 12003),
            Map.entry("pg_user", 12004), Map.entry("pg_sequence", 2224), Map.entry("pg_depend", 2608));

    private RelationOids() {
    }

    /**
     * @param schema the engine schema holding the relation
     * @param name the relation's name
     * @param engineId the engine's id for it
     * @return its OID
     */
    public static int of(String schema, String name, int engineId) {
        Integer known = schema.equals(HOST_SCHEMA) ? KNOWN.get(name) : null;
        return known != null ? known : engineId < 0 ? 12000 - engineId : 16384 + engineId;
    }
}
