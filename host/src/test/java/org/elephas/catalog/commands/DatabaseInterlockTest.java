package org.elephas.catalog.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;

import org.elephas.api.Datum;
import org.elephas.api.PgException;
import org.elephas.api.SqlState;
import org.elephas.api.bgworker.BackgroundWorker;
import org.elephas.api.bgworker.BackgroundWorkerHandle;
import org.elephas.api.bgworker.BackgroundWorkers;
import org.elephas.api.bgworker.BgWorkerFlags;
import org.elephas.api.bgworker.BgWorkerStartTime;
import org.elephas.api.bgworker.BgwHandleStatus;
import org.elephas.backend.Backend;
import org.elephas.fixtures.dbworkers.DbWorkerExtension;
import org.elephas.fixtures.dbworkers.DbWorkers;
import org.elephas.testing.FixtureBundles;
import org.elephas.testing.SqlClient;
import org.elephas.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The interlock of PostgreSQL 19's {@code 002_worker_terminate.pl}: commands that need a
 * database free terminate the {@code BGWORKER_INTERRUPTIBLE} workers connected to it, and fail
 * on the others.
 */
class DatabaseInterlockTest {
    private static final String LIB = "fx_dbworker";

    @TempDir
    static Path root;
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(root, Map.of("max_worker_processes", "4"));
        // The library directory is scanned on a miss: the bundle is found when a worker needs it.
        FixtureBundles.build(root.resolve("home/bundles"), LIB, DbWorkerExtension.class);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Launch a worker connected to a database and wait until it is. */
    private static BackgroundWorkerHandle launch(String name, String database, boolean interruptible) {
        return launch(name, database, interruptible, 1);
    }

    private static BackgroundWorkerHandle launch(String name, String database, boolean interruptible, int restartTime) {
        int oid = server.postmaster().catalog().database(database).orElseThrow().oid();
        int flags = BgWorkerFlags.SHMEM_ACCESS | BgWorkerFlags.BACKEND_DATABASE_CONNECTION
                | (interruptible ? BgWorkerFlags.INTERRUPTIBLE : 0);
        BackgroundWorkerHandle h = BackgroundWorkers.registerDynamicBackgroundWorker(BackgroundWorker.builder()
                .name(name).type("fx dbworker").flags(flags).startTime(BgWorkerStartTime.RECOVERY_FINISHED)
                .restartTime(restartTime).libraryName(LIB).functionName(DbWorkers.class.getName() + ".connectAndWait")
                .mainArg(Datum.ofOid(oid)).build()).orElseThrow();
        int pid = h.waitForStartup().pid();
        server.awaitTrue(name + " connected", () -> {
            Backend b = server.postmaster().procs().get(pid);
            return b != null && b.databaseOid() == oid;
        });
        return h;
    }

    @Test
    void interruptibleWorkersAreTerminatedForCreateRenameAndDrop() {
        try (SqlClient c = server.connect()) {
            c.exec("create database wsrc");
            BackgroundWorkerHandle w1 = launch("fx w1", "wsrc", true);
            int pid = w1.getBackgroundWorkerPid().pid();
            assertEquals("CREATE DATABASE", c.exec("create database wcopy template wsrc"));
            assertEquals(BgwHandleStatus.STOPPED, w1.waitForShutdown());
            server.log().await("\\[" + pid + "\\] FATAL:  terminating background worker \"fx dbworker\" due to administrator"
                    + " command", TestServer.PATIENCE);

            BackgroundWorkerHandle w2 = launch("fx w2", "wcopy", true);
            assertEquals("ALTER DATABASE", c.exec("alter database wcopy rename to wrenamed"));
            assertEquals(BgwHandleStatus.STOPPED, w2.waitForShutdown());

            BackgroundWorkerHandle w3 = launch("fx w3", "wrenamed", true);
            assertEquals("DROP DATABASE", c.exec("drop database wrenamed"));
            assertEquals(BgwHandleStatus.STOPPED, w3.waitForShutdown());
            // Terminated through the supervisor: unregistered although it asked for restarts.
            assertTrue(server.workers().stream().noneMatch(w -> w.entry().name().startsWith("fx w")), server.workers()::toString);
        }
    }

    @Test
    void aWorkerWithoutTheFlagMakesTheCommandFail() throws Exception {
        try (SqlClient c = server.connect(); AutoCloseable quick = DatabaseInterlock.shortenForTesting(3, 50)) {
            c.exec("create database wkeep");
            BackgroundWorkerHandle stubborn = launch("fx stubborn", "wkeep", false);
            PgException e = c.error("drop database wkeep");
            assertEquals(SqlState.OBJECT_IN_USE, e.sqlState());
            assertEquals("database \"wkeep\" is being accessed by other users", e.getMessage());
            assertEquals("There is 1 other session using the database.", e.detail());
            e = c.error("create database wkeep2 template wkeep");
            assertEquals("source database \"wkeep\" is being accessed by other users", e.getMessage());
            assertEquals(BgwHandleStatus.STARTED, stubborn.getBackgroundWorkerPid().status(), "never killed");
            assertTrue(server.postmaster().catalog().database("wkeep").isPresent());

            stubborn.terminate();
            assertEquals(BgwHandleStatus.STOPPED, stubborn.waitForShutdown());
            assertEquals("DROP DATABASE", c.exec("drop database wkeep"));
        }
    }

    @Test
    void forceTerminatesWorkersWithoutTheFlagToo() {
        try (SqlClient c = server.connect()) {
            c.exec("create database wforce");
            BackgroundWorkerHandle plain = launch("fx plain", "wforce", false, BackgroundWorker.BGW_NEVER_RESTART);
            int pid = plain.getBackgroundWorkerPid().pid();
            assertEquals("DROP DATABASE", c.exec("drop database wforce with (force)"));
            assertEquals(BgwHandleStatus.STOPPED, plain.waitForShutdown());
            server.log().await("\\[" + pid + "\\] FATAL:  terminating background worker \"fx dbworker\" due to administrator"
                    + " command", TestServer.PATIENCE);
        }
    }
}
