package org.elephas.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.util.Map;

import org.elephas.api.Datum;
import org.elephas.api.bgworker.BackgroundWorker;
import org.elephas.api.bgworker.BackgroundWorkerHandle;
import org.elephas.api.bgworker.BackgroundWorkers;
import org.elephas.api.bgworker.BgWorkerFlags;
import org.elephas.api.bgworker.BgWorkerStartTime;
import org.elephas.api.bgworker.BgwHandleStatus;
import org.elephas.api.ipc.Backends;
import org.elephas.api.ipc.Signal;
import org.elephas.backend.ActivityState;
import org.elephas.backend.Backend;
import org.elephas.catalog.Catalog;
import org.elephas.fixtures.ext.SpiWorkers;
import org.elephas.fixtures.ext.SqlExtension;
import org.elephas.testing.FixtureBundles;
import org.elephas.testing.SqlClient;
import org.elephas.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Background workers connected to a database (BackgroundWorkerInitializeConnection by name and
 * by OID, with PostgreSQL's FATALs) running SPI in transactions like worker_spi, seen through
 * their backends; and a worker terminated inside a long SPI statement.
 */
class SpiWorkerTest {
    private static final String FN = SpiWorkers.class.getName() + ".";
    private static final int PLAIN_OID = 91001;
    private static final int NOLOGIN_OID = 91002;

    @TempDir
    static Path root;
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        Path bundles = root.resolve("home/bundles");
        java.nio.file.Files.createDirectories(bundles);
        FixtureBundles.build(bundles, "fx_spiw", SqlExtension.class);
        server = TestServer.start(root, Map.of("max_worker_processes", "8"));
        server.postmaster().catalog().change(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO roles VALUES (?, ?, FALSE, FALSE, FALSE, ?, NULL, -1)")) {
                ps.setInt(1, PLAIN_OID);
                ps.setString(2, "plain");
                ps.setBoolean(3, true);
                ps.executeUpdate();
                ps.setInt(1, NOLOGIN_OID);
                ps.setString(2, "nolog");
                ps.setBoolean(3, false);
                ps.executeUpdate();
            }
            // template1 without CONNECT for PUBLIC.
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM database_privileges WHERE database_oid = ? AND privilege = 'c'")) {
                ps.setInt(1, Catalog.TEMPLATE1_OID);
                ps.executeUpdate();
            }
        });
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static BackgroundWorkerHandle launch(String name, String function, int arg, String connection) {
        BackgroundWorker w = BackgroundWorker.builder().name(name).type(name)
                .flags(BgWorkerFlags.SHMEM_ACCESS | BgWorkerFlags.BACKEND_DATABASE_CONNECTION)
                .startTime(BgWorkerStartTime.RECOVERY_FINISHED).restartTime(BackgroundWorker.BGW_NEVER_RESTART)
                .libraryName("fx_spiw").functionName(FN + function).mainArg(Datum.ofInt32(arg))
                .extra(connection.getBytes(StandardCharsets.UTF_8)).build();
        return BackgroundWorkers.registerDynamicBackgroundWorker(w).orElseThrow();
    }

    private static Backend backend(BackgroundWorkerHandle h) {
        int pid = h.waitForStartup().pid();
        Backend b = server.postmaster().procs().get(pid);
        assertTrue(b != null, "no backend " + pid);
        return b;
    }

    private static void awaitCount(SqlClient c, String table, long expected) {
        server.awaitTrue(table + " total " + expected,
                () -> Long.valueOf(expected).equals(((Number) c.value("SELECT value FROM " + table
                        + " WHERE type = 'total'")).longValue()));
    }

    @Test
    void workerConnectedByNameRunsSpiTransactionsInALoop() {
        BackgroundWorkerHandle h = launch("fx counter 1", "counter", 1, "name|postgres|plain|0");
        Backend b = backend(h);
        server.log().await("fx counter 1 initialized with fx_counted_1", TestServer.PATIENCE);
        assertEquals("postgres", b.databaseName());
        assertEquals(Catalog.POSTGRES_OID, b.databaseOid());
        assertEquals("plain", b.roleName());
        assertEquals(PLAIN_OID, b.roleOid());
        try (SqlClient c = server.connect()) {
            c.exec("INSERT INTO fx_counted_1 (type, value) VALUES ('delta', 1), ('delta', 2)");
            awaitCount(c, "fx_counted_1", 3);
            c.exec("INSERT INTO fx_counted_1 (type, value) VALUES ('delta', 4)");
            awaitCount(c, "fx_counted_1", 7);
            server.log().await("fx counter 1: count in fx_counted_1 is now 7", TestServer.PATIENCE);
            assertEquals(0L, c.value("SELECT count(*) FROM fx_counted_1 WHERE type = 'delta'"));
            // pg_stat_activity's fields: the worker reports its own state and query.
            server.awaitTrue("an idle or active worker", () -> b.activity().state() != null);
            assertTrue(b.activity().query().contains("fx_counted_1"), b.activity().query());
        }
        h.terminate();
        assertEquals(BgwHandleStatus.STOPPED, h.waitForShutdown());
        server.log().await("terminating background worker \"fx counter 1\" due to administrator command",
                TestServer.PATIENCE);
    }

    @Test
    void workerConnectedByOidAndBootstrapSuperuser() {
        BackgroundWorkerHandle byOid = launch("fx counter 2", "counter", 2, "oid|" + Catalog.POSTGRES_OID + "|0|0");
        Backend b = backend(byOid);
        server.log().await("fx counter 2 initialized with fx_counted_2", TestServer.PATIENCE);
        assertEquals("postgres", b.databaseName());
        assertEquals("postgres", b.roleName());
        assertEquals(Catalog.BOOTSTRAP_SUPERUSER_OID, b.roleOid());
        try (SqlClient c = server.connect()) {
            c.exec("INSERT INTO fx_counted_2 (type, value) VALUES ('delta', 5)");
            awaitCount(c, "fx_counted_2", 5);
        }
        // pg_terminate_backend: SIGTERM to the PID.
        assertTrue(Backends.kill(b.pid(), Signal.SIGTERM));
        assertEquals(BgwHandleStatus.STOPPED, byOid.waitForShutdown());
    }

    @Test
    void connectionFailuresAreFatalAndExitOne() {
        String[][] cases = {
            {"name|postgres|nosuch|0", "role \"nosuch\" does not exist"},
            {"oid|" + Catalog.POSTGRES_OID + "|4242|0", "role with OID 4242 does not exist"},
            {"name|nosuchdb|postgres|0", "database \"nosuchdb\" does not exist"},
            {"oid|4243|0|0", "database 4243 does not exist"},
            {"name|postgres|nolog|0", "role \"nolog\" is not permitted to log in"},
            {"name|template0|postgres|0", "database \"template0\" is not currently accepting connections"},
            {"name|template1|plain|0", "permission denied for database \"template1\""},
        };
        int i = 0;
        for (String[] c : cases) {
            String name = "fx fail " + i++;
            BackgroundWorkerHandle h = launch(name, "connectOnly", 0, c[0]);
            assertEquals(BgwHandleStatus.STOPPED, h.waitForShutdown());
            server.log().await("FATAL:  " + java.util.regex.Pattern.quote(c[1]), TestServer.PATIENCE);
            server.log().await("background worker \"" + name + "\" \\(PID \\d+\\) exited with exit code 1",
                    TestServer.PATIENCE);
        }
        // The bypass flags let the same connections through.
        BackgroundWorkerHandle h = launch("fx bypass login", "connectOnly", 0,
                "name|postgres|nolog|" + BgWorkerFlags.BYPASS_ROLELOGINCHECK);
        h.waitForShutdown();
        server.log().await("fixture fx bypass login connected", TestServer.PATIENCE);
        h = launch("fx bypass allowconn", "connectOnly", 0, "name|template0|postgres|" + BgWorkerFlags.BYPASS_ALLOWCONN);
        h.waitForShutdown();
        server.log().await("fixture fx bypass allowconn connected", TestServer.PATIENCE);
        h = launch("fx bypass connect", "connectOnly", 0, "name|template1|plain|" + BgWorkerFlags.BYPASS_ALLOWCONN);
        h.waitForShutdown();
        server.log().await("fixture fx bypass connect connected", TestServer.PATIENCE);
    }

    @Test
    void spiCommitAndRollbackAtTheWorkersTopLevelAndRecoveryAfterAnError() {
        BackgroundWorkerHandle h = launch("fx transactions", "transactions", 0, "name|postgres||0");
        assertEquals(BgwHandleStatus.STOPPED, h.waitForShutdown());
        server.log().await("fixture rows 1 3", TestServer.PATIENCE);
        assertEquals(1, server.log().count("fixture in transaction after commit: false"));
        assertEquals(1, server.log().count("fixture caught 42P01"), server.log().toString());
        assertEquals(1, server.log().count("fixture then 25P02"));
    }

    @Test
    void withoutADatabaseSpiFailsClearly() {
        BackgroundWorkerHandle h = launch("fx no database", "connectAndQuery", 0, "oid|0|0|0");
        assertEquals(BgwHandleStatus.STOPPED, h.waitForShutdown());
        server.log().await("ERROR:  SPI_connect failed: the background worker is not connected to a database",
                TestServer.PATIENCE);
        server.log().await("background worker \"fx no database\" \\(PID \\d+\\) exited with exit code 1",
                TestServer.PATIENCE);
    }

    @Test
    void terminatingAWorkerInsideALongSpiStatementLeavesTheDatabaseIntact() {
        BackgroundWorkerHandle h = launch("fx long", "longStatement", 0, "name|postgres||0");
        Backend b = backend(h);
        server.log().await("fixture long statement starting", TestServer.PATIENCE);
        server.awaitTrue("the long statement running", () -> b.activity().state() == ActivityState.ACTIVE
                && b.activity().query().contains("generate_series") && b.queryCanceller() != null);
        h.terminate();
        assertEquals(BgwHandleStatus.STOPPED, h.waitForShutdown());
        server.log().await("FATAL:  terminating background worker \"fx long\" due to administrator command",
                TestServer.PATIENCE);
        server.log().await("background worker \"fx long\" \\(PID \\d+\\) exited with exit code 1", TestServer.PATIENCE);
        assertEquals(0, server.log().count("fixture long statement ended"));
        // The worker's transaction was rolled back; the database works for everyone else.
        try (SqlClient c = server.connect()) {
            assertEquals(0L, c.value("SELECT count(*) FROM fx_long"));
            c.exec("INSERT INTO fx_long VALUES (2)");
            assertEquals(1L, c.value("SELECT count(*) FROM fx_long"));
        }
        assertEquals(0, server.log().count("has been closed"));
    }
}
