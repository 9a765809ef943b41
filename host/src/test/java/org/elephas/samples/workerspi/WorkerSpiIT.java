package org.elephas.samples.workerspi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * PostgreSQL's {@code src/test/modules/worker_spi/t/001_worker_spi.pl}, step by step, against
 * the shipped {@code worker_spi} bundle: dynamic workers without and with the library
 * preloaded, static workers, and the connection flags {@code ALLOWCONN} and
 * {@code ROLELOGINCHECK}. Every assertion of the original is here with its name. The node is
 * the real distribution, reached over pgjdbc ({@link DistributionNode}).
 *
 * <p>Adapted to what Elephas lacks: {@code shared_preload_libraries} is {@code
 * shared_preload_bundles}; array arguments are written {@code ARRAY['ALLOWCONN']} instead of
 * {@code '{"ALLOWCONN"}'} (the engine reads a string as a one-element array). The engine
 * commits each DDL statement, so the worker's schema, table and unique index appear one by one,
 * and adding the index rebuilds the table (docs/extensions/worker_spi.md): the first poll waits
 * for the index {@code counted_unique_total} instead of the table, or the INSERT that follows
 * may meet the table while it is rebuilt.
 */
@Timeout(300)
class WorkerSpiIT {
    @Test
    void workerSpi() throws Exception {
        try (PgNode node = DistributionNode.start("worker-spi", Map.of())) {

            // Test set of dynamic bgworkers, without the library preloaded.
            node.safePsql("postgres", "CREATE EXTENSION worker_spi;");

            // Launch one dynamic worker, then wait for its initialization to complete.
            // This consists of making sure that a table name "counted" is created on a new
            // schema whose name includes the index defined in input argument of
            // worker_spi_launch(). By default, dynamic bgworkers connect to the "postgres"
            // database with an undefined role, falling back to the bootstrap superuser.
            String result = node.safePsql("postgres", "SELECT worker_spi_launch(4) IS NOT NULL;");
            assertEquals("t", result, "dynamic bgworker launched");
            // Adapted: the engine commits each DDL statement, so the table shows before the
            // worker has added its unique index, which rebuilds the table; wait for the index.
            node.pollQueryUntil("postgres",
                    "SELECT count(*) > 0 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                            + " WHERE n.nspname = 'schema4' AND c.relname = 'counted_unique_total';");
            node.safePsql("postgres", "INSERT INTO schema4.counted VALUES ('total', 0), ('delta', 1);");
            // Issue a SIGHUP on the node to force the worker to loop once, accelerating this test.
            node.reload();
            // Wait until the worker has processed the tuple that has just been inserted.
            node.pollQueryUntil("postgres", "SELECT count(*) FROM schema4.counted WHERE type = 'delta';", "0");
            result = node.safePsql("postgres", "SELECT * FROM schema4.counted;");
            assertEquals("total|1", result, "dynamic bgworker correctly consumed tuple data");

            // Check the wait event used by the dynamic bgworker.
            TapAssertions.okPoll(node, "postgres",
                    "SELECT wait_event FROM pg_stat_activity WHERE backend_type ~ 'worker_spi';", "WorkerSpiMain",
                    "dynamic bgworker has reported \"WorkerSpiMain\" as wait event");

            // Check the wait event used by the dynamic bgworker appears in pg_wait_events.
            result = node.safePsql("postgres",
                    "SELECT count(*) > 0 from pg_wait_events where type = 'Extension' and name = 'WorkerSpiMain';");
            assertEquals("t", result, "dynamic bgworker has reported \"WorkerSpiMain\" in pg_wait_events");

            // Testing bgworkers loaded with shared_preload_bundles.

            // Create the database first so as the workers can connect to it when the library
            // is loaded.
            node.safePsql("postgres", "CREATE DATABASE mydb;");
            node.safePsql("postgres", "CREATE ROLE myrole SUPERUSER LOGIN;");
            node.safePsql("mydb", "CREATE EXTENSION worker_spi;");

            // Now load the module as a shared library. Update max_worker_processes to make
            // room for enough bgworkers, including dynamic ones.
            Map<String, String> conf = new LinkedHashMap<>();
            conf.put("shared_preload_bundles", "worker_spi");
            conf.put("worker_spi.database", "mydb");
            conf.put("worker_spi.total_workers", "3");
            conf.put("max_worker_processes", "32");
            node.appendConf(conf);
            node.restart();

            // Check that bgworkers have been registered and launched.
            TapAssertions.okPoll(node, "mydb",
                    "SELECT datname, count(datname), wait_event FROM pg_stat_activity"
                            + " WHERE backend_type = 'worker_spi' GROUP BY datname, wait_event;",
                    "mydb|3|WorkerSpiMain", "bgworkers all launched");

            // Ask worker_spi to launch dynamic bgworkers with the library loaded, then check
            // their existence. Use IDs that do not overlap with the schemas created by the
            // previous workers.
            String myroleId = node.safePsql("mydb", "SELECT oid FROM pg_roles where rolname = 'myrole';");
            String mydbId = node.safePsql("mydb", "SELECT oid FROM pg_database where datname = 'mydb';");
            String postgresdbId = node.safePsql("mydb", "SELECT oid FROM pg_database where datname = 'postgres';");
            String worker1Pid = node.safePsql("mydb", "SELECT worker_spi_launch(10, " + mydbId + ", " + myroleId + ");");
            String worker2Pid = node.safePsql("mydb",
                    "SELECT worker_spi_launch(11, " + postgresdbId + ", " + myroleId + ");");

            TapAssertions.okPoll(node, "mydb",
                    "SELECT datname, usename, wait_event FROM pg_stat_activity"
                            + " WHERE backend_type = 'worker_spi dynamic' AND"
                            + " pid IN (" + worker1Pid + ", " + worker2Pid + ") ORDER BY datname;",
                    "mydb|myrole|WorkerSpiMain\npostgres|myrole|WorkerSpiMain", "dynamic bgworkers all launched");

            // Check BGWORKER_BYPASS_ALLOWCONN.
            node.safePsql("postgres", "CREATE DATABASE noconndb ALLOW_CONNECTIONS false;");
            String noconndbId = node.safePsql("mydb", "SELECT oid FROM pg_database where datname = 'noconndb';");
            long logOffset = node.logOffset();
            node.psql("postgres", "SELECT worker_spi_launch(12, " + noconndbId + ", " + myroleId + ");");
            node.waitForLog("database \"noconndb\" is not currently accepting connections", logOffset);

            // bgworker bypasses the connection check, and can be launched.
            String worker4Pid = node.safePsql("postgres",
                    "SELECT worker_spi_launch(12, " + noconndbId + ", " + myroleId + ", ARRAY['ALLOWCONN']);");
            TapAssertions.okPoll(node, "postgres",
                    "SELECT datname, usename, wait_event FROM pg_stat_activity"
                            + " WHERE backend_type = 'worker_spi dynamic' AND"
                            + " pid IN (" + worker4Pid + ") ORDER BY datname;",
                    "noconndb|myrole|WorkerSpiMain", "dynamic bgworker with BYPASS_ALLOWCONN started");

            // Check BGWORKER_BYPASS_ROLELOGINCHECK. First create a role without login access.
            node.safePsql("postgres", """
                      CREATE ROLE nologrole WITH NOLOGIN;
                      GRANT CREATE ON DATABASE mydb TO nologrole;
                    """);
            String nologroleId = node.safePsql("mydb", "SELECT oid FROM pg_roles where rolname = 'nologrole';");
            logOffset = node.logOffset();

            // bgworker cannot be launched with login restriction.
            node.psql("postgres", "SELECT worker_spi_launch(13, " + mydbId + ", " + nologroleId + ");");
            node.waitForLog("role \"nologrole\" is not permitted to log in", logOffset);

            // bgworker bypasses the login restriction, and can be launched.
            String worker5Pid = node.safePsql("mydb",
                    "SELECT worker_spi_launch(13, " + mydbId + ", " + nologroleId + ", ARRAY['ROLELOGINCHECK']);");
            TapAssertions.okPoll(node, "mydb",
                    "SELECT datname, usename, wait_event FROM pg_stat_activity"
                            + " WHERE backend_type = 'worker_spi dynamic' AND"
                            + " pid = " + worker5Pid + ";",
                    "mydb|nologrole|WorkerSpiMain", "dynamic bgworker with BYPASS_ROLELOGINCHECK launched");
        }
    }
}
