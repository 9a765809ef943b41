package org.elephas.bgworker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.elephas.api.bgworker.BackgroundWorker;
import org.elephas.api.bgworker.BackgroundWorkerHandle;
import org.elephas.api.bgworker.BackgroundWorkers;
import org.elephas.api.bgworker.BgWorkerFlags;
import org.elephas.api.bgworker.BgWorkerStartTime;
import org.elephas.api.bgworker.BgwHandleStatus;
import org.elephas.api.bgworker.WorkerState;
import org.elephas.fixtures.workers.FixtureWorkers;
import org.elephas.postmaster.StartupFailure;
import org.elephas.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The supervisor's concurrency structure: handle status read without its lock, exits queued by
 * the exiting threads and applied by whichever thread holds the lock, many workers exiting at
 * once.
 */
class SupervisorConcurrencyTest {
    private static final int SLOTS = 48;
    private static final long PATIENCE_SECONDS = TestServer.PATIENCE.toSeconds();

    @TempDir
    Path root;
    TestServer server;
    WorkerSupervisor supervisor;

    @BeforeEach
    void start() throws StartupFailure {
        server = TestServer.start(root, Map.of("max_worker_processes", Integer.toString(SLOTS),
                "shared_preload_bundles", "fx_lib"));
        supervisor = server.postmaster().workers();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static BackgroundWorkerHandle registerLoop(String name) {
        BackgroundWorker w = BackgroundWorker.builder().name(name).flags(BgWorkerFlags.SHMEM_ACCESS)
                .startTime(BgWorkerStartTime.RECOVERY_FINISHED).libraryName("fx_lib")
                .functionName(FixtureWorkers.class.getName() + ".loop").build();
        return BackgroundWorkers.registerDynamicBackgroundWorker(w).orElseThrow();
    }

    @Test
    void anExitQueuedWhileTheLockIsHeldIsAppliedByTheHolderAndStatusNeedsNoLock() throws Exception {
        BackgroundWorkerHandle h = registerLoop("fx held");
        WorkerState started = h.waitForStartup();
        assertEquals(BgwHandleStatus.STARTED, started.status());
        server.log().await("fixture fx held looping", TestServer.PATIENCE);

        supervisor.runLocked(() -> {
            // Nested in the held lock, the SIGTERM goes out when terminate() releases its level.
            h.terminate();
            server.awaitTrue("the worker's exit to be queued", () -> supervisor.queuedExits() == 1);
            // The exiting thread did not wait for the lock, and its exit waits for the holder.
            assertEquals(started, h.getBackgroundWorkerPid(), "not applied while the lock is held");
            WorkerState fromOtherThread = CompletableFuture.supplyAsync(h::getBackgroundWorkerPid)
                    .orTimeout(PATIENCE_SECONDS, TimeUnit.SECONDS).join();
            assertEquals(started, fromOtherThread, "another thread reads the status without the lock");
        });
        // Released: the holder applied the queued exit before letting go.
        assertEquals(0, supervisor.queuedExits());
        assertEquals(new WorkerState(BgwHandleStatus.STOPPED, 0), h.getBackgroundWorkerPid());
        assertTrue(server.workers().isEmpty(), "slot freed: " + server.workers());
    }

    @Test
    void everySlotsWorkerTerminatedAtOnceStopsAndFreesItsSlot() throws Exception {
        String fatal = "FATAL:  terminating background worker \"fx many \\d+\" due to administrator command";
        for (int round = 0; round < 2; round++) {
            long fatalsBefore = server.log().count(fatal);
            List<BackgroundWorkerHandle> handles = new ArrayList<>();
            for (int i = 0; i < SLOTS; i++) {
                handles.add(registerLoop("fx many " + i));
            }
            for (BackgroundWorkerHandle h : handles) {
                assertEquals(BgwHandleStatus.STARTED, h.waitForStartup().status());
            }
            // Terminated from several threads released together, so that exits and handle calls race.
            CountDownLatch go = new CountDownLatch(1);
            List<CompletableFuture<BgwHandleStatus>> stopped = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                List<BackgroundWorkerHandle> mine = handles.subList(t * SLOTS / 4, (t + 1) * SLOTS / 4);
                stopped.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                    mine.forEach(BackgroundWorkerHandle::terminate);
                    BgwHandleStatus last = BgwHandleStatus.STOPPED;
                    for (BackgroundWorkerHandle h : mine) {
                        BgwHandleStatus s = h.waitForShutdown(); // a thread that is not a backend waits too
                        if (s != BgwHandleStatus.STOPPED) {
                            last = s;
                        }
                    }
                    return last;
                }));
            }
            go.countDown();
            for (CompletableFuture<BgwHandleStatus> f : stopped) {
                assertEquals(BgwHandleStatus.STOPPED, f.get(PATIENCE_SECONDS, TimeUnit.SECONDS));
            }
            assertEquals(0, supervisor.queuedExits());
            assertTrue(server.workers().isEmpty(), "every slot freed: " + server.workers());
            assertEquals(fatalsBefore + SLOTS, server.log().count(fatal), "each worker was terminated in its loop");
        }
    }

    @Test
    void shutdownWaitsForWorkersExitingTogether() {
        for (int i = 0; i < SLOTS; i++) {
            registerLoop("fx shut " + i);
        }
        server.awaitTrue("all looping", () -> server.log().count("fixture fx shut \\d+ looping") == SLOTS);
        server.close();
        assertEquals(SLOTS, server.log().count("LOG:  background worker \"fx shut \\d+\" \\(PID \\d+\\) exited with exit code 1"));
        assertEquals(0, server.log().count("abandoning it"), "none abandoned: " + server.log());
    }
}
