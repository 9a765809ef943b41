package org.elephas.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.elephas.api.bgworker.BgwHandleStatus;
import org.elephas.bgworker.WorkerInfo;
import org.elephas.postmaster.Phase;
import org.elephas.postmaster.Postmaster;
import org.elephas.postmaster.StartupFailure;
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
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * Server boot with N static workers: the worker bundle is preloaded and its {@code _PG_init}
 * registers N static PostmasterStart workers ({@code max_worker_processes = max(8, N)}). Each
 * iteration boots a new postmaster on a new data directory (made in the iteration setup) and
 * shuts it down in the iteration teardown; the measured time runs from the call of
 * {@link Postmaster#start()}: framework start, bundle install and {@code _PG_init}, slot
 * creation, launches, to
 *
 * <ul>
 * <li>{@link #bootUntilStarted}: all N workers STARTED in {@code workers().snapshot()} (they
 * have PIDs; PostgreSQL's "started");</li>
 * <li>{@link #bootUntilRunning}: all N workers' entry points waiting on their latches (their
 * backend reports the wait event), polled every 20 µs.</li>
 * </ul>
 *
 * <p>The worker threads of one boot die with its server: every boot creates its N threads anew.
 * The iteration teardown waits until they are gone and runs a GC, so that a boot does not pay
 * for the previous one's exiting threads and garbage (a real boot starts in a fresh JVM).
 * At the end of a trial the median time spent in each stage of the boot is printed (framework
 * and preload, launches, waiting for the entry points) to show where the time goes.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
@Fork(2)
@Warmup(iterations = 5)
@Measurement(iterations = 10)
public class BootBenchmark {

    /** How many static workers {@code _PG_init} registers. */
    @Param({"8", "199", "1000"})
    public int staticWorkers;

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private BenchHome home;
    private Postmaster postmaster;
    private final Map<Phase, Long> phaseAt = new EnumMap<>(Phase.class);
    private boolean measuring;
    private long startedAt;
    private long allStartedAt;
    private long allRunningAt;
    private final List<long[]> stages = new ArrayList<>();

    /** Build the bundle for this N. */
    @Setup(Level.Trial)
    public void buildHome() {
        home = BenchHome.create(staticWorkers);
    }

    /** Delete the home. */
    @TearDown(Level.Trial)
    public void deleteHome() {
        printStages();
        home.close();
    }

    /** A new postmaster on a new data directory (not measured). */
    @Setup(Level.Iteration)
    public void newServer(IterationParams iteration) {
        measuring = iteration.getType() == IterationType.MEASUREMENT;
        postmaster = home.newPostmaster(Math.max(8, staticWorkers));
        phaseAt.clear();
        allRunningAt = 0;
        postmaster.addPhaseListener(p -> phaseAt.put(p, System.nanoTime()));
    }

    /** Shut it down and delete its data directory (not measured). */
    @TearDown(Level.Iteration)
    public void stopServer() {
        postmaster.shutdown();
        home.discard(postmaster);
        awaitThreadsGone();
        Long preload = phaseAt.get(Phase.PRELOAD);
        Long run = phaseAt.get(Phase.RUN);
        if (measuring && preload != null && run != null) {
            stages.add(new long[] {preload - startedAt, allStartedAt - preload,
                allRunningAt == 0 ? -1 : allRunningAt - allStartedAt});
        }
    }

    /**
     * Boot until every static worker is STARTED.
     *
     * @return how many are
     * @throws StartupFailure when the server cannot start
     */
    @Benchmark
    public int bootUntilStarted() throws StartupFailure {
        startedAt = System.nanoTime();
        postmaster.start();
        List<WorkerInfo> started = awaitAllStarted();
        allStartedAt = System.nanoTime();
        return started.size();
    }

    /**
     * Boot until every static worker's entry point waits on its latch.
     *
     * @return how many do
     * @throws StartupFailure when the server cannot start
     */
    @Benchmark
    public int bootUntilRunning() throws StartupFailure {
        startedAt = System.nanoTime();
        postmaster.start();
        List<WorkerInfo> started = awaitAllStarted();
        allStartedAt = System.nanoTime();
        long deadline = Await.deadline();
        for (WorkerInfo w : started) {
            Await.untilInMainLoop(postmaster, w.pid(), deadline);
        }
        allRunningAt = System.nanoTime();
        return started.size();
    }

    /**
     * Shutdown leaves the server's worker threads exiting in the background; let them go, and
     * collect the boot's garbage, so that the next boot does not pay for this one. Worker threads
     * are recognised by name (idle pool threads and the benchmark's workers); Felix's resolver
     * threads are not awaited: they idle for a minute after their framework stopped.
     */
    private void awaitThreadsGone() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (workerThreadsAlive() > 0 && System.nanoTime() - deadline < 0) {
            LockSupport.parkNanos(1_000_000);
        }
        System.gc();
    }

    private static int workerThreadsAlive() {
        int n = 0;
        for (ThreadInfo t : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (t != null && (t.getThreadName().startsWith("bgworker idle")
                    || t.getThreadName().startsWith("bench static"))) {
                n++;
            }
        }
        return n;
    }

    private List<WorkerInfo> awaitAllStarted() {
        long deadline = Await.deadline();
        while (true) {
            List<WorkerInfo> rows = postmaster.workers().snapshot();
            List<WorkerInfo> started = rows.stream().filter(w -> w.status() == BgwHandleStatus.STARTED).toList();
            if (started.size() == staticWorkers) {
                return started;
            }
            Await.pause(deadline, staticWorkers + " workers to start (have " + started.size() + ")");
        }
    }

    private void printStages() {
        if (stages.isEmpty()) {
            return;
        }
        List<long[]> measured = stages;
        System.out.printf("%nboot stages, N=%d, median of %d measured boots: start() to slots created (framework, bundle,"
                + " _PG_init) %.2f ms; slots created to all STARTED (launches) %.2f ms; all STARTED to all"
                + " waiting on latches %s%n", staticWorkers, measured.size(), median(measured, 0), median(measured, 1),
                measured.get(0)[2] < 0 ? "n/a" : String.format("%.2f ms", median(measured, 2)));
    }

    private static double median(List<long[]> rows, int column) {
        long[] v = rows.stream().mapToLong(r -> r[column]).sorted().toArray();
        return v[v.length / 2] / 1e6;
    }
}
