package org.elephas.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.FutureTask;
import java.util.function.Consumer;

import org.elephas.backend.BackendThread;
import org.elephas.benchmarks.report.HookPairs;
import org.elephas.benchmarks.report.Series;
import org.elephas.benchmarks.report.SeriesFile;
import org.elephas.hooks.HookLink;
import org.elephas.session.Session;

/**
 * Not JMH: what the sample hook extensions add to a statement, measured in pairs inside one JVM
 * so that the JIT's fork-to-fork differences cancel. One server preloads {@code stat_statements}
 * and {@code auto_explain}; a {@link HookSwitch} takes their hooks out of the chains and puts
 * them back, so the same compiled code runs the statements of {@link HookBundlesBenchmark} with
 * no hooks, each sample's alone, and both.
 *
 * <p>Per fork, on a {@link BackendThread} as the host runs a client connection: start the
 * server, warm up (every statement under every configuration, in turn), then rounds until the
 * time is up. A round runs, for each statement, one batch (about
 * {@value #BATCH_MILLIS} ms of statements) under each configuration, in an order rotated from
 * round to round, and takes the benchmark thread's CPU time per statement of each batch
 * ({@code ThreadMXBean}: waiting for a core is not counted, garbage collection and compilation
 * on other threads neither). The pair is a configuration's batch and the {@code none} batch of
 * the same round and statement: their difference is one sample of what the configuration adds.
 * Each fork is a fresh JVM (this class run again), so the spread covers JIT decisions too.
 *
 * <p>What it does not see: a server that never had a hook skips the statement scope
 * ({@code HookScope}) that the {@code none} batches here pay, and the pipeline's calls into
 * the chains see both the standard implementations and the links in either half (a server that
 * preloads nothing sees only the former). Both make the paired figure smaller than the
 * difference between two such servers by a few tens of ns.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar org.elephas.benchmarks.HookPairBenchmark [FORKS [WARMUP_S [MEASURE_S]]] [OUT.json]
 * </pre>
 * Defaults: 3 forks, 12 s warm-up and 30 s of rounds per fork; {@code OUT.json} (or the
 * {@code RESULTS} environment variable) receives the samples in the report's results format.
 */
public final class HookPairBenchmark {
    static final int BATCH_MILLIS = 10;
    private static final String CHILD = "--fork";
    private static final List<String> EXTENSIONS = List.of("stat_statements", "auto_explain");

    private HookPairBenchmark() {
    }

    /**
     * @param args forks, warm-up seconds, measured seconds (numbers first, all optional), output path;
     *     or, in a fork, {@code --fork N WARMUP_S MEASURE_S OUT.json}
     * @throws Exception when the server or a fork fails
     */
    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals(CHILD)) {
            int fork = Integer.parseInt(args[1]);
            Fork f = new Fork(fork, Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            // On a backend thread, as the host runs a client connection's statements.
            FutureTask<List<Series>> task = new FutureTask<>(f::run);
            new BackendThread(task, "benchmark backend").start();
            List<Series> series = task.get();
            SeriesFile.write(Path.of(args[4]), "fork " + fork, List.of(), series);
            // The server's non-daemon threads are gone, but do not wait for stragglers.
            System.exit(0);
        }
        PairedBatches.Arguments arguments = PairedBatches.Arguments.parse(args, 3, 12, 30);
        int forks = arguments.forks();
        int warmup = arguments.warmup();
        int measure = arguments.measure();
        String out = arguments.out();
        List<Series> all = new ArrayList<>();
        Path dir = Files.createTempDirectory("hook-pairs");
        try {
            for (int f = 1; f <= forks; f++) {
                Path result = dir.resolve("fork-" + f + ".json");
                runFork(f, warmup, measure, result);
                all = merge(all, SeriesFile.readSeries(result));
            }
        } finally {
            try (var files = Files.list(dir)) {
                for (Path p : files.toList()) {
                    Files.delete(p);
                }
            }
            Files.delete(dir);
        }
        print(all, forks);
        if (out != null && !out.isEmpty()) {
            SeriesFile.write(Path.of(out), "What the sample hook extensions add per statement, paired inside one JVM",
                    notes(forks, warmup, measure), all);
            System.out.println("wrote " + out);
        }
    }

    private static List<String> notes(int forks, int warmup, int measure) {
        return List.of(forks + " forks; per fork " + warmup + " s warm-up, then " + measure + " s of rounds; a round = per"
                + " statement one ~" + BATCH_MILLIS + " ms batch under each configuration, order rotated per round",
                "CPU time of the benchmark thread (ThreadMXBean), per statement; a sample of what a configuration adds"
                + " = its batch minus the none batch of the same round",
                "auto_explain.log_min_duration = 1 s: every statement timed, none logged",
                "Java " + System.getProperty("java.version"));
    }

    /** Run one fork as a new JVM with this one's options and class path. */
    private static void runFork(int fork, int warmup, int measure, Path result) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), HookPairBenchmark.class.getName(), CHILD,
                Integer.toString(fork), Integer.toString(warmup), Integer.toString(measure), result.toString()));
        Process p = new ProcessBuilder(command).inheritIO().start();
        int exit = p.waitFor();
        if (exit != 0 || !Files.exists(result)) {
            throw new IllegalStateException("fork " + fork + " failed (exit " + exit + ")");
        }
    }

    /** Series of the same measure concatenated, in order of first appearance. */
    static List<Series> merge(List<Series> a, List<Series> b) {
        Map<String, Series> byMeasure = new LinkedHashMap<>();
        for (Series s : a) {
            byMeasure.put(s.measure(), s);
        }
        for (Series s : b) {
            byMeasure.merge(s.measure(), s, (x, y) -> {
                double[] values = Arrays.copyOf(x.values(), x.values().length + y.values().length);
                System.arraycopy(y.values(), 0, values, x.values().length, y.values().length);
                long[] counts = new long[values.length];
                Arrays.fill(counts, 1);
                return new Series(x.system(), x.measure(), x.unit(), values, counts);
            });
        }
        return new ArrayList<>(byMeasure.values());
    }

    private static void print(List<Series> all, int forks) {
        for (String statement : HookPairs.STATEMENTS) {
            StringBuilder line = new StringBuilder(statement + ":");
            for (String c : HookPairs.CONFIGURATIONS) {
                all.stream().filter(s -> s.measure().equals(HookPairs.cpu(statement, c))).findFirst()
                        .ifPresent(s -> line.append(String.format(Locale.ROOT, "  %s %.3f us", c, s.stats().median())));
            }
            System.out.println(line);
            for (String c : HookPairs.CONFIGURATIONS.subList(1, HookPairs.CONFIGURATIONS.size())) {
                PairedBatches.Pooled pooled = PairedBatches.Pooled.of(all, Series.ELEPHAS, statement, c, forks);
                if (pooled != null) {
                    var st = pooled.stats();
                    System.out.printf(Locale.ROOT, "  %-32s adds %.3f us (p25 %.3f, p75 %.3f, n %d; forks:%s)%n", c,
                            st.median(), st.p25(), st.p75(), st.n(), pooled.perFork());
                }
            }
        }
    }

    /** One fork: a server, a session, the rounds. */
    private static final class Fork {
        private final int fork;
        private final long warmupNanos;
        private final long measureNanos;
        private final com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        private final BlackholeClient sink = new BlackholeClient(null);

        Fork(int fork, int warmupSeconds, int measureSeconds) {
            this.fork = fork;
            this.warmupNanos = warmupSeconds * 1_000_000_000L;
            this.measureNanos = measureSeconds * 1_000_000_000L;
        }

        List<Series> run() throws Exception {
            try (BenchServer server = BenchServer.start(8, EXTENSIONS)) {
                Session session = server.postmaster.sessions().connect("postgres", "postgres", Map.of());
                try {
                    return measure(server, session);
                } finally {
                    session.close();
                }
            }
        }

        private List<Series> measure(BenchServer server, Session session) {
            // As HookBundlesBenchmark: every statement timed, none slow enough to be logged.
            session.simpleQuery("set auto_explain.log_min_duration = 1000", sink);
            session.simpleQuery("create table accounts (aid int primary key, bid int, abalance int, filler char(84))", sink);
            session.simpleQuery("insert into accounts select x, 1, x * 3, '' from generate_series(1, " + AccountLookups.ROWS
                    + ") AS x", sink);
            SessionStatements statements = new SessionStatements(session);
            statements.check();
            List<Consumer<BlackholeClient>> kinds = List.of(statements::select1, statements::lookupSimple,
                    c -> statements.lookupPrepared(c));
            HookSwitch hooks = new HookSwitch(server.postmaster.hooks(), Set.copyOf(EXTENSIONS));
            List<Set<String>> configurations = HookPairs.CONFIGURATIONS.stream()
                    .map(c -> c.equals(HookPairs.NONE) ? Set.<String>of() : Set.of(c.split(" \\+ "))).toList();
            int nk = kinds.size();
            int nc = configurations.size();

            // Warm-up: every statement under every configuration, in turn; then a batch size per statement.
            long[] batch = new long[nk];
            Arrays.fill(batch, 200);
            double[] nanosPerStatement = new double[nk];
            long end = System.nanoTime() + warmupNanos;
            for (int round = 0; System.nanoTime() < end || round < 2; round++) {
                for (int k = 0; k < nk; k++) {
                    for (int c = 0; c < nc; c++) {
                        hooks.attach(configurations.get((c + round) % nc));
                        long t0 = threads.getCurrentThreadCpuTime();
                        run(kinds.get(k), batch[k]);
                        nanosPerStatement[k] = (threads.getCurrentThreadCpuTime() - t0) / (double) batch[k];
                    }
                }
            }
            for (int k = 0; k < nk; k++) {
                batch[k] = Math.max(100, (long) (BATCH_MILLIS * 1e6 / nanosPerStatement[k]));
            }
            checkHooksRun(server, hooks, configurations.get(nc - 1), kinds.get(0));

            // Rounds: per statement a batch under each configuration, the order rotated per round.
            List<List<List<Double>>> cpu = PairedBatches.lists(nk, nc);
            List<List<List<Double>>> wall = PairedBatches.lists(nk, nc);
            List<List<List<Double>>> bytes = PairedBatches.lists(nk, nc);
            end = System.nanoTime() + measureNanos;
            long tid = Thread.currentThread().getId();
            for (int round = 0; System.nanoTime() < end || round < 4; round++) {
                for (int i = 0; i < nk; i++) {
                    int k = (i + round) % nk;
                    for (int j = 0; j < nc; j++) {
                        int c = (j + round) % nc;
                        hooks.attach(configurations.get(c));
                        long a0 = threads.getThreadAllocatedBytes(tid);
                        long w0 = System.nanoTime();
                        long c0 = threads.getCurrentThreadCpuTime();
                        run(kinds.get(k), batch[k]);
                        long c1 = threads.getCurrentThreadCpuTime();
                        long w1 = System.nanoTime();
                        long a1 = threads.getThreadAllocatedBytes(tid);
                        cpu.get(k).get(c).add((c1 - c0) / 1000.0 / batch[k]);
                        wall.get(k).get(c).add((w1 - w0) / 1000.0 / batch[k]);
                        bytes.get(k).get(c).add((a1 - a0) / (double) batch[k]);
                    }
                }
            }
            hooks.attach(Set.copyOf(EXTENSIONS));
            return series(cpu, wall, bytes);
        }

        /** With every hook attached, a statement passes through each switched link but ProcessUtility's. */
        private void checkHooksRun(BenchServer server, HookSwitch hooks, Set<String> all, Consumer<BlackholeClient> kind) {
            hooks.attach(all);
            List<HookLink<?>> links = server.postmaster.hooks().links().stream()
                    .filter(l -> !l.kind().name().equals("ProcessUtility")).toList();
            long[] before = links.stream().mapToLong(HookLink::calls).toArray();
            kind.accept(sink);
            for (int i = 0; i < links.size(); i++) {
                if (links.get(i).calls() == before[i]) {
                    throw new IllegalStateException("the sample extensions' hooks did not run: "
                            + server.postmaster.hooks().rows());
                }
            }
            if (links.isEmpty()) {
                throw new IllegalStateException("the sample extensions installed no hooks");
            }
        }

        private void run(Consumer<BlackholeClient> kind, long n) {
            for (long i = 0; i < n; i++) {
                kind.accept(sink);
            }
        }

        private List<Series> series(List<List<List<Double>>> cpu, List<List<List<Double>>> wall,
                List<List<List<Double>>> bytes) {
            List<Series> out = PairedBatches.series(Series.ELEPHAS, HookPairs.CONFIGURATIONS, cpu, wall, fork);
            for (int k = 0; k < bytes.size(); k++) {
                for (int c = 0; c < HookPairs.CONFIGURATIONS.size(); c++) {
                    out.add(Series.of(Series.ELEPHAS, HookPairs.allocated(HookPairs.STATEMENTS.get(k),
                            HookPairs.CONFIGURATIONS.get(c)), "B", bytes.get(k).get(c)));
                }
            }
            return out;
        }
    }
}
