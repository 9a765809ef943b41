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

    /** @return the nesting level: 0 for a client's statement, more for SPI and scripts */
    int nestingLevel();

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
