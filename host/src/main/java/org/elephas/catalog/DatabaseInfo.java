package org.elephas.catalog;

/**
 * One database ({@code pg_database} row).
 *
 * @param oid its OID
 * @param name its name
 * @param ownerOid the owning role
 * @param allowConnections {@code datallowconn}
 * @param isTemplate {@code datistemplate}
 * @param connectionLimit {@code datconnlimit}, -1 for none
 */
public record DatabaseInfo(int oid, String name, int ownerOid, boolean allowConnections, boolean isTemplate,
        int connectionLimit) {
}
