package org.elephas.backend;

import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.elephas.api.ipc.Signal;

/**
 * The server's live backends by PID, and the PID allocator: PostgreSQL's {@code ProcArray}
 * plus {@code kill(pid, sig)}.
 *
 * <p>PIDs start above Linux's largest possible process ID (2^22), so an Elephas PID can never
 * be mistaken for, or {@code kill}ed as, an operating-system process. They are unique among
 * live backends and are reused only after wrapping around the int range.
 */
public final class ProcArray {
    /** Linux's {@code PID_MAX_LIMIT}: no OS process has a PID at or above it. */
    public static final int FIRST_PID = 1 << 22;

    private static final int POSTMASTER_PID = (int) ProcessHandle.current().pid();

    private final Map<Integer, Backend> backends = new ConcurrentHashMap<>();
    private final PostmasterLife life = new PostmasterLife(ignored -> wakeAll());
    /** Counts exits, so that a thread can wait for the next one (the database interlock does). */
    private final Object exits = new Object();
    private final AtomicLong exitCount = new AtomicLong();
    /** Threads in {@link #awaitExit}: an exit takes the monitor only when someone waits. */
    private final AtomicInteger exitWaiters = new AtomicInteger();
    private int nextPid = FIRST_PID;

    /** @return the server's life, shared by every backend */
    public PostmasterLife postmasterLife() {
        return life;
    }

    /**
     * Create and register a backend with a fresh PID.
     *
     * @param kind session or worker
     * @param backendType {@code backend_type}
     * @return the backend, not yet bound to a thread
     */
    public Backend create(Backend.Kind kind, String backendType) {
        synchronized (this) {
            int pid;
            do {
                pid = nextPid;
                nextPid = nextPid == Integer.MAX_VALUE ? FIRST_PID : nextPid + 1;
            } while (backends.containsKey(pid));
            Backend backend = new Backend(pid, kind, backendType, life);
            backends.put(pid, backend);
            return backend;
        }
    }

    /**
     * Forget a backend that has exited.
     *
     * @param backend the backend
     */
    public void remove(Backend backend) {
        // Many workers may exit at once: a shared monitor for every exit made them queue. The
        // count is read after the waiter registers, so one of the two always sees the other.
        if (backends.remove(backend.pid(), backend)) {
            exitCount.incrementAndGet();
            if (exitWaiters.get() > 0) {
                synchronized (exits) {
                    exits.notifyAll();
                }
            }
        }
    }

    /** @return how many backends have exited so far; pass it to {@link #awaitExit} */
    public long exitCount() {
        return exitCount.get();
    }

    /**
     * Wait until a backend exits after {@code seen} was read, or the timeout passes.
     *
     * @param seen a value of {@link #exitCount()}
     * @param timeoutNanos the most to wait
     * @throws InterruptedException if the thread is interrupted (a backend being terminated is)
     */
    public void awaitExit(long seen, long timeoutNanos) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutNanos;
        exitWaiters.incrementAndGet();
        try {
            synchronized (exits) {
                while (exitCount.get() == seen) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return;
                    }
                    java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(exits, left);
                }
            }
        } finally {
            exitWaiters.decrementAndGet();
        }
    }

    /**
     * @param pid a PID
     * @return the live backend with that PID, or null
     */
    public Backend get(int pid) {
        return backends.get(pid);
    }

    /** @return the live backends, a weakly consistent view */
    public Collection<Backend> all() {
        return Collections.unmodifiableCollection(backends.values());
    }

    /**
     * {@code kill(pid, sig)}.
     *
     * @param pid the target
     * @param signal the signal
     * @return false when no backend has that PID
     */
    public boolean signal(int pid, Signal signal) {
        Backend b = backends.get(pid);
        if (b == null) {
            return false;
        }
        b.signal(signal);
        return true;
    }

    /** @return the PID printed for lines the postmaster itself logs: the JVM's OS PID */
    public int postmasterPidForLog() {
        return POSTMASTER_PID;
    }

    /**
     * @return the PID to print for the calling thread: its backend's, or the postmaster's
     */
    public int pidOfCaller() {
        return Backend.pidOfCaller(POSTMASTER_PID);
    }

    private void wakeAll() {
        for (Backend b : backends.values()) {
            b.latch().set();
        }
    }
}
