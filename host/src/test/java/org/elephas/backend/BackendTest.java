package org.elephas.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.elephas.api.PgException;
import org.elephas.api.ipc.Signal;
import org.elephas.api.ipc.Signals;
import org.elephas.api.ipc.WaitEvents;
import org.junit.jupiter.api.Test;

/** Latches, signals and interrupts of a backend, without a server around it. */
class BackendTest {
    private static final int LATCH_OR_DEATH = WaitEvents.WL_LATCH_SET | WaitEvents.WL_POSTMASTER_DEATH;

    private final ProcArray procs = new ProcArray();

    @Test
    void pidsStartAboveEveryOsPidAndAreUnique() {
        Set<Integer> pids = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            Backend b = procs.create(Backend.Kind.BACKGROUND_WORKER, "t");
            assertTrue(b.pid() >= ProcArray.FIRST_PID);
            assertTrue(pids.add(b.pid()));
        }
        assertEquals(100, procs.all().size());
    }

    @Test
    void aSetLatchReturnsAtOnceAndResetMakesTheWaitTimeOut() {
        Backend b = procs.create(Backend.Kind.BACKGROUND_WORKER, "t");
        b.latch().set();
        b.latch().set();
        assertEquals(WaitEvents.WL_LATCH_SET, b.waitLatch(LATCH_OR_DEATH | WaitEvents.WL_TIMEOUT, 0, 0));
        b.latch().reset();
        assertEquals(WaitEvents.WL_TIMEOUT, b.waitLatch(LATCH_OR_DEATH | WaitEvents.WL_TIMEOUT, 1, 0));
    }

    @Test
    void aWaitNeedsAPostmasterDeathFlag() {
        Backend b = procs.create(Backend.Kind.BACKGROUND_WORKER, "t");
        assertThrows(IllegalArgumentException.class, () -> b.waitLatch(WaitEvents.WL_LATCH_SET, 0, 0));
    }

    @Test
    void setFromAnotherThreadWakesTheWaiter() throws Exception {
        Backend b = procs.create(Backend.Kind.BACKGROUND_WORKER, "t");
        CountDownLatch waiting = new CountDownLatch(1);
        CompletableFuture<Integer> result = CompletableFuture.supplyAsync(() -> {
            b.bind();
            try {
                waiting.countDown();
                return b.waitLatch(LATCH_OR_DEATH, -1, 77);
            } finally {
                b.unbind();
            }
        });
        waiting.await();
        b.latch().set();
        assertEquals(WaitEvents.WL_LATCH_SET, result.get(30, TimeUnit.SECONDS));
        assertEquals(0, b.waitEventInfo(), "the wait event is cleared after the wait");
    }

    @Test
    void dieEndsALatchWaitAndInterruptsAnyOtherBlockingCall() throws Exception {
        // In its latch wait: the latch set wakes it and the wait raises the FATAL.
        Backend waiting = procs.create(Backend.Kind.BACKGROUND_WORKER, "t");
        CompletableFuture<PgException> inLatch = CompletableFuture.supplyAsync(() -> {
            waiting.bind();
            try {
                return assertThrows(PgException.class, () -> waiting.waitLatch(LATCH_OR_DEATH, -1, 77));
            } finally {
                waiting.unbind();
            }
        });
        awaitWaitEvent(waiting, 77);
        waiting.signal(Signal.SIGTERM);
        assertEquals("57P01", inLatch.get(30, TimeUnit.SECONDS).sqlState());

        // Blocked elsewhere: only the thread interrupt reaches it.
        Backend blocked = procs.create(Backend.Kind.BACKGROUND_WORKER, "t");
        CountDownLatch bound = new CountDownLatch(1);
        CompletableFuture<Boolean> interrupted = CompletableFuture.supplyAsync(() -> {
            blocked.bind();
            try {
                bound.countDown();
                new CountDownLatch(1).await(30, TimeUnit.SECONDS);
                return false;
            } catch (InterruptedException e) {
                return true;
            } finally {
                blocked.unbind();
            }
        });
        bound.await();
        blocked.signal(Signal.SIGTERM);
        assertTrue(interrupted.get(30, TimeUnit.SECONDS), "the blocking call was interrupted");
    }

    private static void awaitWaitEvent(Backend b, int event) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (b.waitEventInfo() != event) {
            assertTrue(System.nanoTime() - deadline < 0, "the backend never waited");
            java.util.concurrent.locks.LockSupport.parkNanos(100_000);
        }
    }

    @Test
    void postmasterDeathIsReportedOrExitsTheBackend() {
        Backend b = procs.create(Backend.Kind.BACKGROUND_WORKER, "t");
        procs.postmasterLife().markDead();
        // Death also sets every latch to wake the waiters: the mask reports both events.
        assertEquals(LATCH_OR_DEATH, b.waitLatch(LATCH_OR_DEATH, -1, 0));
        b.latch().reset();
        assertEquals(WaitEvents.WL_POSTMASTER_DEATH, b.waitLatch(LATCH_OR_DEATH, -1, 0));
        ProcExit exit = assertThrows(ProcExit.class,
                () -> b.waitLatch(WaitEvents.WL_LATCH_SET | WaitEvents.WL_EXIT_ON_PM_DEATH, -1, 0));
        assertEquals(1, exit.code());
    }

    @Test
    void dieIsActedOnAtTheNextCheckAndStaysPending() {
        Backend b = procs.create(Backend.Kind.BACKGROUND_WORKER, "my type");
        b.signal(Signal.SIGTERM);
        b.holdInterrupts(true);
        b.checkForInterrupts();
        b.holdInterrupts(false);
        PgException first = assertThrows(PgException.class, b::checkForInterrupts);
        assertEquals("57P01", first.sqlState());
        assertEquals("terminating background worker \"my type\" due to administrator command", first.getMessage());
        assertThrows(PgException.class, b::checkForInterrupts, "a caught FATAL comes back at the next check");
        assertThrows(PgException.class, () -> b.waitLatch(LATCH_OR_DEATH, -1, 0), "and at every latch wait");
    }

    @Test
    void cancelFailsOneStatementOnly() {
        Backend b = procs.create(Backend.Kind.CLIENT_BACKEND, "client backend");
        b.pqsignal(Signal.SIGINT, Signals.STATEMENT_CANCEL);
        b.signal(Signal.SIGINT);
        PgException e = assertThrows(PgException.class, b::checkForInterrupts);
        assertEquals("57014", e.sqlState());
        assertEquals("canceling statement due to user request", e.getMessage());
        b.checkForInterrupts();
    }

    @Test
    void blockedSignalsAreHeldAndDeliveredOnceOnUnblock() {
        Backend b = procs.create(Backend.Kind.BACKGROUND_WORKER, "t");
        AtomicInteger hups = new AtomicInteger();
        b.pqsignal(Signal.SIGHUP, (s, target) -> hups.incrementAndGet());
        b.setSignalsBlocked(true);
        b.signal(Signal.SIGHUP);
        b.signal(Signal.SIGHUP);
        assertEquals(0, hups.get());
        b.setSignalsBlocked(false);
        assertEquals(1, hups.get(), "like POSIX, a signal pending twice is delivered once");
        b.signal(Signal.SIGHUP);
        assertEquals(2, hups.get());
    }

    @Test
    void noSignalIsLostWhenSendersRaceTheUnblock() throws Exception {
        for (int round = 0; round < 200; round++) {
            Backend b = procs.create(Backend.Kind.BACKGROUND_WORKER, "t");
            b.setSignalsBlocked(true);
            CountDownLatch go = new CountDownLatch(1);
            CompletableFuture<Void> sender = CompletableFuture.runAsync(() -> {
                awaitQuietly(go);
                b.signal(Signal.SIGUSR1);
            });
            go.countDown();
            b.setSignalsBlocked(false);
            sender.get(30, TimeUnit.SECONDS);
            assertTrue(b.latch().isSet(), "SIGUSR1 set the latch in round " + round);
            procs.remove(b);
        }
    }

    @Test
    void configReloadFlagIsSetOnlyByTheReloadHandler() {
        Backend b = procs.create(Backend.Kind.BACKGROUND_WORKER, "t");
        AtomicInteger processed = new AtomicInteger();
        b.setConfigFileProcessor(processed::incrementAndGet);
        b.signal(Signal.SIGHUP);
        assertFalse(b.configReloadPending(), "SIGHUP is ignored by default");
        b.pqsignal(Signal.SIGHUP, Signals.CONFIG_RELOAD);
        b.signal(Signal.SIGHUP);
        assertTrue(b.configReloadPending());
        assertTrue(b.latch().isSet());
        assertTrue(b.processConfigReloadIfPending());
        assertFalse(b.processConfigReloadIfPending());
        assertEquals(1, processed.get());
    }

    @Test
    void removedBackendsAreNoLongerSignalled() {
        Backend b = procs.create(Backend.Kind.BACKGROUND_WORKER, "t");
        procs.remove(b);
        assertFalse(procs.signal(b.pid(), Signal.SIGTERM));
        assertNotEquals(b.pid(), procs.create(Backend.Kind.BACKGROUND_WORKER, "u").pid());
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void terminationNeverInterruptsAThreadInsideTheEngineAndProcExitCallbacksRunOnce() throws Exception {
        Backend b = procs.create(Backend.Kind.BACKGROUND_WORKER, "t");
        CountDownLatch inEngine = new CountDownLatch(1);
        CountDownLatch terminated = new CountDownLatch(1);
        AtomicInteger exits = new AtomicInteger();
        CompletableFuture<Boolean> interruptedInside = CompletableFuture.supplyAsync(() -> {
            b.bind();
            try {
                b.onProcExit(exits::incrementAndGet);
                b.enterEngine();
                inEngine.countDown();
                terminated.await();
                boolean interrupted = Thread.currentThread().isInterrupted();
                b.leaveEngine();
                // The request is not lost: the next check acts on it.
                assertThrows(PgException.class, b::checkForInterrupts);
                b.runProcExitCallbacks(e -> { });
                b.runProcExitCallbacks(e -> { });
                return interrupted;
            } catch (InterruptedException e) {
                return true;
            } finally {
                b.unbind();
            }
        });
        inEngine.await();
        b.signal(Signal.SIGTERM);
        terminated.countDown();
        assertFalse(interruptedInside.get(10, TimeUnit.SECONDS));
        assertEquals(1, exits.get());
    }
}
