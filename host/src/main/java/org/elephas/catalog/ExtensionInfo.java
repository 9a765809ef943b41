package org.elephas.catalog;

/**
 * One installed extension ({@code pg_extension} row).
 *
 * @param oid its OID
 * @param databaseOid the database it is installed in
 * @param name its name
 * @param version the installed version
 * @param ownerOid the role that created it
 * @param schema the schema its objects went into
 */
public record ExtensionInfo(int oid, int databaseOid, String name, String version, int ownerOid, String schema) {
}
