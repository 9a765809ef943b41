package org.elephas.hooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;

import org.elephas.api.hooks.ExecutorEndHook;
import org.elephas.api.hooks.HookRegistration;
import org.elephas.log.ServerLog;
import org.junit.jupiter.api.Test;

/**
 * The unloading handshake of hook chains, without a server: a remover waits for calls on older
 * generations that hold the removed link, and after it returns no call enters that link again.
 */
class HookDrainTest {
    private static final long PATIENCE_NANOS = TimeUnit.SECONDS.toNanos(30);
    private static final HookOwner OWNER = new HookOwner(-2, "test", "test");

    private final ByteArrayOutputStream logged = new ByteArrayOutputStream();
    private final ServerLog log = new ServerLog(new PrintStream(logged, true, StandardCharsets.UTF_8), () -> 0);
    private final LongAdder standardCalls = new LongAdder();

    private HookChain<ExecutorEndHook, ExecutorEndHook.Next> chain(HookRegistry registry) {
        return registry.addChain(PipelineHookKinds.EXECUTOR_END, qd -> standardCalls.increment());
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + PATIENCE_NANOS;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.yield();
        }
    }

    private static Thread call(HookChain<ExecutorEndHook, ExecutorEndHook.Next> chain) {
        Thread t = new Thread(() -> chain.head().executorEnd(null), "caller");
        t.start();
        return t;
    }

    /** A registry whose removals wait at most 10 s for calls in progress. */
    private HookRegistry registry() {
        return new HookRegistry(h -> OWNER, log, 10_000);
    }

    /** Until the thread parks (the remover's drain loop) or ends (then the caller's assertions fail). */
    private static void awaitParked(Thread t) {
        await(t.getName() + " waits", () -> t.getState() == Thread.State.TIMED_WAITING
                || t.getState() == Thread.State.WAITING || t.getState() == Thread.State.TERMINATED);
    }

    /** Removal returns only once the call inside the hook has returned. */
    @Test
    void removalWaitsForACallInsideTheHook() throws Exception {
        HookRegistry registry = registry();
        HookChain<ExecutorEndHook, ExecutorEndHook.Next> chain = chain(registry);
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean returned = new AtomicBoolean();
        HookRegistration reg = registry.install(ExecutorEndHook.class, (qd, next) -> {
            inside.countDown();
            awaitUninterruptibly(release);
            next.executorEnd(qd);
            returned.set(true);
        });
        Thread caller = call(chain);
        assertTrue(inside.await(30, TimeUnit.SECONDS));
        Thread remover = new Thread(reg::remove, "remover");
        CompletableFuture<Boolean> callReturnedFirst = new CompletableFuture<>();
        remover.setUncaughtExceptionHandler((t, e) -> callReturnedFirst.completeExceptionally(e));
        Thread done = new Thread(() -> {
            joinUninterruptibly(remover);
            callReturnedFirst.complete(returned.get());
        });
        remover.start();
        done.start();
        awaitParked(remover);
        assertTrue(remover.isAlive(), "removal waits");
        assertTrue(chain.links().isEmpty(), "the link left the chain at once");
        assertFalse(callReturnedFirst.isDone(), "removal still waits for the call");
        release.countDown();
        assertTrue(callReturnedFirst.get(30, TimeUnit.SECONDS), "the call had returned when removal returned");
        caller.join();
        assertEquals(0, chain.supersededCount(), "the drained generation is forgotten");
        assertEquals("", logged.toString(StandardCharsets.UTF_8));
    }

    /**
     * A call still running on an older generation that reaches a hook being removed passes
     * straight to next, and removal waits for that call.
     */
    @Test
    void aCallArrivingAtARemovedHookPassesToNext() throws Exception {
        HookRegistry registry = registry();
        HookChain<ExecutorEndHook, ExecutorEndHook.Next> chain = chain(registry);
        AtomicInteger innerCalls = new AtomicInteger();
        HookRegistration inner = registry.install(ExecutorEndHook.class, (qd, next) -> {
            innerCalls.incrementAndGet();
            next.executorEnd(qd);
        });
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (HookRegistration outer = registry.install(ExecutorEndHook.class, (qd, next) -> {
            inside.countDown();
            awaitUninterruptibly(release);
            next.executorEnd(qd);
        })) {
            Thread caller = call(chain);
            assertTrue(inside.await(30, TimeUnit.SECONDS));
            Thread remover = new Thread(inner::remove, "remover");
            remover.start();
            awaitParked(remover);
            assertTrue(remover.isAlive(), "the call on the old generation holds the removal");
            release.countDown();
            remover.join(30_000);
            caller.join(30_000);
            assertFalse(remover.isAlive());
            assertEquals(0, innerCalls.get(), "the removed hook was passed");
            assertEquals(1, standardCalls.sum(), "the call went on to the standard implementation");
            chain.head().executorEnd(null);
            assertEquals(2, standardCalls.sum());
            assertEquals(0, innerCalls.get());
        }
    }

    /**
     * A caller that read the entry point long ago (its generation already drained and forgotten)
     * still runs on a generation the remover waits for: the entry point redirects it.
     */
    @Test
    void aCallThroughAStaleEntryPointIsWaitedFor() throws Exception {
        HookRegistry registry = registry();
        HookChain<ExecutorEndHook, ExecutorEndHook.Next> chain = chain(registry);
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean returned = new AtomicBoolean();
        HookRegistration slow = registry.install(ExecutorEndHook.class, (qd, next) -> {
            inside.countDown();
            awaitUninterruptibly(release);
            next.executorEnd(qd);
            returned.set(true);
        });
        ExecutorEndHook.Next stale = chain.head();
        registry.install(ExecutorEndHook.class, (qd, next) -> next.executorEnd(qd)).remove();
        assertEquals(0, chain.supersededCount(), "the stale entry point's generation was drained and forgotten");
        Thread caller = new Thread(() -> stale.executorEnd(null), "stale caller");
        caller.start();
        assertTrue(inside.await(30, TimeUnit.SECONDS));
        Thread remover = new Thread(slow::remove, "remover");
        remover.start();
        awaitParked(remover);
        assertFalse(returned.get());
        assertTrue(remover.isAlive(), "removal waits for the call that came through the stale entry point");
        release.countDown();
        remover.join(30_000);
        assertFalse(remover.isAlive());
        assertTrue(returned.get(), "the call had returned when removal returned");
        caller.join(30_000);
    }

    /** A generation that does not hold the removed link does not hold up its removal. */
    @Test
    void removalIgnoresCallsOnGenerationsWithoutTheLink() throws Exception {
        HookRegistry registry = registry();
        HookChain<ExecutorEndHook, ExecutorEndHook.Next> chain = chain(registry);
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (HookRegistration slow = registry.install(ExecutorEndHook.class, (qd, next) -> {
            inside.countDown();
            awaitUninterruptibly(release);
            next.executorEnd(qd);
        })) {
            Thread caller = call(chain);
            assertTrue(inside.await(30, TimeUnit.SECONDS));
            HookRegistration later = registry.install(ExecutorEndHook.class, (qd, next) -> next.executorEnd(qd));
            later.remove(); // would wait 10 s if it waited for the slow call
            assertEquals(1, chain.links().size());
            release.countDown();
            caller.join(30_000);
            assertEquals(1, standardCalls.sum());
        }
    }

    /** The drain is bounded: removal gives up after drainMillis and says so in the log. */
    @Test
    void removalGivesUpAfterTheBoundAndLogs() throws Exception {
        HookRegistry registry = new HookRegistry(h -> OWNER, log, 100);
        HookChain<ExecutorEndHook, ExecutorEndHook.Next> chain = chain(registry);
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        HookRegistration reg = registry.install(ExecutorEndHook.class, (qd, next) -> {
            inside.countDown();
            awaitUninterruptibly(release);
            next.executorEnd(qd);
        });
        Thread caller = call(chain);
        try {
            assertTrue(inside.await(30, TimeUnit.SECONDS));
            long start = System.nanoTime();
            reg.remove();
            assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(100), "waited the bound");
            assertTrue(logged.toString(StandardCharsets.UTF_8).contains(
                    "LOG:  ExecutorEnd hook of extension \"test\" still had calls running after 100 ms; removed anyway"),
                    logged.toString(StandardCharsets.UTF_8));
        } finally {
            release.countDown();
            caller.join(30_000);
        }
    }

    /**
     * Stress: three threads call the chain without pause while hooks are installed and removed
     * over and over (some staying across rounds, so calls run on many generations). After a
     * removal returns, no call is inside the removed hook and none enters it; no call fails.
     */
    @Test
    void noCallEntersARemovedHookAfterRemovalReturned() throws Exception {
        stress(false);
    }

    /** The same stress, with the calls made as the pipeline makes them: inside the statement scope. */
    @Test
    void noScopedCallEntersARemovedHookAfterRemovalReturned() throws Exception {
        stress(true);
    }

    /** A statement inside the scope holds a removal until it leaves the scope. */
    @Test
    void removalWaitsForAStatementInsideTheScope() throws Exception {
        HookRegistry registry = registry();
        HookChain<ExecutorEndHook, ExecutorEndHook.Next> chain = chain(registry);
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean left = new AtomicBoolean();
        HookRegistration reg = registry.install(ExecutorEndHook.class, (qd, next) -> next.executorEnd(qd));
        // The statement is inside the scope but not (yet) inside the hook: the remover cannot
        // know which stage it will call next, so it waits for the whole scope.
        Thread statement = new Thread(() -> {
            HookScope.HookThread s = registry.scope().enter();
            try {
                chain.first().executorEnd(null);
                inside.countDown();
                awaitUninterruptibly(release);
            } finally {
                left.set(true);
                HookScope.exit(s);
            }
        }, "statement");
        statement.start();
        assertTrue(inside.await(30, TimeUnit.SECONDS));
        AtomicBoolean leftFirst = new AtomicBoolean();
        Thread remover = new Thread(() -> {
            reg.remove();
            leftFirst.set(left.get());
        }, "remover");
        remover.start();
        awaitParked(remover);
        assertTrue(remover.isAlive(), "removal waits for the statement");
        assertTrue(chain.links().isEmpty(), "the link left the chain at once");
        release.countDown();
        remover.join(30_000);
        statement.join(30_000);
        assertFalse(remover.isAlive());
        assertTrue(leftFirst.get(), "the statement had left the scope when removal returned");
        assertEquals("", logged.toString(StandardCharsets.UTF_8));
    }

    /** A statement that removes a hook (or stops its bundle) does not wait for itself. */
    @Test
    void removalInsideTheScopeDoesNotWaitForItself() {
        HookRegistry registry = registry();
        HookChain<ExecutorEndHook, ExecutorEndHook.Next> chain = chain(registry);
        AtomicInteger hookCalls = new AtomicInteger();
        HookRegistration reg = registry.install(ExecutorEndHook.class, (qd, next) -> {
            hookCalls.incrementAndGet();
            next.executorEnd(qd);
        });
        HookScope.HookThread s = registry.scope().enter();
        try {
            chain.first().executorEnd(null);
            long start = System.nanoTime();
            reg.remove();
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5), "returned without waiting the bound");
            chain.first().executorEnd(null);
        } finally {
            HookScope.exit(s);
        }
        assertEquals(1, hookCalls.get(), "the removed hook is not called again");
        assertEquals(2, standardCalls.sum());
        assertEquals("", logged.toString(StandardCharsets.UTF_8));
    }

    /** Call counts are per thread and summed when read, threads that have ended included. */
    @Test
    void callCountsAddUpOverThreadsThatEnded() throws Exception {
        HookRegistry registry = registry();
        HookChain<ExecutorEndHook, ExecutorEndHook.Next> chain = chain(registry);
        try (HookRegistration reg = registry.install(ExecutorEndHook.class, (qd, next) -> next.executorEnd(qd))) {
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                int calls = 1000 * (i + 1);
                Thread t = new Thread(() -> {
                    for (int k = 0; k < calls; k++) {
                        chain.head().executorEnd(null);
                    }
                }, "counting-" + i);
                threads.add(t);
                t.start();
            }
            for (Thread t : threads) {
                t.join(30_000);
            }
            for (int k = 0; k < 7; k++) {
                chain.head().executorEnd(null);
            }
            assertEquals(6007, registry.rows().get(0).calls());
            assertEquals(6007, registry.rows().get(0).calls(), "folding ended threads keeps their counts");
            assertTrue(registry.rows().get(0).totalNanos() >= 0);
        }
    }

    private void stress(boolean scoped) throws Exception {
        HookRegistry registry = registry();
        HookChain<ExecutorEndHook, ExecutorEndHook.Next> chain = chain(registry);
        int callers = 3;
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicLong[] progress = new AtomicLong[callers];
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            AtomicLong p = progress[i] = new AtomicLong();
            Thread t = new Thread(() -> {
                try {
                    while (!stop.get()) {
                        if (scoped) {
                            HookScope.HookThread s = registry.scope().enter();
                            try {
                                chain.first().executorEnd(null);
                            } finally {
                                HookScope.exit(s);
                            }
                        } else {
                            chain.head().executorEnd(null);
                        }
                        p.incrementAndGet();
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }, "caller-" + i);
            threads.add(t);
            t.start();
        }
        AtomicInteger violations = new AtomicInteger();
        int rounds = 0;
        HookRegistration lingering = null;
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        try {
            while (rounds < 30 || (System.nanoTime() - end < 0 && rounds < 1000)) {
                Probe probe = new Probe(violations);
                HookRegistration reg = registry.install(ExecutorEndHook.class, probe);
                if (rounds % 3 == 0) { // another generation change while calls run on the probe's
                    if (lingering != null) {
                        lingering.remove();
                    }
                    lingering = registry.install(ExecutorEndHook.class, new Probe(violations));
                }
                await("the probe is called", () -> probe.calls.get() >= 3 || failure.get() != null);
                reg.remove();
                if (probe.inside.get() != 0) {
                    violations.incrementAndGet();
                }
                probe.removalReturned = true;
                long[] seen = new long[callers];
                for (int i = 0; i < callers; i++) {
                    seen[i] = progress[i].get();
                }
                // Every caller completes two more calls: a stale call would have reached the probe.
                for (int i = 0; i < callers; i++) {
                    int k = i;
                    await("caller " + k + " goes on", () -> progress[k].get() >= seen[k] + 2 || failure.get() != null);
                }
                rounds++;
                assertNull(failure.get(), () -> "a call failed: " + failure.get());
            }
        } finally {
            stop.set(true);
            for (Thread t : threads) {
                t.join(30_000);
            }
        }
        if (lingering != null) {
            lingering.remove();
        }
        assertNull(failure.get());
        assertEquals(0, violations.get(), "calls inside or entering a hook after its removal returned");
        assertTrue(chain.links().isEmpty());
        assertEquals(0, chain.supersededCount(), "every superseded generation was drained and forgotten");
        assertEquals("", logged.toString(StandardCharsets.UTF_8));
    }

    /** A pass-through hook that notices calls arriving after its removal returned. */
    private static final class Probe implements ExecutorEndHook {
        final AtomicInteger inside = new AtomicInteger();
        final AtomicLong calls = new AtomicLong();
        final AtomicInteger violations;
        volatile boolean removalReturned;

        Probe(AtomicInteger violations) {
            this.violations = violations;
        }

        @Override
        public void executorEnd(org.elephas.api.sql.QueryDesc queryDesc, Next next) {
            inside.incrementAndGet();
            try {
                if (removalReturned) {
                    violations.incrementAndGet();
                }
                calls.incrementAndGet();
                for (int i = 0; i < 20; i++) {
                    Thread.onSpinWait(); // stay inside a little, so that removals meet calls in flight
                }
                next.executorEnd(queryDesc);
            } finally {
                inside.decrementAndGet();
            }
        }
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                if (!latch.await(60, TimeUnit.SECONDS)) {
                    throw new AssertionError("never released");
                }
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static void joinUninterruptibly(Thread t) {
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
