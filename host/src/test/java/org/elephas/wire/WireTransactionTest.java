package org.elephas.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.elephas.testing.ListeningServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.util.PSQLException;

/**
 * Transactions over the extended protocol as pgbench and pgjdbc drive them: the statement
 * alone before a Sync (run by the engine on its own), pipelined statements up to one Sync (one
 * implicit transaction), row-lock waits (no engine timeout by default, {@code lock_timeout}),
 * and deadlocks (40P01 for one side, the other goes on).
 */
class WireTransactionTest {
    @RegisterExtension
    static final ListeningServer server = new ListeningServer();



    private static Connection connect() throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "postgres");
        // Server-side prepared statements from the first execution, as pgbench -M prepared.
        p.setProperty("prepareThreshold", "1");
        return DriverManager.getConnection(server.get().jdbcUrl("postgres"), p);
    }

    private static int count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertTrue(rs.next());
            return rs.getInt(1);
        }
    }

    @Test
    void preparedStatementBeforeSyncCommitsAndLeavesNothingOpen() throws Exception {
        try (Connection a = connect(); Connection b = connect(); Statement sa = a.createStatement()) {
            sa.execute("CREATE TABLE alone_t (id int PRIMARY KEY, v int)");
            try (PreparedStatement ins = a.prepareStatement("INSERT INTO alone_t VALUES (?, ?)");
                    PreparedStatement sel = b.prepareStatement("SELECT v FROM alone_t WHERE id = ?")) {
                for (int i = 1; i <= 3; i++) {
                    ins.setInt(1, i);
                    ins.setInt(2, i * 10);
                    assertEquals(1, ins.executeUpdate());
                    // Committed at the Sync: the other session sees each row at once.
                    sel.setInt(1, i);
                    try (ResultSet rs = sel.executeQuery()) {
                        assertTrue(rs.next());
                        assertEquals(i * 10, rs.getInt(1));
                    }
                }
                // A failing one is undone and leaves the session out of any transaction.
                ins.setInt(1, 1);
                ins.setInt(2, 0);
                PSQLException e = assertThrows(PSQLException.class, ins::executeUpdate);
                assertEquals("23505", e.getSQLState());
                assertEquals(3, count(a, "SELECT count(*) FROM alone_t"));
                // The reading session holds no lock and no snapshot: a change another session
                // commits is seen by its next statement, and DDL does not wait for it.
                sa.executeUpdate("UPDATE alone_t SET v = 99 WHERE id = 2");
                sel.setInt(1, 2);
                try (ResultSet rs = sel.executeQuery()) {
                    assertTrue(rs.next());
                    assertEquals(99, rs.getInt(1));
                }
                sa.execute("SET lock_timeout = '2s'");
                sa.execute("ALTER TABLE alone_t ADD COLUMN w int");
            }
            assertEquals("idle", stateOf(a, b));
        }
    }

    private static String stateOf(Connection observer, Connection observed) throws SQLException {
        int pid = ((org.postgresql.PGConnection) observed).getBackendPID();
        try (PreparedStatement ps = observer.prepareStatement("SELECT state FROM pg_stat_activity WHERE pid = ?")) {
            ps.setInt(1, pid);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                return rs.getString(1);
            }
        }
    }

    @Test
    void statementsUpToOneSyncAreOneTransaction() throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE batch_t (id int PRIMARY KEY)");
            // pgjdbc sends a batch as Bind/Execute pairs and one Sync: the failing third
            // statement rolls back the first two, as in PostgreSQL.
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO batch_t VALUES (?)")) {
                for (int id : new int[] {1, 2, 1}) {
                    ps.setInt(1, id);
                    ps.addBatch();
                }
                BatchUpdateException e = assertThrows(BatchUpdateException.class, ps::executeBatch);
                assertEquals("23505", e.getSQLState());
                assertEquals(0, count(c, "SELECT count(*) FROM batch_t"));
                for (int id : new int[] {1, 2}) {
                    ps.setInt(1, id);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            assertEquals(2, count(c, "SELECT count(*) FROM batch_t"));
        }
    }

    @Test
    void rowLockWaitsOutlastTheEnginesDefaultAndLockTimeoutEndsThem() throws Exception {
        try (Connection a = connect(); Connection b = connect(); Statement sa = a.createStatement();
                Statement sb = b.createStatement()) {
            sa.execute("CREATE TABLE wait_t (id int PRIMARY KEY, v int)");
            sa.execute("INSERT INTO wait_t VALUES (1, 0)");
            a.setAutoCommit(false);
            sa.executeUpdate("UPDATE wait_t SET v = v + 1 WHERE id = 1");
            CompletableFuture<Integer> waiter = CompletableFuture.supplyAsync(() -> {
                try {
                    return sb.executeUpdate("UPDATE wait_t SET v = v + 10 WHERE id = 1");
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            // PostgreSQL waits as long as it takes (lock_timeout 0); the engine alone would give
            // up after 2 s.
            assertThrows(TimeoutException.class, () -> waiter.get(2500, TimeUnit.MILLISECONDS));
            a.commit();
            assertEquals(1, waiter.get(30, TimeUnit.SECONDS));
            assertEquals(11, count(a, "SELECT v FROM wait_t"));
            a.commit();

            sa.executeUpdate("UPDATE wait_t SET v = 0 WHERE id = 1");
            sb.execute("SET lock_timeout = '100ms'");
            PSQLException e = assertThrows(PSQLException.class,
                    () -> sb.executeUpdate("UPDATE wait_t SET v = 5 WHERE id = 1"));
            assertEquals("55P03", e.getSQLState());
            assertEquals("canceling statement due to lock timeout", e.getServerErrorMessage().getMessage());
            sb.execute("RESET lock_timeout");
            a.rollback();
        }
    }

    @Test
    void aDeadlockFailsOneSideAndTheOtherGoesOn() throws Exception {
        try (Connection a = connect(); Connection b = connect(); Statement sa = a.createStatement();
                Statement sb = b.createStatement()) {
            sa.execute("CREATE TABLE deadlock_t (id int PRIMARY KEY, v int)");
            sa.execute("INSERT INTO deadlock_t VALUES (1, 0), (2, 0)");
            a.setAutoCommit(false);
            b.setAutoCommit(false);
            sa.executeUpdate("UPDATE deadlock_t SET v = 1 WHERE id = 1");
            sb.executeUpdate("UPDATE deadlock_t SET v = 2 WHERE id = 2");
            CompletableFuture<Integer> aWaits = CompletableFuture.supplyAsync(() -> {
                try {
                    return sa.executeUpdate("UPDATE deadlock_t SET v = 1 WHERE id = 2");
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            // a now waits for b (or is about to): b closing the cycle or a doing so fails one.
            SQLException failure = null;
            try {
                sb.executeUpdate("UPDATE deadlock_t SET v = 2 WHERE id = 1");
            } catch (SQLException e) {
                failure = e;
            }
            if (failure != null) {
                assertEquals("40P01", failure.getSQLState());
                assertEquals("deadlock detected", ((PSQLException) failure).getServerErrorMessage().getMessage());
                // The failed transaction released its rows at the error: a goes on.
                assertEquals(1, aWaits.get(30, TimeUnit.SECONDS));
                b.rollback();
                a.commit();
                assertEquals(2, count(b, "SELECT count(*) FROM deadlock_t WHERE v = 1"));
            } else {
                ExecutionException e = assertThrows(ExecutionException.class, () -> aWaits.get(30, TimeUnit.SECONDS));
                SQLException cause = (SQLException) e.getCause().getCause();
                assertEquals("40P01", cause.getSQLState());
                a.rollback();
                b.commit();
                assertEquals(2, count(a, "SELECT count(*) FROM deadlock_t WHERE v = 2"));
            }
        }
    }
}
