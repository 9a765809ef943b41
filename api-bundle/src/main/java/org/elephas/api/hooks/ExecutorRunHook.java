package org.elephas.api.hooks;

import org.elephas.api.sql.QueryDesc;

/** {@code ExecutorRun_hook}: produces the statement's rows; standard_ExecutorRun ends the chain. */
@FunctionalInterface
public interface ExecutorRunHook {

    /** The rest of the chain. */
    @FunctionalInterface
    interface Next {
        /**
         * @param queryDesc the statement
         * @param count the most rows to produce, 0 for all
         * @param executeOnce whether it will not be run again
         */
        void executorRun(QueryDesc queryDesc, long count, boolean executeOnce);
    }

    /**
     * @param queryDesc the statement
     * @param count the most rows to produce, 0 for all
     * @param executeOnce whether it will not be run again
     * @param next the rest of the chain
     */
    void executorRun(QueryDesc queryDesc, long count, boolean executeOnce, Next next);
}
