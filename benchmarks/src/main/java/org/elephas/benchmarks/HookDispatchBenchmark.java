package org.elephas.benchmarks;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.concurrent.TimeUnit;

import org.elephas.api.hooks.ExecutorEndHook;
import org.elephas.api.sql.QueryDesc;
import org.elephas.hooks.HookChain;
import org.elephas.hooks.HookOwner;
import org.elephas.hooks.HookRegistry;
import org.elephas.hooks.PipelineHookKinds;
import org.elephas.log.ServerLog;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * What a hook chain costs per call: one stage's chain (ExecutorEnd) with 0, 1, 5 or 10
 * pass-through hooks in front of a standard implementation that only consumes its argument.
 * The 0-hook case is the benchmark's own overhead (read the entry point, call the standard
 * implementation); the 1-hook case adds the chain's per-call unloading handshake; the slope
 * {@code (t10 - t0) / 10} is the cost of a link: its call counter, sampled timing and the
 * hook's own call of {@code next}.
 *
 * <p>{@code classes=same}: every hook is the same class (the hook call inside a link is
 * monomorphic and inlined, the best case); {@code classes=distinct}: each hook is its own
 * class, as hooks of different extensions are (that call site is megamorphic).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(2)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class HookDispatchBenchmark {

    @Param({"0", "1", "5", "10"})
    public int hooks;

    @Param({"same", "distinct"})
    public String classes;

    /** Ten pass-through hooks, each its own class (one lambda site each). */
    private static final ExecutorEndHook[] DISTINCT = {
        (qd, next) -> next.executorEnd(qd), (qd, next) -> next.executorEnd(qd),
        (qd, next) -> next.executorEnd(qd), (qd, next) -> next.executorEnd(qd),
        (qd, next) -> next.executorEnd(qd), (qd, next) -> next.executorEnd(qd),
        (qd, next) -> next.executorEnd(qd), (qd, next) -> next.executorEnd(qd),
        (qd, next) -> next.executorEnd(qd), (qd, next) -> next.executorEnd(qd),
    };

    private HookChain<ExecutorEndHook, ExecutorEndHook.Next> chain;
    private Blackhole sink;

    @Setup
    public void setUp(Blackhole blackhole) {
        sink = blackhole;
        ServerLog log = new ServerLog(new PrintStream(OutputStream.nullOutputStream()), () -> 0);
        HookRegistry registry = new HookRegistry(h -> HookOwner.HOST, log, 1000);
        chain = registry.addChain(PipelineHookKinds.EXECUTOR_END, qd -> sink.consume(qd));
        for (int i = 0; i < hooks; i++) {
            ExecutorEndHook hook = classes.equals("distinct") ? DISTINCT[i] : (qd, next) -> next.executorEnd(qd);
            registry.install(ExecutorEndHook.class, hook, HookOwner.HOST);
        }
    }

    /** One call of the stage through its chain. */
    @Benchmark
    public void dispatch() {
        chain.head().executorEnd((QueryDesc) null);
    }
}
