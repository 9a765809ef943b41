package org.elephas.samples.workerspi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * PostgreSQL 19's {@code src/test/modules/worker_spi/t/002_worker_terminate.pl}: workers
 * launched with {@code BGWORKER_INTERRUPTIBLE} are terminated by the commands that need their
 * database to themselves (CREATE DATABASE ... TEMPLATE, ALTER DATABASE RENAME, DROP DATABASE);
 * a worker without the flag makes such a command fail. Every assertion of the original is
 * here with its name, except the two below. The node is the real distribution, reached over
 * pgjdbc ({@link DistributionNode}).
 *
 * <p>Adapted to what Elephas lacks: there are no injection points, so the original's
 * {@code procarray-reduce-count} (fewer tries of the busy-database interlock) has no
 * counterpart: {@link PgNode#reduceDatabaseInterlockRetries()} is a no-op on the distribution,
 * and the first CREATE DATABASE fails after PostgreSQL's full 50 × 100 ms.
 * {@code 'db'::regdatabase} (PostgreSQL 19) is a sub-query on {@code pg_database}, and
 * {@code '{}'} is {@code ARRAY[]} (the engine reads a string as a one-element array). There are
 * no tablespaces, so the step "launch worker 3, ALTER DATABASE ... SET TABLESPACE" (two
 * assertions) is left out. {@code autovacuum} and {@code debug_parallel_query} do not exist,
 * and the exit line is logged at LOG, so {@code log_min_messages} stays as it is.
 */
@Timeout(300)
class WorkerTerminateIT {
    @Test
    void interruptibleWorkersAreTerminatedByDatabaseCommands() throws Exception {
        // Long naptime: the workers stay in WaitLatch with the wait event WorkerSpiMain.
        try (PgNode node = DistributionNode.start("worker-terminate", Map.of("worker_spi.naptime", "600"))) {
            node.safePsql("postgres", "CREATE EXTENSION worker_spi;");

            // Launch a background worker without BGWORKER_INTERRUPTIBLE.
            String pid = launchBgworker(node, "postgres", 0, false);

            // Ensure CREATE DATABASE WITH TEMPLATE fails because a non-interruptible bgworker
            // exists. Fewer tries of the interlock would make this fail sooner (the injection
            // point; DistributionNode cannot shorten it, so this takes the full 5 s).
            PgNode.PsqlResult r;
            try (AutoCloseable reduced = node.reduceDatabaseInterlockRetries()) {
                r = node.psql("postgres", "CREATE DATABASE testdb WITH TEMPLATE postgres");
            }
            assertTrue(r.stderr().contains("source database \"postgres\" is being accessed by other users"),
                    "background worker blocked the database creation: " + r.stderr());

            // Confirm that the non-interruptible bgworker is still running.
            String result = node.safePsql("postgres",
                    "SELECT count(1) FROM pg_stat_activity WHERE backend_type = 'worker_spi dynamic';");
            assertEquals("1", result, "background worker blocking the database creation is still running");

            // Terminate the non-interruptible worker for the next tests.
            node.safePsql("postgres",
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE backend_type = 'worker_spi dynamic';");

            // The various tests.
            pid = launchBgworker(node, "postgres", 1, true);
            runBgworkerInterruptibleTest(node, "CREATE DATABASE testdb WITH TEMPLATE postgres",
                    "CREATE DATABASE WITH TEMPLATE", pid);

            pid = launchBgworker(node, "testdb", 2, true);
            runBgworkerInterruptibleTest(node, "ALTER DATABASE testdb RENAME TO renameddb",
                    "ALTER DATABASE RENAME", pid);

            pid = launchBgworker(node, "renameddb", 4, true);
            runBgworkerInterruptibleTest(node, "DROP DATABASE renameddb", "DROP DATABASE", pid);
        }
    }

    /** {@code launch_bgworker}: start a worker connected to {@code db} and wait until it sleeps. */
    private static String launchBgworker(PgNode node, String db, int testcase, boolean interruptible) {
        // Launch a background worker on the given database.
        String pid = node.safePsql("postgres", "SELECT worker_spi_launch(" + testcase
                + ", (SELECT oid FROM pg_database WHERE datname = '" + db + "'), 0, ARRAY[], " + interruptible + ");");

        // Check that the bgworker is initialized.
        TapAssertions.okPoll(node, "postgres", "SELECT wait_event FROM pg_stat_activity WHERE pid = " + pid + ";",
                "WorkerSpiMain", "dynamic bgworker " + testcase + " launched");
        return pid;
    }

    /** {@code run_bgworker_interruptible_test}: the command succeeds and terminates the worker. */
    private static void runBgworkerInterruptibleTest(PgNode node, String command, String testname, String pid) {
        long offset = node.logOffset();

        node.safePsql("postgres", command);

        // Check that the bgworker was terminated by the command.
        node.waitForLog("terminating background worker \"worker_spi dynamic\" due to administrator command", offset);
        node.waitForLog("LOG: .*background worker \"worker_spi dynamic\" \\(PID " + pid + "\\) exited with exit code",
                offset);

        String result = node.safePsql("postgres", "SELECT count(*) = 0 FROM pg_stat_activity WHERE pid = " + pid + ";");
        assertEquals("t", result, "dynamic bgworker stopped for " + testname);
    }
}
