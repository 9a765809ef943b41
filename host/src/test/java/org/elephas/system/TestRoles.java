package org.elephas.system;

import java.sql.PreparedStatement;

import org.elephas.catalog.Catalog;
import org.elephas.testing.TestServer;

/** Roles for permission tests, written straight into the catalog (CREATE ROLE is not needed here). */
final class TestRoles {
    private TestRoles() {
    }

    /**
     * @param server the server
     * @param name a new login role, not a superuser
     * @return its OID
     */
    static int create(TestServer server, String name) {
        Catalog catalog = server.postmaster().catalog();
        int oid = catalog.newOid();
        catalog.change(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO roles VALUES (?, ?, FALSE, FALSE, FALSE, TRUE, NULL, -1)")) {
                ps.setInt(1, oid);
                ps.setString(2, name);
                ps.executeUpdate();
            }
        });
        return oid;
    }
}
