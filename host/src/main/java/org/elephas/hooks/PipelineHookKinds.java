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
 * The hook kinds of the statement pipeline. Each guard makes a chain generation's entry point:
 * count the call into the generation and out again (the unloading handshake, once per call of
 * the chain). Each binder makes a link's entry point: count the call (or pass straight on if the
 * link is being removed), run the hook with the rest of the chain, count an error it raises.
 */
public final class PipelineHookKinds {
    private PipelineHookKinds() {
    }

    /** {@code post_parse_analyze}. */
    public static final HookKind<PostParseAnalyzeHook, PostParseAnalyzeHook.Next> POST_PARSE_ANALYZE =
            new HookKind<>("post_parse_analyze", PostParseAnalyzeHook.class,
            g -> query -> {
                if (!g.enter()) {
                    g.current().postParseAnalyze(query);
                    return;
                }
                try {
                    g.first().postParseAnalyze(query);
                } finally {
                    g.exit();
                }
            }, (link, next) -> query -> {
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
            new HookKind<>("planner", PlannerHook.class,
            g -> (query, text, options, params) -> {
                if (!g.enter()) {
                    return g.current().planner(query, text, options, params);
                }
                try {
                    return g.first().planner(query, text, options, params);
                } finally {
                    g.exit();
                }
            }, (link, next) -> (query, text, options, params) -> {
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
                g -> (pstmt, text, readOnly, context, params, dest, qc) -> {
                    if (!g.enter()) {
                        g.current().processUtility(pstmt, text, readOnly, context, params, dest, qc);
                        return;
                    }
                    try {
                        g.first().processUtility(pstmt, text, readOnly, context, params, dest, qc);
                    } finally {
                        g.exit();
                    }
                }, (link, next) -> (pstmt, text, readOnly, context, params, dest, qc) -> {
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
            new HookKind<>("ExecutorCheckPerms", ExecutorCheckPermsHook.class,
            g -> (qd, ereport) -> {
                if (!g.enter()) {
                    return g.current().executorCheckPerms(qd, ereport);
                }
                try {
                    return g.first().executorCheckPerms(qd, ereport);
                } finally {
                    g.exit();
                }
            }, (link, next) -> (qd, ereport) -> {
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
            new HookKind<>("ExecutorStart", ExecutorStartHook.class,
            g -> (qd, eflags) -> {
                if (!g.enter()) {
                    g.current().executorStart(qd, eflags);
                    return;
                }
                try {
                    g.first().executorStart(qd, eflags);
                } finally {
                    g.exit();
                }
            }, (link, next) -> (qd, eflags) -> {
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
            new HookKind<>("ExecutorRun", ExecutorRunHook.class,
            g -> (qd, count, once) -> {
                if (!g.enter()) {
                    g.current().executorRun(qd, count, once);
                    return;
                }
                try {
                    g.first().executorRun(qd, count, once);
                } finally {
                    g.exit();
                }
            }, (link, next) -> (qd, count, once) -> {
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
            new HookKind<>("ExecutorFinish", ExecutorFinishHook.class,
            g -> qd -> {
                if (!g.enter()) {
                    g.current().executorFinish(qd);
                    return;
                }
                try {
                    g.first().executorFinish(qd);
                } finally {
                    g.exit();
                }
            }, (link, next) -> qd -> {
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
            new HookKind<>("ExecutorEnd", ExecutorEndHook.class,
            g -> qd -> {
                if (!g.enter()) {
                    g.current().executorEnd(qd);
                    return;
                }
                try {
                    g.first().executorEnd(qd);
                } finally {
                    g.exit();
                }
            }, (link, next) -> qd -> {
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
