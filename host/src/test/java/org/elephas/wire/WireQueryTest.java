package org.elephas.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.elephas.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.PGConnection;
import org.postgresql.util.PSQLException;

/** pgjdbc against the wire server: queries, prepared statements, transactions, types, errors. */
class WireQueryTest {
    @TempDir
    static Path root;
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(root, Map.of("listen_addresses", "127.0.0.1"));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    static Connection connect(String... props) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "postgres");
        for (int i = 0; i < props.length; i += 2) {
            p.setProperty(props[i], props[i + 1]);
        }
        return DriverManager.getConnection(server.jdbcUrl("postgres"), p);
    }

    @Test
    void simpleQueries() throws Exception {
        try (Connection c = connect("preferQueryMode", "simple"); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE simple_t (id int PRIMARY KEY, name text)");
            assertEquals(2, s.executeUpdate("INSERT INTO simple_t VALUES (1, 'one'), (2, 'two')"));
            try (ResultSet rs = s.executeQuery("SELECT id, name FROM simple_t ORDER BY id")) {
                assertTrue(rs.next());
                assertEquals(1, rs.getInt(1));
                assertEquals("one", rs.getString(2));
                assertTrue(rs.next());
                assertFalse(rs.next());
            }
            // Several statements in one message: the last result is what pgjdbc returns first.
            assertTrue(s.execute("SELECT 1; SELECT 2"));
            assertEquals(1, value(s.getResultSet()));
            assertTrue(s.getMoreResults());
            assertEquals(2, value(s.getResultSet()));
        }
    }

    private static int value(ResultSet rs) throws SQLException {
        assertTrue(rs.next());
        return rs.getInt(1);
    }

    @Test
    void preparedStatementsWithTypes() throws Exception {
        try (Connection c = connect("prepareThreshold", "1"); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE typed (i int, b bigint, n numeric(10,2), f double precision, t text, d date, "
                    + "ts timestamp, flag boolean, u uuid, by bytea)");
            UUID u = UUID.randomUUID();
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO typed VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (int i = 0; i < 3; i++) {
                    ps.setInt(1, i);
                    ps.setLong(2, 10_000_000_000L + i);
                    ps.setBigDecimal(3, new BigDecimal("12.34"));
                    ps.setDouble(4, 1.5);
                    ps.setString(5, "row " + i);
                    ps.setObject(6, LocalDate.of(2024, 2, 29));
                    ps.setObject(7, LocalDateTime.of(2024, 2, 29, 13, 14, 15, 123_000_000));
                    ps.setBoolean(8, i % 2 == 0);
                    ps.setObject(9, u);
                    ps.setBytes(10, new byte[] {1, 2, (byte) 0xff});
                    assertEquals(1, ps.executeUpdate());
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM typed WHERE i = ?")) {
                for (int round = 0; round < 3; round++) {
                    ps.setInt(1, 2);
                    try (ResultSet rs = ps.executeQuery()) {
                        assertTrue(rs.next());
                        assertEquals(2, rs.getInt("i"));
                        assertEquals(10_000_000_002L, rs.getLong("b"));
                        assertEquals(new BigDecimal("12.34"), rs.getBigDecimal("n"));
                        assertEquals(1.5, rs.getDouble("f"));
                        assertEquals("row 2", rs.getString("t"));
                        assertEquals(LocalDate.of(2024, 2, 29), rs.getObject("d", LocalDate.class));
                        assertEquals(LocalDateTime.of(2024, 2, 29, 13, 14, 15, 123_000_000),
                                rs.getObject("ts", LocalDateTime.class));
                        assertTrue(rs.getBoolean("flag"));
                        assertEquals(u, rs.getObject("u"));
                        assertArrayEquals(new byte[] {1, 2, (byte) 0xff}, rs.getBytes("by"));
                        assertFalse(rs.next());
                    }
                }
            }
        }
    }
}
