package org.elephas.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;

import org.elephas.api.hooks.ClientAuthenticationHook;
import org.elephas.api.hooks.HookRegistration;
import org.elephas.hooks.HookOwner;
import org.elephas.testing.SqlClient;
import org.elephas.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.util.PSQLException;

/** Authentication over the wire: hba.conf rules and methods, the hook, max_connections. */
class WireAuthTest {
    @TempDir
    static Path root;
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        Files.createDirectories(root.resolve("data"));
        Files.writeString(root.resolve("data/hba.conf"), """
                # TYPE  DATABASE  USER        ADDRESS        METHOD
                host    all       u_scram     127.0.0.1/32   scram-sha-256
                host    all       u_md5       127.0.0.1/32   md5
                host    all       u_md5scram  127.0.0.1/32   md5
                host    all       u_plain     127.0.0.1/32   password
                host    all       u_rejected  127.0.0.1/32   reject
                host    all       u_nowhere   10.0.0.0/8     trust
                host    postgres  all         127.0.0.1      255.255.255.255  trust
                """);
        server = TestServer.start(root, Map.of("listen_addresses", "127.0.0.1", "max_connections", "4"));
        try (SqlClient c = server.connect()) {
            c.exec("CREATE ROLE u_scram LOGIN PASSWORD 'scram pw'");
            c.exec("CREATE ROLE u_md5scram LOGIN PASSWORD 'other pw'");
            c.exec("CREATE ROLE u_plain LOGIN PASSWORD 'plain pw'");
            c.exec("CREATE ROLE u_rejected LOGIN PASSWORD 'x'");
            c.exec("CREATE ROLE u_nowhere LOGIN");
            c.exec("SET password_encryption = 'md5'");
            c.exec("CREATE ROLE u_md5 LOGIN PASSWORD 'md5 pw'");
        }
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static Connection connect(String user, String password) throws SQLException {
        return connect("postgres", user, password);
    }

    private static Connection connect(String database, String user, String password) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        if (password != null) {
            p.setProperty("password", password);
        }
        return DriverManager.getConnection(server.jdbcUrl(database), p);
    }

    private static String whoAmI(String user, String password) throws SQLException {
        try (Connection c = connect(user, password); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT current_user")) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void eachMethodAcceptsTheRightPassword() throws Exception {
        assertEquals("u_scram", whoAmI("u_scram", "scram pw"));
        assertEquals("u_md5", whoAmI("u_md5", "md5 pw"));
        // md5 with a SCRAM verifier stored runs SCRAM, as PostgreSQL does.
        assertEquals("u_md5scram", whoAmI("u_md5scram", "other pw"));
        assertEquals("u_plain", whoAmI("u_plain", "plain pw"));
        assertEquals("postgres", whoAmI("postgres", null));
    }

    @Test
    void wrongPasswordsFailWithTheirMessage() {
        for (String user : List.of("u_scram", "u_md5", "u_md5scram", "u_plain")) {
            PSQLException e = assertThrows(PSQLException.class, () -> connect(user, "wrong").close(), user);
            assertEquals("28P01", e.getSQLState(), user);
            assertEquals("password authentication failed for user \"" + user + "\"",
                    e.getServerErrorMessage().getMessage());
            assertEquals("FATAL", e.getServerErrorMessage().getSeverity());
        }
        server.log().await("password authentication failed for user \"u_plain\"", TestServer.PATIENCE);
    }

    @Test
    void noMatchingRuleAndRejectRefuse() {
        PSQLException e = assertThrows(PSQLException.class, () -> connect("elsewhere", "u_nowhere", null).close());
        assertEquals("28000", e.getSQLState());
        assertEquals("no pg_hba.conf entry for host \"127.0.0.1\", user \"u_nowhere\", database \"elsewhere\", "
                + "no encryption", e.getServerErrorMessage().getMessage());
        PSQLException r = assertThrows(PSQLException.class, () -> connect("u_rejected", "x").close());
        assertEquals("28000", r.getSQLState());
        assertEquals("pg_hba.conf rejects connection for host \"127.0.0.1\", user \"u_rejected\", database "
                + "\"postgres\", no encryption", r.getServerErrorMessage().getMessage());
        PSQLException missing = assertThrows(PSQLException.class, () -> connect("no_such_role", null).close());
        assertEquals("28000", missing.getSQLState());
        assertEquals("role \"no_such_role\" does not exist", missing.getServerErrorMessage().getMessage());
    }

    @Test
    void theHookSeesTheRealMethodAndOutcome() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        ClientAuthenticationHook hook = (port, status, next) -> {
            seen.add(port.userName() + " " + port.authMethod() + " " + status + " " + port.remoteHost());
            next.clientAuthentication(port, status);
        };
        try (HookRegistration h = server.postmaster().hooks().install(ClientAuthenticationHook.class, hook,
                new HookOwner(-2, "wiretest", "wiretest"))) {
            whoAmI("u_scram", "scram pw");
            assertThrows(PSQLException.class, () -> connect("u_md5", "bad").close());
        }
        assertEquals(List.of("u_scram scram-sha-256 OK 127.0.0.1", "u_md5 md5 ERROR 127.0.0.1"), seen);
    }

    @Test
    void maxConnectionsRefusesTheOneTooMany() throws Exception {
        List<Connection> open = new ArrayList<>();
        try {
            PSQLException e = null;
            for (int i = 0; i < 10 && e == null; i++) {
                try {
                    open.add(connect("postgres", null));
                } catch (PSQLException refused) {
                    e = refused;
                }
            }
            assertTrue(e != null, "a connection was refused");
            assertEquals(4, open.size());
            assertEquals("53300", e.getSQLState());
            assertEquals("sorry, too many clients already", e.getServerErrorMessage().getMessage());
        } finally {
            for (Connection c : open) {
                c.close();
            }
        }
        // The slots come back once the clients leave.
        long deadline = System.nanoTime() + TestServer.PATIENCE.toNanos();
        while (server.postmaster().wire().connectionCount() > 0 && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
        }
        assertEquals("postgres", whoAmI("postgres", null));
    }
}
