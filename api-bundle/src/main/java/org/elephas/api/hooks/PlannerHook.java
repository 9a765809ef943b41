package org.elephas.api.hooks;

import java.util.List;

import org.elephas.api.sql.PlannedStmt;
import org.elephas.api.sql.Query;

/** {@code planner_hook}: plans an optimisable statement; the standard planner ends the chain. */
@FunctionalInterface
public interface PlannerHook {

    /** The rest of the chain. */
    @FunctionalInterface
    interface Next {
        /**
         * @param query the query
         * @param queryString its source text
         * @param cursorOptions PostgreSQL's cursor options
         * @param boundParams parameter values known at planning, else empty
         * @return the plan
         */
        PlannedStmt planner(Query query, String queryString, int cursorOptions, List<Object> boundParams);
    }

    /**
     * @param query the query
     * @param queryString its source text
     * @param cursorOptions PostgreSQL's cursor options
     * @param boundParams parameter values known at planning, else empty
     * @param next the rest of the chain
     * @return the plan
     */
    PlannedStmt planner(Query query, String queryString, int cursorOptions, List<Object> boundParams, Next next);
}
