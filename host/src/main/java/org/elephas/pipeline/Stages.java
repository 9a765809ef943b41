package org.elephas.pipeline;

import java.util.Objects;

import org.elephas.api.hooks.ExecutorCheckPermsHook;
import org.elephas.api.hooks.ExecutorEndHook;
import org.elephas.api.hooks.ExecutorFinishHook;
import org.elephas.api.hooks.ExecutorRunHook;
import org.elephas.api.hooks.ExecutorStartHook;
import org.elephas.api.hooks.PlannerHook;
import org.elephas.api.hooks.PostParseAnalyzeHook;
import org.elephas.api.hooks.ProcessUtilityHook;
import org.elephas.hooks.HookChain;
import org.elephas.hooks.HookRegistry;
import org.elephas.hooks.HookScope;
import org.elephas.hooks.PipelineHookKinds;

/**
 * The pipeline's chain points, one {@link HookChain} per stage, each ending in its standard
 * implementation. A statement calls a stage through the chain's current head; with no hook
 * installed that is the standard implementation itself.
 */
public final class Stages {
    /** post_parse_analyze (the standard implementation does nothing). */
    public final HookChain<PostParseAnalyzeHook, PostParseAnalyzeHook.Next> postParseAnalyze;
    /** The planner. */
    public final HookChain<PlannerHook, PlannerHook.Next> planner;
    /** ProcessUtility. */
    public final HookChain<ProcessUtilityHook, ProcessUtilityHook.Next> processUtility;
    /** ExecutorCheckPerms. */
    public final HookChain<ExecutorCheckPermsHook, ExecutorCheckPermsHook.Next> executorCheckPerms;
    /** ExecutorStart. */
    public final HookChain<ExecutorStartHook, ExecutorStartHook.Next> executorStart;
    /** ExecutorRun. */
    public final HookChain<ExecutorRunHook, ExecutorRunHook.Next> executorRun;
    /** ExecutorFinish. */
    public final HookChain<ExecutorFinishHook, ExecutorFinishHook.Next> executorFinish;
    /** ExecutorEnd. */
    public final HookChain<ExecutorEndHook, ExecutorEndHook.Next> executorEnd;
    /** The scope a pipeline call runs its stages in (one unloading handshake per call). */
    public final HookScope scope;

    /**
     * The standard implementation of every stage.
     *
     * @param planner standard_planner
     * @param utility standard_ProcessUtility
     * @param executor standard_Executor*
     */
    public record Standard(PlannerHook.Next planner, ProcessUtilityHook.Next utility, StandardExecutor executor) {
        /** Checks the parts. */
        public Standard {
            Objects.requireNonNull(planner);
            Objects.requireNonNull(utility);
            Objects.requireNonNull(executor);
        }
    }

    /**
     * @param standard the standard implementations
     * @param hooks where the chains are registered (so hooks can be installed in them)
     */
    public Stages(Standard standard, HookRegistry hooks) {
        StandardExecutor executor = standard.executor();
        scope = hooks.scope();
        postParseAnalyze = hooks.addChain(PipelineHookKinds.POST_PARSE_ANALYZE, query -> { });
        planner = hooks.addChain(PipelineHookKinds.PLANNER, standard.planner());
        processUtility = hooks.addChain(PipelineHookKinds.PROCESS_UTILITY, standard.utility());
        executorCheckPerms = hooks.addChain(PipelineHookKinds.EXECUTOR_CHECK_PERMS, executor::checkPerms);
        executorStart = hooks.addChain(PipelineHookKinds.EXECUTOR_START, executor::start);
        executorRun = hooks.addChain(PipelineHookKinds.EXECUTOR_RUN, executor::run);
        executorFinish = hooks.addChain(PipelineHookKinds.EXECUTOR_FINISH, executor::finish);
        executorEnd = hooks.addChain(PipelineHookKinds.EXECUTOR_END, executor::end);
    }
}
