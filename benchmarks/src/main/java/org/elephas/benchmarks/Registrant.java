package org.elephas.benchmarks;

import java.util.concurrent.atomic.AtomicLong;

import org.elephas.api.Datum;
import org.elephas.api.bgworker.BackgroundWorker;
import org.elephas.api.bgworker.BackgroundWorkerHandle;
import org.elephas.api.bgworker.BackgroundWorkers;
import org.elephas.api.bgworker.BgWorkerFlags;
import org.elephas.api.bgworker.BgWorkerStartTime;
import org.elephas.api.ipc.Signal;
import org.elephas.api.ipc.WaitEvents;
import org.elephas.backend.Backend;
import org.elephas.benchmarks.workers.BenchExtension;
import org.elephas.benchmarks.workers.BenchWorkers;
import org.elephas.postmaster.Postmaster;

/**
 * The benchmark thread as PostgreSQL's registering backend: a client backend of the server,
 * bound to the JMH thread, that registers dynamic workers and waits on its own latch, as a
 * session running a worker-launching SQL function would.
 *
 * <p>Workers that report "my entry point runs" send it {@code SIGUSR2}; its handler (run on the
 * worker's thread, like a signal handler) counts the arrival and sets the latch. Waiting for an
 * arrival is PostgreSQL's latch protocol: check the count, wait on the latch, reset it.
 *
 * <p>The count is exact only with one signalling worker at a time, which is how the benchmarks
 * use it: as with Unix signals, a {@code SIGUSR2} sent while another is still pending is merged
 * with it and the handler runs once for both.
 */
public final class Registrant implements AutoCloseable {
    private static final long PATIENCE_MILLIS = 30_000;

    private final Postmaster postmaster;
    private final Backend backend;
    private final AtomicLong arrivals = new AtomicLong();
    /** When each arrival was counted ({@code System.nanoTime()}), by arrival number modulo its length. */
    private final long[] arrivalNanos = new long[64];

    /** @param postmaster a started server */
    public Registrant(Postmaster postmaster) {
        this.postmaster = postmaster;
        this.backend = postmaster.procs().create(Backend.Kind.CLIENT_BACKEND, "client backend");
        backend.pqsignal(Signal.SIGUSR2, (signal, target) -> {
            // One signalling worker at a time (see above), so the handler runs alone.
            long n = arrivals.get() + 1;
            arrivalNanos[(int) (n % arrivalNanos.length)] = System.nanoTime();
            arrivals.set(n);
            target.latch().set();
        });
    }

    /** Make the calling thread this backend (JMH may call setup and benchmark on its own threads). */
    public void bindToCurrentThread() {
        Backend current = Backend.current();
        if (current == backend) {
            return;
        }
        if (current != null) {
            current.unbind();
        }
        backend.bind();
    }

    /** @return this backend's PID */
    public int pid() {
        return backend.pid();
    }

    /** @return how many workers have signalled so far */
    public long arrivals() {
        return arrivals.get();
    }

    /**
     * When an arrival was counted: the handler runs on the signalling worker's thread, so this is
     * the moment the worker signalled. Valid for the last 64 arrivals, after
     * {@link #awaitArrivals(long)} has seen it.
     *
     * @param arrival the arrival's number (1 is the first since the registrant was created)
     * @return its {@code System.nanoTime()}
     */
    public long arrivalNanos(long arrival) {
        return arrivalNanos[(int) (arrival % arrivalNanos.length)];
    }

    /**
     * Wait on the latch until at least {@code count} workers have signalled in total.
     *
     * @param count the total to reach
     */
    public void awaitArrivals(long count) {
        long deadline = System.nanoTime() + PATIENCE_MILLIS * 1_000_000L;
        while (arrivals.get() < count) {
            int events = backend.waitLatch(WaitEvents.WL_LATCH_SET | WaitEvents.WL_TIMEOUT
                    | WaitEvents.WL_POSTMASTER_DEATH, PATIENCE_MILLIS, 0);
            if ((events & WaitEvents.WL_POSTMASTER_DEATH) != 0) {
                throw new IllegalStateException("the server shut down while waiting for workers");
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("workers did not signal within " + PATIENCE_MILLIS + " ms: "
                        + arrivals.get() + " of " + count);
            }
            backend.latch().reset();
        }
    }

    /**
     * A dynamic worker record of the benchmark bundle whose {@code bgw_main_arg} is this
     * backend's PID.
     *
     * @param function the entry point's method name in {@link BenchWorkers}
     * @return the record
     */
    public BackgroundWorker worker(String function) {
        return worker(function, BackgroundWorker.BGW_NEVER_RESTART);
    }

    /**
     * A dynamic worker record of the benchmark bundle whose {@code bgw_main_arg} is this
     * backend's PID.
     *
     * @param function the entry point's method name in {@link BenchWorkers}
     * @param restartTime {@code bgw_restart_time} in seconds, or {@link BackgroundWorker#BGW_NEVER_RESTART}
     * @return the record
     */
    public BackgroundWorker worker(String function, int restartTime) {
        return BackgroundWorker.builder().name("bench " + function).type("bench " + function)
                .flags(BgWorkerFlags.SHMEM_ACCESS).startTime(BgWorkerStartTime.RECOVERY_FINISHED)
                .restartTime(restartTime).libraryName(BenchExtension.NAME)
                .functionName(BenchWorkers.class.getName() + "." + function).mainArg(Datum.ofInt32(backend.pid()))
                .build();
    }

    /**
     * {@code RegisterDynamicBackgroundWorker} through the extension API.
     *
     * @param worker the record
     * @return the handle
     * @throws IllegalStateException when no slot is free
     */
    public static BackgroundWorkerHandle register(BackgroundWorker worker) {
        return BackgroundWorkers.registerDynamicBackgroundWorker(worker)
                .orElseThrow(() -> new IllegalStateException("no free worker slot for " + worker.name()));
    }

    @Override
    public void close() {
        if (Backend.current() == backend) {
            backend.unbind();
        }
        postmaster.procs().remove(backend);
    }
}
