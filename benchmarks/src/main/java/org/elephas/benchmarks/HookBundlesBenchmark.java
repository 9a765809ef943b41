package org.elephas.benchmarks;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.elephas.api.sql.QueryCompletion;
import org.elephas.session.Session;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * What the sample hook extensions cost per statement: the statements of
 * {@link PipelineBenchmark} (in-process session, {@code select 1} and a primary-key lookup,
 * simple and prepared) on a server that preloads none, or some, of the shipped hook bundles.
 * The difference between {@code preload=none} and another value, in the same run, is those
 * extensions' cost per statement (their hooks, and the chains' per-link accounting), but the
 * preloads run in different forks, whose JIT decisions differ by more than that cost:
 * {@link HookPairBenchmark} measures it in pairs inside one JVM.
 *
 * <p>{@code preload} is a {@code +}-separated list of extension names (their jars are copied to
 * {@code target/bundles} by pom.xml, {@code copy-hook-bundles}). With auto_explain, its
 * {@code log_min_duration} is 1 s: every statement is timed and none is logged, the production
 * setting whose cost matters.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
@Threads(1)
@Fork(2)
@Warmup(iterations = 10, time = 1)
@Measurement(iterations = 5, time = 1)
public class HookBundlesBenchmark {

    /** The hook bundles preloaded: {@code none}, or extension names joined by {@code +} (JMH's {@code -p} splits on commas). */
    @Param({"none", "stat_statements", "auto_explain", "stat_statements+auto_explain"})
    public String preload;

    private BenchServer server;
    private Session session;
    private SessionStatements statements;

    /** Start the server with the bundles, connect a session, fill the table. */
    @Setup(Level.Trial)
    public void start() throws Exception {
        List<String> bundles = "none".equals(preload) ? List.of() : Arrays.asList(preload.split("\\+"));
        server = BenchServer.start(8, bundles);
        session = server.postmaster.sessions().connect("postgres", "postgres", Map.of());
        BlackholeClient quiet = new BlackholeClient(null);
        if (bundles.contains("auto_explain")) {
            // On, as in production: every statement is timed, none is slow enough to be logged.
            session.simpleQuery("set auto_explain.log_min_duration = 1000", quiet);
        }
        session.simpleQuery("create table accounts (aid int primary key, bid int, abalance int, filler char(84))", quiet);
        session.simpleQuery("insert into accounts select x, 1, x * 3, '' from generate_series(1, " + AccountLookups.ROWS + ") AS x",
                quiet);
        statements = new SessionStatements(session);
        statements.check();
    }

    /** Close the session and shut the server down. */
    @TearDown(Level.Trial)
    public void stop() {
        try {
            if (session != null) {
                session.close();
            }
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    /** @param bh consumes the columns, the value and the completion */
    @Benchmark
    public void select1_simple(Blackhole bh) {
        statements.select1(new BlackholeClient(bh));
    }

    /** @param bh consumes the columns, the value and the completion */
    @Benchmark
    public void pkLookup_simple(Blackhole bh) {
        statements.lookupSimple(new BlackholeClient(bh));
    }

    /**
     * @param bh consumes the columns and the value
     * @return the completion
     */
    @Benchmark
    public QueryCompletion pkLookup_prepared(Blackhole bh) {
        return statements.lookupPrepared(new BlackholeClient(bh));
    }
}
