package org.elephas.catalog;

/**
 * One role ({@code pg_authid} row).
 *
 * @param oid its OID
 * @param name its name
 * @param superuser {@code rolsuper}
 * @param createDb {@code rolcreatedb}
 * @param createRole {@code rolcreaterole}
 * @param canLogin {@code rolcanlogin}
 * @param password the stored password verifier ({@code SCRAM-SHA-256$...} or {@code md5...}),
 *     or null
 * @param connectionLimit {@code rolconnlimit}, -1 for none
 */
public record RoleInfo(int oid, String name, boolean superuser, boolean createDb, boolean createRole,
        boolean canLogin, String password, int connectionLimit) {
}
