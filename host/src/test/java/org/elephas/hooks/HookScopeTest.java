package org.elephas.hooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;

/** Each thread's bookkeeping is its own, however it is found, and counts add up over threads. */
class HookScopeTest {

    @Test
    void everyThreadFindsItsOwnBookkeepingAndEveryCallIsCounted() throws Exception {
        HookScope scope = new HookScope();
        int slot = scope.newSlot();
        // Many threads, all alive at once.
        int threads = 200;
        int callsEach = 1_000;
        Set<HookScope.HookThread> seen = ConcurrentHashMap.newKeySet();
        CountDownLatch allRegistered = new CountDownLatch(threads);
        List<Thread> started = new ArrayList<>();
        List<Throwable> failures = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Thread t = new Thread(() -> {
                HookScope.HookThread mine = scope.thread();
                allRegistered.countDown();
                try {
                    allRegistered.await();
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
                for (int c = 0; c < callsEach; c++) {
                    HookScope.HookThread again = scope.thread();
                    assertSame(mine, again, "the same bookkeeping on every call");
                    again.count(slot);
                }
                seen.add(mine);
            });
            t.setUncaughtExceptionHandler((th, e) -> {
                synchronized (failures) {
                    failures.add(e);
                }
            });
            started.add(t);
            t.start();
        }
        for (Thread t : started) {
            t.join();
        }
        assertEquals(List.of(), failures);
        assertEquals(threads, seen.size(), "one bookkeeping per thread");
        assertEquals((long) threads * callsEach, scope.calls(slot), "ended threads' counts are kept");

        // A new thread gets its own, not an ended one's.
        HookScope.HookThread[] fresh = new HookScope.HookThread[1];
        Thread late = new Thread(() -> fresh[0] = scope.thread());
        late.start();
        late.join();
        for (HookScope.HookThread old : seen) {
            assertNotSame(old, fresh[0]);
        }
        assertSame(scope.thread(), scope.thread(), "the test thread too");
    }
}
