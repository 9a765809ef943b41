package org.elephas.benchmarks;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.concurrent.TimeUnit;

import org.elephas.api.hooks.ExecutorEndHook;
import org.elephas.api.hooks.ExecutorFinishHook;
import org.elephas.api.hooks.ExecutorRunHook;
import org.elephas.api.hooks.ExecutorStartHook;
import org.elephas.api.sql.QueryDesc;
import org.elephas.hooks.HookChain;
import org.elephas.hooks.HookOwner;
import org.elephas.hooks.HookRegistry;
import org.elephas.hooks.HookScope;
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
 * What the hook chains cost one executed statement with two extensions loaded, without the
 * engine: the four executor stages (ExecutorStart, Run, Finish, End), each a chain of two
 * pass-through hooks of distinct classes (as stat_statements' and auto_explain's are), in front
 * of standard implementations that only consume their argument. That is a prepared statement's
 * hook path in {@code HookBundlesBenchmark} with the hooks' own work taken out, so it measures
 * the chains' accounting (call counts, timing samples, unloading handshakes) and the calls
 * themselves, free of the engine's noise.
 *
 * <p>{@code entry=guarded}: every stage through its chain's guarded entry point
 * ({@link HookChain#head()}, a handshake per stage call); {@code entry=scoped}: the way the
 * pipeline calls them, one statement scope ({@link HookScope}) around the four unguarded entry
 * points. {@code hooks=0} is the benchmark's own cost.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(2)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class HookStatementBenchmark {

    /** How the stages are called: {@code guarded} (per stage) or {@code scoped} (per statement). */
    @Param({"guarded", "scoped"})
    public String entry;

    /** Pass-through hooks per stage. */
    @Param({"0", "2"})
    public int hooks;

    private HookChain<ExecutorStartHook, ExecutorStartHook.Next> start;
    private HookChain<ExecutorRunHook, ExecutorRunHook.Next> run;
    private HookChain<ExecutorFinishHook, ExecutorFinishHook.Next> finish;
    private HookChain<ExecutorEndHook, ExecutorEndHook.Next> end;
    private HookRegistry registry;
    private boolean scoped;

    /** Make the four chains and install the hooks. */
    @Setup
    public void setUp(Blackhole sink) {
        ServerLog log = new ServerLog(new PrintStream(OutputStream.nullOutputStream()), () -> 0);
        registry = new HookRegistry(h -> HookOwner.HOST, log, 1000);
        start = registry.addChain(PipelineHookKinds.EXECUTOR_START, (qd, eflags) -> sink.consume(eflags));
        run = registry.addChain(PipelineHookKinds.EXECUTOR_RUN, (qd, count, once) -> sink.consume(count));
        finish = registry.addChain(PipelineHookKinds.EXECUTOR_FINISH, qd -> sink.consume(qd));
        end = registry.addChain(PipelineHookKinds.EXECUTOR_END, qd -> sink.consume(qd));
        if (hooks >= 1) { // as stat_statements' hooks, one class
            registry.install(ExecutorStartHook.class, (qd, eflags, next) -> next.executorStart(qd, eflags), HookOwner.HOST);
            registry.install(ExecutorRunHook.class, (qd, c, o, next) -> next.executorRun(qd, c, o), HookOwner.HOST);
            registry.install(ExecutorFinishHook.class, (qd, next) -> next.executorFinish(qd), HookOwner.HOST);
            registry.install(ExecutorEndHook.class, (qd, next) -> next.executorEnd(qd), HookOwner.HOST);
        }
        if (hooks >= 2) { // as auto_explain's, other classes
            registry.install(ExecutorStartHook.class, (qd, eflags, next) -> next.executorStart(qd, eflags), HookOwner.HOST);
            registry.install(ExecutorRunHook.class, (qd, c, o, next) -> next.executorRun(qd, c, o), HookOwner.HOST);
            registry.install(ExecutorFinishHook.class, (qd, next) -> next.executorFinish(qd), HookOwner.HOST);
            registry.install(ExecutorEndHook.class, (qd, next) -> next.executorEnd(qd), HookOwner.HOST);
        }
        scoped = entry.equals("scoped");
    }

    /** The four executor stages of one statement. */
    @Benchmark
    public void statement() {
        if (scoped) {
            Scoped.statement(this);
        } else {
            start.head().executorStart((QueryDesc) null, 0);
            run.head().executorRun(null, 0, true);
            finish.head().executorFinish(null);
            end.head().executorEnd(null);
        }
    }

    /** Separate, so that a host without the statement scope can run {@code entry=guarded}. */
    private static final class Scoped {
        static void statement(HookStatementBenchmark b) {
            HookScope.HookThread s = b.registry.scope().enter();
            try {
                b.start.first().executorStart((QueryDesc) null, 0);
                b.run.first().executorRun(null, 0, true);
                b.finish.first().executorFinish(null);
                b.end.first().executorEnd(null);
            } finally {
                HookScope.exit(s);
            }
        }
    }
}
