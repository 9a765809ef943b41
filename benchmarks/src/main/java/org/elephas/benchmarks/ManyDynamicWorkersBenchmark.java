package org.elephas.benchmarks;

import java.util.ArrayList;
import java.util.List;
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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Many dynamic workers at once against one running server with {@code max_worker_processes=1000}:
 *
 * <ul>
 * <li>{@link #startAndStopAll}: register N waiting workers, wait for each one's startup
 * (STARTED), then terminate each and wait for each one's shutdown (STOPPED);</li>
 * <li>{@link #startAllRunning}: register N waiting workers until every one's entry point waits
 * on its latch (its backend reports the wait event; polled, see {@link Await}); they are
 * terminated and waited for in the iteration teardown (not measured).</li>
 * </ul>
 *
 * <p>Worker threads return to the supervisor's idle pool when a worker exits and stay there for
 * 60 s, so from the second iteration on the launches reuse idle threads; the first (warmup)
 * iteration creates them.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
@Fork(2)
@Warmup(iterations = 5)
@Measurement(iterations = 10)
public class ManyDynamicWorkersBenchmark {
    private static final int MAX_WORKER_PROCESSES = 1000;

    /** How many dynamic workers. */
    @Param({"199", "1000"})
    public int workers;

    private BenchServer server;
    private Postmaster postmaster;
    private Registrant registrant;
    private BackgroundWorker waiting;
    private final List<BackgroundWorkerHandle> handles = new ArrayList<>();

    /** Start the server. */
    @Setup(Level.Trial)
    public void startServer() throws Exception {
        server = BenchServer.start(MAX_WORKER_PROCESSES);
        postmaster = server.postmaster;
        registrant = server.registrant;
        waiting = registrant.worker("waitForTermination");
    }

    /** Shut it down. */
    @TearDown(Level.Trial)
    public void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    /** Run as the registering backend (not measured). */
    @Setup(Level.Iteration)
    public void bind() {
        registrant.bindToCurrentThread();
        handles.clear();
    }

    /** Stop whatever the iteration left running (not measured). */
    @TearDown(Level.Iteration)
    public void stopAll() {
        for (BackgroundWorkerHandle h : handles) {
            h.terminate();
        }
        for (BackgroundWorkerHandle h : handles) {
            if (h.waitForShutdown() != BgwHandleStatus.STOPPED) {
                throw new IllegalStateException("worker did not stop: " + h);
            }
        }
        handles.clear();
        int left = postmaster.workers().snapshot().size();
        if (left != 0) {
            throw new IllegalStateException(left + " workers still registered after the iteration");
        }
    }

    /**
     * Start N workers, then stop them all.
     *
     * @return N
     */
    @Benchmark
    public int startAndStopAll() {
        for (int i = 0; i < workers; i++) {
            handles.add(Registrant.register(waiting));
        }
        for (BackgroundWorkerHandle h : handles) {
            WorkerState s = h.waitForStartup();
            if (s.status() != BgwHandleStatus.STARTED) {
                throw new IllegalStateException("waitForStartup returned " + s);
            }
        }
        for (BackgroundWorkerHandle h : handles) {
            h.terminate();
        }
        for (BackgroundWorkerHandle h : handles) {
            BgwHandleStatus s = h.waitForShutdown();
            if (s != BgwHandleStatus.STOPPED) {
                throw new IllegalStateException("waitForShutdown returned " + s);
            }
        }
        return handles.size();
    }

    /**
     * Start N workers and wait until all their entry points wait on their latches. (Not by
     * counting signals from the workers: like Unix signals, a signal sent while the same one is
     * still pending is merged with it, so N concurrent senders may run the handler fewer than N
     * times.)
     *
     * @return N
     */
    @Benchmark
    public int startAllRunning() {
        for (int i = 0; i < workers; i++) {
            handles.add(Registrant.register(waiting));
        }
        long deadline = Await.deadline();
        for (BackgroundWorkerHandle h : handles) {
            WorkerState s = h.getBackgroundWorkerPid();
            if (s.status() != BgwHandleStatus.STARTED) {
                throw new IllegalStateException("worker not started: " + s);
            }
            Await.untilInMainLoop(postmaster, s.pid(), deadline);
        }
        return handles.size();
    }
}
