package org.elephas.api.sql;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * What the executor runs (PostgreSQL's {@code QueryDesc}): a planned statement with its
 * parameter values and the receiver of its rows. Passed through ExecutorCheckPerms,
 * ExecutorStart, ExecutorRun, ExecutorFinish and ExecutorEnd. The host implements it; hooks
 * only call it.
 */
@ProviderType
public interface QueryDesc {

    /** @return what the statement does */
    CommandType operation();

    /** @return the planned statement */
    PlannedStmt plannedStmt();

    /** @return the statement's source text */
    String sourceText();

    /** @return the parameter values, {@code $1} first; null elements are SQL NULLs */
    List<Object> params();

    /** @return where rows go */
    DestReceiver dest();

    /** @return rows processed so far ({@code es_processed}) */
    long processed();

    /**
     * PostgreSQL's nesting level as pg_stat_statements counts it, kept by the host so that an
     * extension needs no ExecutorRun, ExecutorFinish, planner or ProcessUtility hook to know it:
     * the planner, ExecutorRun, ExecutorFinish and ProcessUtility calls in progress on the
     * backend when the executor started this statement.
     *
     * <p>0 for a client's statement and for a background worker's own statements; 1 and more
     * for statements run from inside another (SPI from a function, an extension script, a
     * utility command's own statements). Since 1.3; before, it counted SPI depth, so a
     * background worker's own statements were at 1.
     *
     * @return the level
     */
    int nestingLevel();

    /**
     * PostgreSQL's nesting level as auto_explain counts it: the ExecutorRun and ExecutorFinish
     * calls in progress on the backend when the executor started this statement. Statements run
     * by a utility command (an extension script, a procedure) are at 0 unless a query runs them.
     *
     * @return the level
     * @since 1.3
     */
    int executorNestingLevel();

    /**
     * Have the executor time this statement (PostgreSQL's {@code queryDesc->totaltime}, which an
     * extension allocates in ExecutorStart when it is still null): from now on the standard
     * ExecutorRun and ExecutorFinish add the time they take to {@link #totalTimeNanos()}. Every
     * extension that asks shares the one timer, so the clock is read once per interval however
     * many extensions time the statement. Call it in ExecutorStart, after {@code next}.
     *
     * @since 1.2
     */
    void instrumentTotalTime();

    /**
     * @return whether some extension asked for {@link #instrumentTotalTime()} (PostgreSQL's
     *     {@code queryDesc->totaltime != NULL})
     * @since 1.2
     */
    boolean totalTimeInstrumented();

    /**
     * The statement's execution time so far: the time the standard ExecutorRun and
     * ExecutorFinish took since {@link #instrumentTotalTime()} (PostgreSQL's
     * {@code queryDesc->totaltime->total}, read in ExecutorEnd). A run to completion and the
     * ExecutorFinish that follows it are timed as one interval, from the start of the run to
     * the end of the finish.
     *
     * @return nanoseconds; 0 when not instrumented
     * @since 1.2
     */
    long totalTimeNanos();
}
