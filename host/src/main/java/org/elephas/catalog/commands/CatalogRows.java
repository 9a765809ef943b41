package org.elephas.catalog.commands;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import org.elephas.api.PgException;
import org.elephas.api.SqlState;
import org.elephas.catalog.Catalog;
import org.elephas.catalog.DatabaseInfo;
import org.elephas.catalog.RoleInfo;

/**
 * The catalog rows the commands write, inside {@link Catalog#change}. Name conflicts are
 * checked again here, under the catalog's lock, so that two sessions racing to the same name
 * get PostgreSQL's message rather than a key violation.
 */
final class CatalogRows {
    private CatalogRows() {
    }

    static void insertDatabase(Connection c, DatabaseInfo d) throws SQLException {
        if (exists(c, "SELECT 1 FROM databases WHERE name = ?", d.name())) {
            throw PgException.error(SqlState.DUPLICATE_DATABASE, "database \"" + d.name() + "\" already exists");
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO databases VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setInt(1, d.oid());
            ps.setString(2, d.name());
            ps.setInt(3, d.ownerOid());
            ps.setBoolean(4, d.allowConnections());
            ps.setBoolean(5, d.isTemplate());
            ps.setInt(6, d.connectionLimit());
            ps.executeUpdate();
        }
        // A new database's ACL is the default one: PUBLIC may connect and create temporary tables.
        grant(c, d.oid(), Catalog.PUBLIC, 'c');
        grant(c, d.oid(), Catalog.PUBLIC, 'T');
    }

    static void updateDatabase(Connection c, DatabaseInfo d) throws SQLException {
        if (exists(c, "SELECT 1 FROM databases WHERE name = ? AND oid <> " + d.oid(), d.name())) {
            throw PgException.error(SqlState.DUPLICATE_DATABASE, "database \"" + d.name() + "\" already exists");
        }
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE databases SET name = ?, owner = ?, allowconn = ?, istemplate = ?, connlimit = ? WHERE oid = ?")) {
            ps.setString(1, d.name());
            ps.setInt(2, d.ownerOid());
            ps.setBoolean(3, d.allowConnections());
            ps.setBoolean(4, d.isTemplate());
            ps.setInt(5, d.connectionLimit());
            ps.setInt(6, d.oid());
            ps.executeUpdate();
        }
    }

    /** The database's row, its privileges and its extensions' rows. */
    static void deleteDatabase(Connection c, int oid) throws SQLException {
        for (String sql : new String[] {"DELETE FROM database_privileges WHERE database_oid = ?",
                "DELETE FROM extensions WHERE database_oid = ?", "DELETE FROM databases WHERE oid = ?"}) {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setInt(1, oid);
                ps.executeUpdate();
            }
        }
    }

    static void insertRole(Connection c, RoleInfo r) throws SQLException {
        if (exists(c, "SELECT 1 FROM roles WHERE name = ?", r.name())) {
            throw roleExists(r.name());
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO roles VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            setRole(ps, r);
            ps.executeUpdate();
        }
    }

    static void updateRole(Connection c, RoleInfo r) throws SQLException {
        if (exists(c, "SELECT 1 FROM roles WHERE name = ? AND oid <> " + r.oid(), r.name())) {
            throw roleExists(r.name());
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE roles SET oid = ?, name = ?, superuser = ?, createdb = ?,"
                + " createrole = ?, canlogin = ?, password = ?, connlimit = ? WHERE oid = ?")) {
            setRole(ps, r);
            ps.setInt(9, r.oid());
            ps.executeUpdate();
        }
    }

    static void deleteRole(Connection c, int oid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM roles WHERE oid = ?")) {
            ps.setInt(1, oid);
            ps.executeUpdate();
        }
    }

    static void grant(Connection c, int databaseOid, int grantee, char privilege) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "MERGE INTO database_privileges KEY (database_oid, grantee, privilege) VALUES (?, ?, ?)")) {
            ps.setInt(1, databaseOid);
            ps.setInt(2, grantee);
            ps.setString(3, String.valueOf(privilege));
            ps.executeUpdate();
        }
    }

    static void revoke(Connection c, int databaseOid, int grantee, char privilege) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "DELETE FROM database_privileges WHERE database_oid = ? AND grantee = ? AND privilege = ?")) {
            ps.setInt(1, databaseOid);
            ps.setInt(2, grantee);
            ps.setString(3, String.valueOf(privilege));
            ps.executeUpdate();
        }
    }

    static PgException roleExists(String name) {
        return PgException.error(SqlState.DUPLICATE_OBJECT, "role \"" + name + "\" already exists");
    }

    private static void setRole(PreparedStatement ps, RoleInfo r) throws SQLException {
        ps.setInt(1, r.oid());
        ps.setString(2, r.name());
        ps.setBoolean(3, r.superuser());
        ps.setBoolean(4, r.createDb());
        ps.setBoolean(5, r.createRole());
        ps.setBoolean(6, r.canLogin());
        ps.setString(7, r.password());
        ps.setInt(8, r.connectionLimit());
    }

    private static boolean exists(Connection c, String sql, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }
}
