package org.elephas.system;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.elephas.catalog.Catalog;
import org.elephas.catalog.DatabaseInfo;
import org.elephas.catalog.ExtensionInfo;
import org.elephas.catalog.RoleInfo;

/**
 * {@code pg_database}, {@code pg_roles} and {@code pg_extension} over the host's catalog, with
 * PostgreSQL 15's columns. Columns for what Elephas does not have (transaction ids, tablespaces,
 * ICU) hold PostgreSQL's defaults or null.
 */
public final class CatalogViews {
    /** {@code PG_UTF8}, the only encoding. */
    private static final int UTF8 = 6;
    /** {@code pg_default}. */
    private static final int DEFAULT_TABLESPACE = 1663;
    /** The order PostgreSQL writes privileges in an aclitem. */
    private static final String PRIVILEGE_ORDER = "CTc";

    private CatalogViews() {
    }

    /**
     * @param connection the engine's connection
     * @return the rows of {@code pg_database}, by OID
     * @throws SQLException from the engine
     */
    public static ResultSet pgDatabase(Connection connection) throws SQLException {
        Rows rows = new Rows().oid("oid").text("datname").oid("datdba").integer("encoding").text("datlocprovider")
                .bool("datistemplate").bool("datallowconn").integer("datconnlimit").bigint("datfrozenxid")
                .bigint("datminmxid").oid("dattablespace").text("datcollate").text("datctype").text("daticulocale")
                .text("datcollversion").textArray("datacl");
        if (Rows.columnsOnly(connection)) {
            return rows.result();
        }
        Catalog catalog = SystemState.current().catalog();
        List<DatabaseInfo> databases = new ArrayList<>(catalog.databases());
        databases.sort(Comparator.comparingInt(DatabaseInfo::oid));
        for (DatabaseInfo d : databases) {
            rows.add(d.oid(), d.name(), d.ownerOid(), UTF8, "c", d.isTemplate(), d.allowConnections(),
                    d.connectionLimit(), null, null, DEFAULT_TABLESPACE, "C", "C", null, null,
                    Rows.array(acl(catalog, d)));
        }
        return rows.result();
    }

    /**
     * {@code datacl}: null while the privileges are PostgreSQL's default (CONNECT and TEMPORARY
     * for PUBLIC), else aclitems such as {@code =Tc/postgres}, {@code postgres=CTc/postgres}.
     */
    private static List<String> acl(Catalog catalog, DatabaseInfo d) {
        Map<Integer, StringBuilder> byGrantee = new LinkedHashMap<>();
        for (Catalog.Privilege p : catalog.privileges(d.oid())) {
            byGrantee.computeIfAbsent(p.grantee(), g -> new StringBuilder()).append(p.privilege());
        }
        Map<Integer, String> privileges = new LinkedHashMap<>();
        byGrantee.forEach((grantee, chars) -> privileges.put(grantee, ordered(chars.toString())));
        if (privileges.size() == 1 && "Tc".equals(privileges.get(Catalog.PUBLIC))) {
            return null;
        }
        String owner = roleName(catalog, d.ownerOid());
        List<String> items = new ArrayList<>();
        if (privileges.containsKey(Catalog.PUBLIC)) {
            items.add("=" + privileges.get(Catalog.PUBLIC) + "/" + owner);
        }
        items.add(owner + "=" + PRIVILEGE_ORDER + "/" + owner);
        privileges.forEach((grantee, chars) -> {
            if (grantee != Catalog.PUBLIC && grantee != d.ownerOid()) {
                items.add(roleName(catalog, grantee) + "=" + chars + "/" + owner);
            }
        });
        return items;
    }

    private static String ordered(String privileges) {
        StringBuilder out = new StringBuilder();
        for (char c : PRIVILEGE_ORDER.toCharArray()) {
            if (privileges.indexOf(c) >= 0) {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String roleName(Catalog catalog, int oid) {
        return catalog.role(oid).map(RoleInfo::name).orElse(Integer.toUnsignedString(oid));
    }

    /**
     * The rows of {@code pg_roles}: the password is always shown as {@code ********}.
     * {@code rolreplication} and {@code rolbypassrls} are true for the bootstrap superuser only,
     * as initdb makes it; Elephas has neither replication nor row security.
     *
     * @param connection the engine's connection
     * @return the rows, by OID
     * @throws SQLException from the engine
     */
    public static ResultSet pgRoles(Connection connection) throws SQLException {
        Rows rows = new Rows().text("rolname").bool("rolsuper").bool("rolinherit").bool("rolcreaterole")
                .bool("rolcreatedb").bool("rolcanlogin").bool("rolreplication").integer("rolconnlimit")
                .text("rolpassword").timestamptz("rolvaliduntil").bool("rolbypassrls").textArray("rolconfig")
                .oid("oid");
        if (Rows.columnsOnly(connection)) {
            return rows.result();
        }
        List<RoleInfo> roles = new ArrayList<>(SystemState.current().catalog().roles());
        roles.sort(Comparator.comparingInt(RoleInfo::oid));
        for (RoleInfo r : roles) {
            boolean bootstrap = r.oid() == Catalog.BOOTSTRAP_SUPERUSER_OID;
            rows.add(r.name(), r.superuser(), true, r.createRole(), r.createDb(), r.canLogin(), bootstrap,
                    r.connectionLimit(), "********", null, bootstrap, null, r.oid());
        }
        return rows.result();
    }

    /**
     * The rows of {@code pg_extension}: the extensions installed in the calling session's
     * database. {@code extnamespace} is the schema's OID in the host's {@code pg_namespace}, so
     * that joins with it work; {@code extrelocatable} is false and {@code extconfig} /
     * {@code extcondition} are null, since Elephas records neither.
     *
     * @param connection the engine's connection
     * @return the rows, in creation order
     * @throws SQLException from the engine
     */
    public static ResultSet pgExtension(Connection connection) throws SQLException {
        Rows rows = new Rows().oid("oid").text("extname").oid("extowner").oid("extnamespace").bool("extrelocatable")
                .text("extversion").textArray("extconfig").textArray("extcondition");
        if (Rows.columnsOnly(connection)) {
            return rows.result();
        }
        int database = Caller.session().database().oid();
        for (ExtensionInfo e : SystemState.current().catalog().extensions(database)) {
            rows.add(e.oid(), e.name(), e.ownerOid(), namespaceOid(connection, e.schema()), false, e.version(), null,
                    null);
        }
        return rows.result();
    }

    private static Integer namespaceOid(Connection connection, String schema) {
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT oid FROM elephas_catalog.pg_namespace WHERE nspname = ?")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : null;
            }
        } catch (SQLException e) {
            return null; // the schema may be gone; the row stays readable
        }
    }
}
