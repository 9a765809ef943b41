package org.elephas.benchmarks;

import java.util.concurrent.TimeUnit;

import org.elephas.api.bgworker.BackgroundWorker;
import org.elephas.api.bgworker.BackgroundWorkerHandle;
import org.elephas.api.bgworker.BgwHandleStatus;
import org.elephas.api.bgworker.WorkerState;
import org.elephas.postmaster.Postmaster;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One dynamic background worker at a time against a real, started postmaster (real Felix, the
 * worker bundle preloaded, {@code max_worker_processes=8}). The registering thread is a client
 * backend ({@link Registrant}). Each invocation leaves every slot free: whatever is still
 * running after the measured part is terminated and waited for in the per-invocation teardown,
 * outside the measurement, so each invocation starts with the previous worker's thread back in
 * the supervisor's idle pool.
 *
 * <ul>
 * <li>{@link #registerToStarted}: {@code RegisterDynamicBackgroundWorker} then
 * {@code WaitForBackgroundWorkerStartup} returns STARTED (PostgreSQL's definition: the worker
 * has a PID).</li>
 * <li>{@link #registerToRunning}: register until the worker's entry point runs and its signal
 * has woken the registrant.</li>
 * <li>{@link #startTerminateWait}: register, wait for startup, terminate, wait for shutdown
 * (STOPPED).</li>
 * <li>{@link #startRunningTerminateWait}: the same, but terminating only once the entry point
 * runs (it signals first), so the termination goes through its latch wait.</li>
 * </ul>
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
@Threads(1)
@Fork(2)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class WorkerLifecycleBenchmark {
    private BenchServer server;
    private Postmaster postmaster;
    private Registrant registrant;
    private BackgroundWorker waiting;
    private BackgroundWorker signalAndExit;
    private BackgroundWorker signalAndWait;
    private BackgroundWorkerHandle pending;

    /** Start the server. */
    @Setup(Level.Trial)
    public void startServer() throws Exception {
        server = BenchServer.start(8);
        postmaster = server.postmaster;
        registrant = server.registrant;
        registrant.bindToCurrentThread();
        waiting = registrant.worker("waitForTermination");
        signalAndExit = registrant.worker("signalAndExit");
        signalAndWait = registrant.worker("signalAndWaitForTermination");
    }

    /** Shut the server down. */
    @TearDown(Level.Trial)
    public void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    /** Run as the registering backend (not measured). */
    @Setup(Level.Invocation)
    public void bind() {
        registrant.bindToCurrentThread();
    }

    /** Free the slot the invocation used (not measured). */
    @TearDown(Level.Invocation)
    public void freeSlot() {
        BackgroundWorkerHandle h = pending;
        if (h == null) {
            return;
        }
        pending = null;
        h.terminate();
        BgwHandleStatus s = h.waitForShutdown();
        if (s != BgwHandleStatus.STOPPED) {
            throw new IllegalStateException("worker did not stop: " + s);
        }
    }

    /** Register a waiting worker, keep its handle in {@code pending}, and wait until it is STARTED. */
    private WorkerState startWaiting() {
        BackgroundWorkerHandle h = Registrant.register(waiting);
        pending = h;
        WorkerState s = h.waitForStartup();
        if (s.status() != BgwHandleStatus.STARTED) {
            throw new IllegalStateException("waitForStartup returned " + s);
        }
        return s;
    }

    /**
     * Register a waiting worker and wait for its startup.
     *
     * @return the state, STARTED
     */
    @Benchmark
    public WorkerState registerToStarted() {
        return startWaiting();
    }

    /**
     * Register a worker that signals from its entry point, and wait for the signal.
     *
     * @return the arrival count
     */
    @Benchmark
    public long registerToRunning() {
        long next = registrant.arrivals() + 1;
        pending = Registrant.register(signalAndExit);
        registrant.awaitArrivals(next);
        return next;
    }

    /**
     * Register a waiting worker, wait for startup, terminate it, wait for shutdown.
     *
     * @return STOPPED
     */
    @Benchmark
    public BgwHandleStatus startTerminateWait() {
        startWaiting();
        BackgroundWorkerHandle h = pending;
        h.terminate();
        BgwHandleStatus stopped = h.waitForShutdown();
        if (stopped != BgwHandleStatus.STOPPED) {
            throw new IllegalStateException("waitForShutdown returned " + stopped);
        }
        return stopped;
    }

    /**
     * Register a waiting worker, wait until its entry point runs (its signal), terminate it, wait
     * for shutdown.
     *
     * @return STOPPED
     */
    @Benchmark
    public BgwHandleStatus startRunningTerminateWait() {
        long next = registrant.arrivals() + 1;
        BackgroundWorkerHandle h = Registrant.register(signalAndWait);
        pending = h;
        registrant.awaitArrivals(next);
        h.terminate();
        BgwHandleStatus stopped = h.waitForShutdown();
        if (stopped != BgwHandleStatus.STOPPED) {
            throw new IllegalStateException("waitForShutdown returned " + stopped);
        }
        return stopped;
    }
}
