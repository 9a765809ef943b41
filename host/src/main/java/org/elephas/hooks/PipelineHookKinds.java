package org.elephas.hooks;

import org.elephas.api.hooks.ExecutorCheckPermsHook;
import org.elephas.api.hooks.ExecutorEndHook;
import org.elephas.api.hooks.ExecutorFinishHook;
import org.elephas.api.hooks.ExecutorRunHook;
import org.elephas.api.hooks.ExecutorStartHook;
import org.elephas.api.hooks.PlannerHook;
import org.elephas.api.hooks.PostParseAnalyzeHook;
import org.elephas.api.hooks.ProcessUtilityHook;

/**
 * The hook kinds of the statement pipeline. Each binder makes a link's entry point: count the
 * call in (or pass straight on if the link is being removed), run the hook with the rest of the
 * chain, count an error it raises, count the call out.
 */
public final class PipelineHookKinds {
    private PipelineHookKinds() {
    }

    /** {@code post_parse_analyze}. */
    public static final HookKind<PostParseAnalyzeHook, PostParseAnalyzeHook.Next> POST_PARSE_ANALYZE =
            new HookKind<>("post_parse_analyze", PostParseAnalyzeHook.class, (link, next) -> query -> {
                long t = link.enter();
                if (t < 0) {
                    next.postParseAnalyze(query);
                    return;
                }
                try {
                    link.hook().postParseAnalyze(query, next);
                } catch (RuntimeException e) {
                    throw link.failed(e);
                } finally {
                    link.exit(t);
                }
            });

    /** {@code planner}. */
    public static final HookKind<PlannerHook, PlannerHook.Next> PLANNER =
            new HookKind<>("planner", PlannerHook.class, (link, next) -> (query, text, options, params) -> {
                long t = link.enter();
                if (t < 0) {
                    return next.planner(query, text, options, params);
                }
                try {
                    return link.hook().planner(query, text, options, params, next);
                } catch (RuntimeException e) {
                    throw link.failed(e);
                } finally {
                    link.exit(t);
                }
            });

    /** {@code ProcessUtility}. */
    public static final HookKind<ProcessUtilityHook, ProcessUtilityHook.Next> PROCESS_UTILITY =
            new HookKind<>("ProcessUtility", ProcessUtilityHook.class,
                    (link, next) -> (pstmt, text, readOnly, context, params, dest, qc) -> {
                        long t = link.enter();
                        if (t < 0) {
                            next.processUtility(pstmt, text, readOnly, context, params, dest, qc);
                            return;
                        }
                        try {
                            link.hook().processUtility(pstmt, text, readOnly, context, params, dest, qc, next);
                        } catch (RuntimeException e) {
                            throw link.failed(e);
                        } finally {
                            link.exit(t);
                        }
                    });

    /** {@code ExecutorCheckPerms}. */
    public static final HookKind<ExecutorCheckPermsHook, ExecutorCheckPermsHook.Next> EXECUTOR_CHECK_PERMS =
            new HookKind<>("ExecutorCheckPerms", ExecutorCheckPermsHook.class, (link, next) -> (qd, ereport) -> {
                long t = link.enter();
                if (t < 0) {
                    return next.executorCheckPerms(qd, ereport);
                }
                try {
                    return link.hook().executorCheckPerms(qd, ereport, next);
                } catch (RuntimeException e) {
                    throw link.failed(e);
                } finally {
                    link.exit(t);
                }
            });

    /** {@code ExecutorStart}. */
    public static final HookKind<ExecutorStartHook, ExecutorStartHook.Next> EXECUTOR_START =
            new HookKind<>("ExecutorStart", ExecutorStartHook.class, (link, next) -> (qd, eflags) -> {
                long t = link.enter();
                if (t < 0) {
                    next.executorStart(qd, eflags);
                    return;
                }
                try {
                    link.hook().executorStart(qd, eflags, next);
                } catch (RuntimeException e) {
                    throw link.failed(e);
                } finally {
                    link.exit(t);
                }
            });

    /** {@code ExecutorRun}. */
    public static final HookKind<ExecutorRunHook, ExecutorRunHook.Next> EXECUTOR_RUN =
            new HookKind<>("ExecutorRun", ExecutorRunHook.class, (link, next) -> (qd, count, once) -> {
                long t = link.enter();
                if (t < 0) {
                    next.executorRun(qd, count, once);
                    return;
                }
                try {
                    link.hook().executorRun(qd, count, once, next);
                } catch (RuntimeException e) {
                    throw link.failed(e);
                } finally {
                    link.exit(t);
                }
            });

    /** {@code ExecutorFinish}. */
    public static final HookKind<ExecutorFinishHook, ExecutorFinishHook.Next> EXECUTOR_FINISH =
            new HookKind<>("ExecutorFinish", ExecutorFinishHook.class, (link, next) -> qd -> {
                long t = link.enter();
                if (t < 0) {
                    next.executorFinish(qd);
                    return;
                }
                try {
                    link.hook().executorFinish(qd, next);
                } catch (RuntimeException e) {
                    throw link.failed(e);
                } finally {
                    link.exit(t);
                }
            });

    /** {@code ExecutorEnd}. */
    public static final HookKind<ExecutorEndHook, ExecutorEndHook.Next> EXECUTOR_END =
            new HookKind<>("ExecutorEnd", ExecutorEndHook.class, (link, next) -> qd -> {
                long t = link.enter();
                if (t < 0) {
                    next.executorEnd(qd);
                    return;
                }
                try {
                    link.hook().executorEnd(qd, next);
                } catch (RuntimeException e) {
                    throw link.failed(e);
                } finally {
                    link.exit(t);
                }
            });
}
