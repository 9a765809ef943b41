package org.elephas.api.sql;

import java.util.List;

/**
 * What the executor runs (PostgreSQL's {@code QueryDesc}): a planned statement with its
 * parameter values and the receiver of its rows. Passed through ExecutorCheckPerms,
 * ExecutorStart, ExecutorRun, ExecutorFinish and ExecutorEnd.
 */
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
}
