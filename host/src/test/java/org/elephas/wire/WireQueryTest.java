package org.elephas.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
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
import java.util.Properties;
import java.util.UUID;

import org.elephas.testing.ListeningServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.PGConnection;
import org.postgresql.util.PSQLException;

/** pgjdbc against the wire server: queries, prepared statements, transactions, types, errors. */
class WireQueryTest {
    @RegisterExtension
    static final ListeningServer server = new ListeningServer();



    static Connection connect(String... props) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "postgres");
        for (int i = 0; i < props.length; i += 2) {
            p.setProperty(props[i], props[i + 1]);
        }
        return DriverManager.getConnection(server.get().jdbcUrl("postgres"), p);
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

    @Test
    void batchesAndTransactions() throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE batch_t (id int PRIMARY KEY, v text)");
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO batch_t VALUES (?, ?)")) {
                for (int i = 0; i < 50; i++) {
                    ps.setInt(1, i);
                    ps.setString(2, "v" + i);
                    ps.addBatch();
                }
                int[] counts = ps.executeBatch();
                assertEquals(50, counts.length);
                assertEquals(1, counts[49]);
            }
            c.setAutoCommit(false);
            s.execute("INSERT INTO batch_t VALUES (100, 'x')");
            c.rollback();
            s.execute("INSERT INTO batch_t VALUES (101, 'y')");
            c.commit();
            c.setAutoCommit(true);
            try (ResultSet rs = s.executeQuery("SELECT count(*), max(id) FROM batch_t")) {
                assertTrue(rs.next());
                assertEquals(51, rs.getInt(1));
                assertEquals(101, rs.getInt(2));
            }
            // A failed statement in a block: the block is aborted until ROLLBACK (status E).
            c.setAutoCommit(false);
            assertThrows(PSQLException.class, () -> s.execute("INSERT INTO batch_t VALUES (1, 'dup')"));
            PSQLException aborted = assertThrows(PSQLException.class, () -> s.execute("SELECT 1"));
            assertEquals("25P02", aborted.getSQLState());
            c.rollback();
            c.setAutoCommit(true);
            // A batch whose third statement fails: the earlier ones of the same Sync are rolled back.
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO batch_t VALUES (?, 'b')")) {
                for (int id : new int[] {200, 201, 1, 202}) {
                    ps.setInt(1, id);
                    ps.addBatch();
                }
                assertThrows(SQLException.class, ps::executeBatch);
            }
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM batch_t WHERE id >= 200")) {
                assertEquals(0, value(rs));
            }
        }
    }

    @Test
    void fetchSizeUsesSuspendedPortals() throws Exception {
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.setFetchSize(7);
                List<Integer> seen = new ArrayList<>();
                try (ResultSet rs = s.executeQuery("SELECT x FROM generate_series(1, 40) AS g(x) ORDER BY x")) {
                    while (rs.next()) {
                        seen.add(rs.getInt(1));
                    }
                }
                assertEquals(40, seen.size());
                assertEquals(40, seen.get(39));
            }
            c.commit();
        }
    }

    @Test
    void errorsCarrySqlStateAndPosition() throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            PSQLException e = assertThrows(PSQLException.class, () -> s.executeQuery("SELECT * FROM no_such_table"));
            assertEquals("42P01", e.getSQLState());
            assertEquals("ERROR", e.getServerErrorMessage().getSeverity());
            assertTrue(e.getServerErrorMessage().getMessage().contains("no_such_table"), e.getMessage());
            PSQLException syntax = assertThrows(PSQLException.class, () -> s.executeQuery("SELECT 1 FROM WHERE"));
            assertEquals("42601", syntax.getSQLState());
            // The session goes on.
            try (ResultSet rs = s.executeQuery("SELECT 42")) {
                assertEquals(42, value(rs));
            }
        }
    }

    @Test
    void noticesReachTheClient() throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("BEGIN");
            s.execute("BEGIN");
            SQLWarning w = s.getWarnings();
            assertTrue(w != null && w.getMessage().contains("there is already a transaction in progress"),
                    String.valueOf(w));
            s.execute("COMMIT");
        }
    }

    @Test
    void binaryTransfer() throws Exception {
        for (String threshold : new String[] {"-1", "0", "1"}) {
            try (Connection c = connect("prepareThreshold", threshold, "binaryTransfer", "true");
                    PreparedStatement ps = c.prepareStatement("SELECT CAST(? AS int), CAST(? AS bigint), "
                            + "CAST(? AS double precision), CAST(? AS numeric), CAST(? AS date), "
                            + "CAST(? AS timestamp), CAST(? AS boolean), CAST(? AS smallint), CAST(? AS real), "
                            + "CAST(? AS text), CAST('-0.000123' AS numeric), CAST('123456789.5' AS numeric)")) {
                for (int round = 0; round < 3; round++) {
                    ps.setInt(1, -7);
                    ps.setLong(2, Long.MAX_VALUE);
                    ps.setDouble(3, 2.25);
                    ps.setBigDecimal(4, new BigDecimal("-12345.6789"));
                    ps.setObject(5, LocalDate.of(1999, 12, 31));
                    ps.setObject(6, LocalDateTime.of(2030, 1, 2, 3, 4, 5, 6000));
                    ps.setBoolean(7, true);
                    ps.setShort(8, (short) 300);
                    ps.setFloat(9, 0.5f);
                    ps.setString(10, "héllo");
                    try (ResultSet rs = ps.executeQuery()) {
                        assertTrue(rs.next());
                        assertEquals(-7, rs.getInt(1));
                        assertEquals(Long.MAX_VALUE, rs.getLong(2));
                        assertEquals(2.25, rs.getDouble(3));
                        assertEquals(new BigDecimal("-12345.6789"), rs.getBigDecimal(4));
                        assertEquals(LocalDate.of(1999, 12, 31), rs.getObject(5, LocalDate.class));
                        assertEquals(LocalDateTime.of(2030, 1, 2, 3, 4, 5, 6000), rs.getObject(6, LocalDateTime.class));
                        assertTrue(rs.getBoolean(7));
                        assertEquals(300, rs.getShort(8));
                        assertEquals(0.5f, rs.getFloat(9));
                        assertEquals("héllo", rs.getString(10));
                        assertEquals(new BigDecimal("-0.000123"), rs.getBigDecimal(11));
                        assertEquals(new BigDecimal("123456789.5"), rs.getBigDecimal(12));
                    }
                }
            }
        }
    }

    @Test
    void timestampTzFollowsSessionTimeZone() throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("SET TimeZone = 'UTC'");
            s.execute("CREATE TABLE tz_t (at timestamp with time zone)");
            s.execute("INSERT INTO tz_t VALUES ('2024-06-01 12:00:00+02')");
            try (ResultSet rs = s.executeQuery("SELECT at FROM tz_t")) {
                assertTrue(rs.next());
                assertEquals("2024-06-01 10:00:00+00", rs.getString(1));
                assertEquals(OffsetDateTime.of(2024, 6, 1, 10, 0, 0, 0, ZoneOffset.UTC),
                        rs.getObject(1, OffsetDateTime.class));
            }
            s.execute("SET TimeZone = 'Asia/Kolkata'");
            assertEquals("Asia/Kolkata", c.unwrap(PGConnection.class).getParameterStatus("TimeZone"));
            try (ResultSet rs = s.executeQuery("SELECT at FROM tz_t")) {
                assertTrue(rs.next());
                assertEquals("2024-06-01 15:30:00+05:30", rs.getString(1));
            }
        }
    }

    @Test
    void metadataFromTheStartup() throws Exception {
        try (Connection c = connect()) {
            // What needs no catalog query; getTables and friends need pg_catalog views (not here yet).
            assertEquals("PostgreSQL", c.getMetaData().getDatabaseProductName());
            assertEquals("15.0", c.getMetaData().getDatabaseProductVersion());
            assertEquals(15, c.getMetaData().getDatabaseMajorVersion());
            assertEquals("postgres", c.getMetaData().getUserName());
        }
    }

    @Test
    void parameterStatusAndActivity() throws Exception {
        try (Connection c = connect("ApplicationName", "wire-test"); Statement s = c.createStatement()) {
            PGConnection pg = c.unwrap(PGConnection.class);
            assertEquals("UTF8", pg.getParameterStatus("server_encoding"));
            assertEquals("on", pg.getParameterStatus("is_superuser"));
            assertEquals("postgres", pg.getParameterStatus("session_authorization"));
            assertEquals("wire-test", pg.getParameterStatus("application_name"));
            assertEquals("on", pg.getParameterStatus("integer_datetimes"));
            s.execute("SET application_name = 'renamed'");
            assertEquals("renamed", pg.getParameterStatus("application_name"));
            try (ResultSet rs = s.executeQuery("SELECT application_name, client_addr FROM pg_stat_activity "
                    + "WHERE pid = pg_backend_pid()")) {
                assertTrue(rs.next());
                assertEquals("renamed", rs.getString(1));
                assertEquals("127.0.0.1", rs.getString(2));
            }
        }
    }

    @Test
    void cancelStopsALongStatement() throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            Thread canceller = new Thread(() -> {
                try {
                    // Cancel once the statement is running (a cancel reaching an idle backend is dropped).
                    try (Connection watcher = connect(); Statement w = watcher.createStatement()) {
                        long deadline = System.nanoTime() + 30_000_000_000L;
                        while (System.nanoTime() < deadline) {
                            try (ResultSet rs = w.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE state = "
                                    + "'active' AND query LIKE '%generate_series(1, 100000000)%' AND pid <> pg_backend_pid()")) {
                                rs.next();
                                if (rs.getInt(1) > 0) {
                                    break;
                                }
                            }
                        }
                    }
                    s.cancel();
                } catch (SQLException e) {
                    throw new RuntimeException(e);
                }
            });
            canceller.start();
            PSQLException e = assertThrows(PSQLException.class,
                    () -> s.executeQuery("SELECT count(*) FROM generate_series(1, 100000000) a, generate_series(1, 1000) b"));
            canceller.join();
            assertEquals("57014", e.getSQLState());
            assertEquals("canceling statement due to user request", e.getServerErrorMessage().getMessage());
            try (ResultSet rs = s.executeQuery("SELECT 1")) {
                assertEquals(1, value(rs));
            }
        }
    }

    @Test
    void terminatedIdleSessionIsToldWhy() throws Exception {
        try (Connection victim = connect(); Statement v = victim.createStatement(); Connection admin = connect();
                Statement a = admin.createStatement()) {
            int pid;
            try (ResultSet rs = v.executeQuery("SELECT pg_backend_pid()")) {
                pid = value(rs);
            }
            try (ResultSet rs = a.executeQuery("SELECT pg_terminate_backend(" + pid + ")")) {
                assertTrue(rs.next());
                assertTrue(rs.getBoolean(1));
            }
            PSQLException e = assertThrows(PSQLException.class, () -> v.executeQuery("SELECT 1"));
            assertTrue(e.getSQLState().equals("57P01") || e.getSQLState().startsWith("08"), e.getSQLState());
            assertTrue(victim.isClosed() || !victim.isValid(1));
        }
    }

    @Test
    void describeOfUtilityAndEmptyStatements() throws Exception {
        try (Connection c = connect("prepareThreshold", "-1"); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SHOW DateStyle")) {
                assertTrue(rs.next());
                assertTrue(rs.getString(1).startsWith("ISO"), rs.getString(1));
            }
            assertFalse(s.execute(""));
            s.execute("CREATE TABLE cte_t (id int)");
            try (PreparedStatement ps = c.prepareStatement(
                    "WITH ins AS (INSERT INTO cte_t VALUES (?) RETURNING id) SELECT id FROM ins")) {
                ps.setInt(1, 5);
                try (ResultSet rs = ps.executeQuery()) {
                    assertEquals(5, value(rs));
                }
            }
        }
        // Text output of floats as PostgreSQL writes them (pgjdbc formats binary floats itself).
        try (Connection c = connect("preferQueryMode", "simple"); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT CAST(NULL AS int) AS n, CAST(1.5e20 AS double precision), CAST(0.00001 AS double precision)")) {
                assertTrue(rs.next());
                assertNull(rs.getObject(1));
                assertEquals("1.5e+20", rs.getString(2));
                assertEquals("1e-05", rs.getString(3));
            }
        }
    }
}
