package org.elephas.api.sql;

/**
 * The planner's output (PostgreSQL's {@code PlannedStmt}): the statement as the engine will run
 * it. A prepared statement is planned once and executed many times.
 */
public interface PlannedStmt {

    /** @return what the statement does */
    CommandType commandType();

    /** @return the query id of the query it was planned from */
    long queryId();

    /** @return whether this wraps a utility statement */
    default boolean isUtility() {
        return commandType() == CommandType.UTILITY;
    }

    /** @return the analysed query it was planned from */
    Query query();

    /** @return the SQL the engine runs, in the engine's dialect */
    String engineSql();

    /** @return how many parameters ({@code $1 .. $n}) the statement takes */
    int parameterCount();

    /** @return the engine's plan for this statement (its {@code EXPLAIN}), computed on request */
    String explain();
}
