package org.elephas.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import org.elephas.testing.Pgbench;
import org.elephas.testing.PgClientTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Real pgbench against the distribution: {@code pgbench -i -s 1} (DROP/CREATE TABLE, COPY of
 * 100000 rows, VACUUM, ALTER TABLE ADD PRIMARY KEY), then the built-in scripts in each query
 * mode, and the TPC-B invariant that every balance total equals the history's total.
 */
@Timeout(300)
class PgbenchIT {
    private static final Duration DEADLINE = Duration.ofSeconds(120);
    private static final int CLIENTS = 2;
    private static final int PER_CLIENT = 50;

    @Test
    void initialiseThenRunTheBuiltInScriptsInEveryQueryMode() throws SQLException {
        PgClientTools.require("pgbench");
        try (ServerProcess server = ServerProcess.startReady(ServerProcess.newDataDirectory("pgbench"))) {
            int port = server.port();
            Pgbench.Result init = Pgbench.run(port, DEADLINE, "-i", "-s", "1");
            init.assertSucceeded();
            assertTrue(init.output().contains("100000 of 100000 tuples (100%) done"), init.toString());
            assertTrue(init.output().contains("creating primary keys...") && init.output().contains("done in "),
                    init.toString());

            String[] load = {"-c", String.valueOf(CLIENTS), "-j", String.valueOf(CLIENTS), "-t",
                    String.valueOf(PER_CLIENT)};
            long each = CLIENTS * PER_CLIENT;
            run(port, each, load, "-S");
            run(port, each, load, "-S", "-M", "prepared");
            run(port, each, load);
            run(port, each, load, "-M", "extended");
            run(port, each, load, "-M", "prepared");

            try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port
                    + "/postgres?user=postgres"); Statement s = c.createStatement()) {
                assertEquals(100000, value(s, "SELECT count(*) FROM pgbench_accounts"));
                assertEquals(10, value(s, "SELECT count(*) FROM pgbench_tellers"));
                assertEquals(1, value(s, "SELECT count(*) FROM pgbench_branches"));
                assertEquals(3 * each, value(s, "SELECT count(*) FROM pgbench_history"),
                        "one history row per TPC-B transaction");
                long delta = value(s, "SELECT sum(delta) FROM pgbench_history");
                assertEquals(delta, value(s, "SELECT sum(abalance) FROM pgbench_accounts"));
                assertEquals(delta, value(s, "SELECT sum(tbalance) FROM pgbench_tellers"));
                assertEquals(delta, value(s, "SELECT sum(bbalance) FROM pgbench_branches"));
                // ADD PRIMARY KEY took effect: a duplicate key is refused.
                SQLException dup = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class,
                        () -> s.execute("INSERT INTO pgbench_branches (bid, bbalance) VALUES (1, 0)"));
                assertEquals("23505", dup.getSQLState());
            }
        }
    }

    private static void run(int port, long transactions, String[] load, String... mode) {
        String[] args = new String[load.length + mode.length + 1];
        args[0] = "-n";
        System.arraycopy(mode, 0, args, 1, mode.length);
        System.arraycopy(load, 0, args, 1 + mode.length, load.length);
        Pgbench.run(port, DEADLINE, args).assertCompleted(transactions);
    }

    private static long value(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            assertTrue(rs.next(), sql);
            return rs.getLong(1);
        }
    }
}
