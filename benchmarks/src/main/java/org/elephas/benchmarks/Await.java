package org.elephas.benchmarks;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.elephas.backend.Backend;
import org.elephas.benchmarks.workers.BenchWorkers;
import org.elephas.postmaster.Postmaster;

/**
 * Polling with a deadline, for conditions nobody signals: "this worker's entry point waits on
 * its latch" is seen from outside as its backend reporting {@link BenchWorkers#WAIT_EVENT}
 * ({@code pg_stat_activity.wait_event}). Polls every 20 µs (parked, so the poller leaves the
 * CPU to the workers).
 */
final class Await {
    /** How long anything may take before a benchmark fails instead of hanging. */
    static final long PATIENCE_NANOS = TimeUnit.SECONDS.toNanos(60);

    private static final long POLL_NANOS = 20_000;

    private Await() {
    }

    /** @return a deadline {@link #PATIENCE_NANOS} from now */
    static long deadline() {
        return System.nanoTime() + PATIENCE_NANOS;
    }

    /**
     * Wait until the worker with this PID waits on its latch in its main loop.
     *
     * @param postmaster the server
     * @param pid the worker's PID
     * @param deadline a {@link System#nanoTime()} deadline
     * @throws IllegalStateException when the worker exits first or the deadline passes
     */
    static void untilInMainLoop(Postmaster postmaster, int pid, long deadline) {
        Backend b;
        while ((b = postmaster.procs().get(pid)) != null && b.waitEventInfo() != BenchWorkers.WAIT_EVENT) {
            pause(deadline, "worker " + pid + " to wait on its latch");
        }
        if (b == null) {
            throw new IllegalStateException("worker " + pid + " exited before waiting on its latch");
        }
    }

    /**
     * Park for one poll period.
     *
     * @param deadline a {@link System#nanoTime()} deadline
     * @param what what is awaited, for the failure message
     * @throws IllegalStateException when the deadline has passed
     */
    static void pause(long deadline, String what) {
        if (System.nanoTime() - deadline > 0) {
            throw new IllegalStateException("timed out waiting for " + what);
        }
        LockSupport.parkNanos(POLL_NANOS);
    }
}
