package org.elephas.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/**
 * {@link BackendThreadLocal} and {@link Backend#current()} read the same on a
 * {@link BackendThread} (fields) as on any other thread (thread-locals), and each thread sees
 * only its own values.
 */
class BackendThreadLocalTest {

    private static <T> T onBackendThread(Callable<T> task) throws Exception {
        FutureTask<T> f = new FutureTask<>(task);
        new BackendThread(f, "test backend").start();
        return f.get();
    }

    private static <T> T onPlainThread(Callable<T> task) throws Exception {
        FutureTask<T> f = new FutureTask<>(task);
        new Thread(f, "test plain").start();
        return f.get();
    }

    /** What one thread sees: initial value, after set, after set(null), and its own initial count. */
    private static List<Object> exercise(BackendThreadLocal<String> local, BackendThreadLocal<Object> plain) {
        List<Object> seen = new ArrayList<>();
        seen.add(local.get());
        local.set("mine " + Thread.currentThread().getName());
        seen.add(local.get());
        local.set(null);
        seen.add(local.get());
        seen.add(plain.get());
        plain.set("x");
        seen.add(plain.get());
        plain.set(null);
        seen.add(plain.get());
        return seen;
    }

    @Test
    void valuesAreTheThreadsOwnOnBothKindsOfThread() throws Exception {
        AtomicInteger made = new AtomicInteger();
        BackendThreadLocal<String> local = new BackendThreadLocal<>(() -> "initial " + made.incrementAndGet());
        BackendThreadLocal<Object> plain = new BackendThreadLocal<>();
        // Many indexes first, so that the backend thread's slot array has to grow.
        for (int i = 0; i < 40; i++) {
            new BackendThreadLocal<>();
        }
        BackendThreadLocal<String> late = new BackendThreadLocal<>(() -> "late");

        List<Object> backend = onBackendThread(() -> {
            List<Object> seen = exercise(local, plain);
            seen.add(late.get());
            return seen;
        });
        List<Object> other = onPlainThread(() -> {
            List<Object> seen = exercise(local, plain);
            seen.add(late.get());
            return seen;
        });

        assertTrue(((String) backend.get(0)).startsWith("initial "), backend.toString());
        assertEquals("mine test backend", backend.get(1));
        assertTrue(((String) backend.get(2)).startsWith("initial "), "cleared: made again on the next read");
        assertEquals(java.util.Arrays.asList(null, "x", null, "late"), backend.subList(3, 7));
        assertTrue(((String) other.get(0)).startsWith("initial "), other.toString());
        assertEquals("mine test plain", other.get(1));
        assertEquals(java.util.Arrays.asList(null, "x", null, "late"), other.subList(3, 7));
        assertNull(plain.get(), "the test's thread saw none of it");
    }

    @Test
    void aBackendBoundToABackendThreadIsCurrentThereOnly() throws Exception {
        ProcArray procs = new ProcArray();
        Backend b = procs.create(Backend.Kind.BACKGROUND_WORKER, "t");
        List<Object> seen = onBackendThread(() -> {
            List<Object> s = new ArrayList<>();
            s.add(Backend.current());
            b.bind();
            s.add(Backend.current());
            s.add(Backend.pidOfCaller(-1));
            b.unbind();
            s.add(Backend.current());
            return s;
        });
        assertNull(seen.get(0));
        assertSame(b, seen.get(1));
        assertEquals(b.pid(), seen.get(2));
        assertNull(seen.get(3));
        assertNull(Backend.current(), "not the test's thread");
    }
}
