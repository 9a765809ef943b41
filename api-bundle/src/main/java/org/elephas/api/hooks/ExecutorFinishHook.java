package org.elephas.api.hooks;

import org.elephas.api.sql.QueryDesc;

/** {@code ExecutorFinish_hook}; standard_ExecutorFinish ends the chain. */
@FunctionalInterface
public interface ExecutorFinishHook {

    /** The rest of the chain. */
    @FunctionalInterface
    interface Next {
        /**
         * @param queryDesc the statement
         */
        void executorFinish(QueryDesc queryDesc);
    }

    /**
     * @param queryDesc the statement
     * @param next the rest of the chain
     */
    void executorFinish(QueryDesc queryDesc, Next next);
}
