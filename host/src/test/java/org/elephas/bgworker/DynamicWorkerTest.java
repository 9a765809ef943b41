package org.elephas.bgworker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.elephas.api.Datum;
import org.elephas.api.PgException;
import org.elephas.api.bgworker.BackgroundWorker;
import org.elephas.api.bgworker.BackgroundWorkerHandle;
import org.elephas.api.bgworker.BackgroundWorkers;
import org.elephas.api.bgworker.BgWorkerFlags;
import org.elephas.api.bgworker.BgWorkerStartTime;
import org.elephas.api.bgworker.BgwHandleStatus;
import org.elephas.api.bgworker.WorkerState;
import org.elephas.api.ipc.Signal;
import org.elephas.fixtures.workers.FixtureWorkers;
import org.elephas.postmaster.StartupFailure;
import org.elephas.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dynamic workers in a running server: registration, slots, handles and generations, exit
 * codes and restarts, termination by handle and by PID, notification, entry-point lookup.
 */
class DynamicWorkerTest {
    private static final String FX = FixtureWorkers.class.getName() + ".";

    @TempDir
    Path root;
    TestServer server;

    @BeforeEach
    void start() throws StartupFailure {
        server = TestServer.start(root, Map.of("max_worker_processes", "3", "shared_preload_bundles", "fx_lib"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static BackgroundWorker.Builder worker(String name, String function) {
        return BackgroundWorker.builder().name(name).flags(BgWorkerFlags.SHMEM_ACCESS)
                .startTime(BgWorkerStartTime.RECOVERY_FINISHED).libraryName("fx_lib").functionName(FX + function);
    }

    private static BackgroundWorkerHandle register(BackgroundWorker.Builder w) {
        return BackgroundWorkers.registerDynamicBackgroundWorker(w.build()).orElseThrow();
    }

    @Test
    void invalidDefinitionsRaiseErrorsWithPostgresMessages() {
        record Case(BackgroundWorker.Builder worker, String message) {
        }
        List<Case> cases = List.of(
                new Case(worker("a", "loop").flags(0), "background workers without shared memory access are not supported"),
                new Case(worker("b", "loop").flags(BgWorkerFlags.SHMEM_ACCESS | BgWorkerFlags.BACKEND_DATABASE_CONNECTION)
                        .startTime(BgWorkerStartTime.POSTMASTER_START),
                        "cannot request database access if starting at postmaster start"),
                new Case(worker("c", "loop").flags(BgWorkerFlags.SHMEM_ACCESS | BgWorkerFlags.INTERRUPTIBLE),
                        "cannot make background workers interruptible without database access"),
                new Case(worker("d", "loop").restartTime(-2), "invalid restart interval"),
                new Case(worker("e", "loop").restartTime(86_400_001), "invalid restart interval"),
                new Case(worker("f", "loop").flags(BgWorkerFlags.SHMEM_ACCESS | BgWorkerFlags.CLASS_PARALLEL).restartTime(1),
                        "parallel workers may not be configured for restart"));
        for (Case c : cases) {
            PgException e = assertThrows(PgException.class,
                    () -> BackgroundWorkers.registerDynamicBackgroundWorker(c.worker.build()));
            assertEquals("22023", e.sqlState());
            assertEquals("background worker \"" + c.worker.build().name() + "\": " + c.message, e.getMessage());
        }
        assertTrue(server.workers().isEmpty());
    }

    @Test
    void fullSlotsReturnEmptyAndStaleHandlesCannotTouchTheNextOccupant() {
        BackgroundWorkerHandle first = register(worker("fx one", "loop"));
        register(worker("fx two", "loop"));
        register(worker("fx three", "loop"));
        assertEquals(Optional.empty(), BackgroundWorkers.registerDynamicBackgroundWorker(worker("fx four", "loop").build()));

        first.terminate();
        assertEquals(BgwHandleStatus.STOPPED, first.waitForShutdown());
        BackgroundWorkerHandle reused = register(worker("fx four", "loop"));
        WorkerState running = reused.waitForStartup();
        assertEquals(BgwHandleStatus.STARTED, running.status());
        assertEquals(0, server.worker("fx four").slot(), "the freed slot is reused");

        // The old handle names the same slot but an older generation.
        assertEquals(new WorkerState(BgwHandleStatus.STOPPED, 0), first.getBackgroundWorkerPid());
        first.terminate();
        assertEquals(running, reused.getBackgroundWorkerPid(), "a stale handle cannot terminate the new worker");
    }

    @Test
    void slotsAreSharedWithStaticWorkers(@TempDir Path other) throws StartupFailure {
        server.close();
        server = TestServer.start(other, Map.of("max_worker_processes", "2", "shared_preload_bundles", "fx_many"));
        // fx_many registered 3 static workers; 2 fit and hold both slots.
        assertEquals(2, server.workers().size());
        assertEquals(Optional.empty(), BackgroundWorkers.registerDynamicBackgroundWorker(worker("fx dyn", "loop").build()));
    }

    @Test
    void exitZeroUnregistersAndFreesTheSlot() {
        BackgroundWorkerHandle h = register(worker("fx once", "logAndExit").mainArg(Datum.ofInt32(7)).restartTime(0));
        assertEquals(BgwHandleStatus.STOPPED, h.waitForShutdown());
        server.log().await("fixture fx once ran with arg 7", TestServer.PATIENCE);
        assertTrue(server.workers().isEmpty(), "unregistered even though restartable: " + server.workers());
    }

    @Test
    void exitOneRestartsAfterRestartTimeWithANewPid() {
        BackgroundWorkerHandle h = register(worker("fx flaky", "fail").restartTime(0));
        server.awaitTrue("three starts", () -> server.worker("fx flaky").history().starts() >= 3);
        server.log().await("ERROR:  fixture failure 0", TestServer.PATIENCE);
        server.log().await("LOG:  background worker \"fx flaky\" \\(PID \\d+\\) exited with exit code 1", TestServer.PATIENCE);
        WorkerInfo info = server.worker("fx flaky");
        assertEquals(1, info.history().lastExitCode());
        assertEquals("fixture failure 0", info.history().lastError());
        h.terminate();
        assertEquals(BgwHandleStatus.STOPPED, h.waitForShutdown());
        server.awaitTrue("unregistered after terminate", () -> server.workers().isEmpty());
    }

    @Test
    void neverRestartWorkerIsForgottenAfterFailing() {
        BackgroundWorkerHandle h = register(worker("fx fails once", "fail"));
        assertEquals(BgwHandleStatus.STOPPED, h.waitForShutdown());
        server.awaitTrue("forgotten", () -> server.workers().isEmpty());
    }

    @Test
    void terminateByHandleStopsForGoodWithTheDieMessage() {
        BackgroundWorkerHandle h = register(worker("fx loop", "loop").type("fx looper").restartTime(0));
        WorkerState started = h.waitForStartup();
        server.log().await("fixture fx loop looping", TestServer.PATIENCE);
        h.terminate();
        assertEquals(BgwHandleStatus.STOPPED, h.waitForShutdown());
        server.log().await("FATAL:  terminating background worker \"fx looper\" due to administrator command",
                TestServer.PATIENCE);
        server.log().await("LOG:  background worker \"fx looper\" \\(PID " + started.pid() + "\\) exited with exit code 1",
                TestServer.PATIENCE);
        server.awaitTrue("unregistered", () -> server.workers().isEmpty());
        assertEquals(BgwHandleStatus.STOPPED, h.getBackgroundWorkerPid().status());
    }

    @Test
    void terminateByPidRestartsARestartableWorker() {
        BackgroundWorkerHandle h = register(worker("fx loop", "loop").restartTime(0));
        int firstPid = h.waitForStartup().pid();
        server.log().await("fixture fx loop looping", TestServer.PATIENCE);
        assertTrue(server.postmaster().procs().signal(firstPid, Signal.SIGTERM));
        server.awaitTrue("restarted with a new PID", () -> {
            WorkerState s = h.getBackgroundWorkerPid();
            return s.status() == BgwHandleStatus.STARTED && s.pid() != firstPid;
        });
        assertNotEquals(firstPid, h.getBackgroundWorkerPid().pid());
        assertEquals(2, server.worker("fx loop").history().starts());
    }

    @Test
    void notifyPidIsWokenAndItsExitClearsNotificationButLeavesTheChildRunning() {
        BackgroundWorkerHandle launcher = register(worker("fx launcher", "launcher"));
        server.log().await("fixture launcher saw child STARTED latch set true", TestServer.PATIENCE);
        assertEquals(BgwHandleStatus.STOPPED, launcher.waitForShutdown());
        server.awaitTrue("launcher forgotten", () -> server.workers().size() == 1);
        WorkerInfo child = server.worker("fx child");
        assertEquals(BgwHandleStatus.STARTED, child.status());
        assertEquals(0, child.notifyPid(), "the registrant's exit cleared the notify PID");
    }

    @Test
    void theNotifyPidGetsSigusr1OnStartAndOnExit() {
        // A session-like backend that registers and is told; no thread needed to see its latch.
        var registrant = server.postmaster().procs().create(org.elephas.backend.Backend.Kind.CLIENT_BACKEND,
                "client backend");
        java.util.concurrent.atomic.AtomicInteger sigusr1 = new java.util.concurrent.atomic.AtomicInteger();
        registrant.pqsignal(Signal.SIGUSR1, (signal, target) -> sigusr1.incrementAndGet());
        BackgroundWorkerHandle h = register(worker("fx told", "loop").notifyPid(registrant.pid()));
        h.waitForStartup();
        assertEquals(1, sigusr1.get(), "signalled once at start");
        assertEquals(registrant.pid(), server.worker("fx told").notifyPid());
        h.terminate();
        h.waitForShutdown();
        server.awaitTrue("signalled at exit", () -> sigusr1.get() == 2);
        server.postmaster().procs().remove(registrant);
    }

    @Test
    void entryPointLookupFailuresAreErrorsInsideTheWorker() {
        BackgroundWorkerHandle noLib = register(worker("fx no lib", "loop").libraryName("nope"));
        BackgroundWorkerHandle noFn = register(worker("fx no fn", "missing"));
        BackgroundWorkerHandle noInternal = register(worker("fx no internal", "loop").libraryName("postgres")
                .functionName("NoSuchMain"));
        for (BackgroundWorkerHandle h : List.of(noLib, noFn, noInternal)) {
            assertEquals(BgwHandleStatus.STOPPED, h.waitForShutdown());
        }
        server.log().await("ERROR:  could not access extension \"nope\": no bundle in", TestServer.PATIENCE);
        server.log().await("ERROR:  could not find function \"" + FX.replace(".", "\\.") + "missing\" in extension \"fx_lib\"",
                TestServer.PATIENCE);
        server.log().await("ERROR:  internal function \"NoSuchMain\" not found", TestServer.PATIENCE);
        server.log().awaitCount("background worker \"fx no (lib|fn|internal)\" \\(PID \\d+\\) exited with exit code 1", 3,
                TestServer.PATIENCE);
    }

    @Test
    void theWorkersBundleIsLoadedOnDemand(@TempDir Path other) throws StartupFailure {
        server.close();
        server = TestServer.start(other, Map.of());
        assertTrue(server.postmaster().library().loaded("fx_lib").isEmpty());
        BackgroundWorkerHandle h = register(worker("fx lazy", "logAndExit"));
        assertEquals(BgwHandleStatus.STOPPED, h.waitForShutdown());
        server.log().await("fx_lib _PG_init preload=false", TestServer.PATIENCE);
        server.log().await("fixture fx lazy ran with arg 0", TestServer.PATIENCE);
        assertTrue(server.postmaster().library().loaded("fx_lib").isPresent());
    }

    @Test
    void myBgworkerEntryCarriesTheRecordWithTypeDefaultedToName() {
        byte[] extra = {1, 2, 3, 4};
        BackgroundWorkerHandle h = register(worker("fx reporter", "reportEntry").mainArg(Datum.ofInt64(1L << 40))
                .extra(extra).restartTime(BackgroundWorker.BGW_NEVER_RESTART));
        h.waitForShutdown();
        server.log().await("fixture entry name=fx reporter type=fx reporter arg=1099511627776 extra=\\[1, 2, 3, 4\\] restart=-1",
                TestServer.PATIENCE);
    }

    @Test
    void signalsArriveOnlyOnceUnblockedAndNoneIsLost() {
        BackgroundWorkerHandle h = register(worker("fx blocked", "blockedSignals").type("fx blocked"));
        int pid = h.waitForStartup().pid();
        server.log().await("fixture blocked ready", TestServer.PATIENCE);
        var procs = server.postmaster().procs();
        procs.signal(pid, Signal.SIGHUP);
        procs.signal(pid, Signal.SIGTERM);
        // Nothing was delivered: the latch, set directly, is what wakes it.
        procs.get(pid).latch().set();
        server.log().await("fixture while blocked reload pending false", TestServer.PATIENCE);
        server.log().await("fixture after unblock reload pending true", TestServer.PATIENCE);
        server.log().await("FATAL:  terminating background worker \"fx blocked\" due to administrator command",
                TestServer.PATIENCE);
        assertEquals(BgwHandleStatus.STOPPED, h.waitForShutdown());
        assertEquals(0, server.log().count("fixture survived unblock"));
    }

    @Test
    void reloadReachesWorkersThatHandleSighup() {
        register(worker("fx watcher", "reloadWatcher"));
        register(worker("fx deaf", "loop"));
        server.log().await("fixture reload watcher ready", TestServer.PATIENCE);
        server.log().await("fixture fx deaf looping", TestServer.PATIENCE);
        server.postmaster().reload();
        server.log().await("fixture reload processed", TestServer.PATIENCE);
        // The default SIGHUP disposition in a worker is "ignore": nothing crashes, nothing is logged.
        assertEquals(BgwHandleStatus.STARTED, server.worker("fx deaf").status());
    }

    @Test
    void waitEventsAreVisibleWhileWaiting() {
        int pid = register(worker("fx waiter", "loop")).waitForStartup().pid();
        server.awaitTrue("waiting on FixtureWait", () -> {
            var backend = server.postmaster().procs().get(pid);
            var event = server.postmaster().waitEvents().describe(backend.waitEventInfo());
            return event != null && event.name().equals("FixtureWait") && event.type().equals("Extension");
        });
    }

    @Test
    void aJavaErrorIsACrashConfinedToItsWorker() {
        int bystander = register(worker("fx bystander", "loop")).waitForStartup().pid();
        BackgroundWorkerHandle h = register(worker("fx crasher", "crash").restartTime(0));
        server.log().await("LOG:  background worker \"fx crasher\" \\(PID \\d+\\) was terminated by exception: "
                + "java.lang.AssertionError: fixture crash 0", TestServer.PATIENCE);
        server.awaitTrue("restarted after the crash", () -> server.worker("fx crasher").history().starts() >= 2);
        assertEquals(2, server.worker("fx crasher").history().lastExitCode());
        assertEquals(bystander, server.worker("fx bystander").pid(), "other workers are untouched");
        h.terminate();
    }

    @Test
    void connectingWithoutTheFlagIsFatal() {
        BackgroundWorkerHandle h = register(worker("fx connect", "connectWithoutFlag"));
        assertEquals(BgwHandleStatus.STOPPED, h.waitForShutdown());
        server.log().await("FATAL:  database connection requirement not indicated during registration",
                TestServer.PATIENCE);
    }

    @Test
    void shutdownAbandonsAWorkerThatIgnoresTerminationAndWaitersSeePostmasterDeath(@TempDir Path other)
            throws Exception {
        server.close();
        server = TestServer.start(other, Map.of("bgworker_shutdown_timeout", "200"));
        BackgroundWorkerHandle h = register(worker("fx stubborn", "ignoreTermination"));
        h.waitForStartup();
        server.log().await("fixture stubborn running", TestServer.PATIENCE);
        CompletableFuture<BgwHandleStatus> waiter = CompletableFuture.supplyAsync(h::waitForShutdown);
        server.close();
        server.log().await("WARNING:  background worker \"fx stubborn\" \\(PID \\d+\\) did not exit within 200 ms",
                TestServer.PATIENCE);
        server.log().await("database system is shut down", TestServer.PATIENCE);
        assertEquals(BgwHandleStatus.POSTMASTER_DIED, waiter.get(30, TimeUnit.SECONDS));
    }

    @Test
    void registrationDuringShutdownGivesAStoppedHandle() {
        server.close();
        // The host is gone from the JVM after shutdown; the supervisor itself answers.
        Optional<BackgroundWorkerHandle> h = server.postmaster().workers().registerDynamic(worker("fx late", "loop").build());
        assertEquals(BgwHandleStatus.STOPPED, h.orElseThrow().getBackgroundWorkerPid().status());
    }
}
