package org.elephas.pipeline;

/**
 * PostgreSQL's nesting levels of one backend, kept by the pipeline for every extension: the
 * planner, ExecutorRun, ExecutorFinish and ProcessUtility calls in progress on the backend
 * (pg_stat_statements' {@code nesting_level}), and the ExecutorRun and ExecutorFinish calls among
 * them (auto_explain's). In PostgreSQL each extension keeps its own counter and chains those
 * four hooks only to keep it; here the pipeline counts once, whoever is chained, and hands the
 * level to the hooks on the statement ({@code Query.nestingLevel()},
 * {@code QueryDesc.nestingLevel()}, {@code QueryDesc.executorNestingLevel()}).
 *
 * <p>A call is counted from the moment it enters its chain, before any hook runs, until it
 * leaves it, error or not. Owned by one backend's thread: plain fields.
 */
public final class NestingLevels {
    private int executor;
    private int plannerAndUtility;

    /** @return planner, ExecutorRun, ExecutorFinish and ProcessUtility calls in progress */
    public int level() {
        return executor + plannerAndUtility;
    }

    /** @return ExecutorRun and ExecutorFinish calls in progress */
    public int executorLevel() {
        return executor;
    }

    void enterExecutor() {
        executor++;
    }

    void leaveExecutor() {
        executor--;
    }

    void enterPlannerOrUtility() {
        plannerAndUtility++;
    }

    void leavePlannerOrUtility() {
        plannerAndUtility--;
    }
}
