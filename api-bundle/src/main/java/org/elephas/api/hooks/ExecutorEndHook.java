package org.elephas.api.hooks;

import org.elephas.api.sql.QueryDesc;

/** {@code ExecutorEnd_hook}; standard_ExecutorEnd ends the chain. */
@FunctionalInterface
public interface ExecutorEndHook {

    /** The rest of the chain. */
    @FunctionalInterface
    interface Next {
        /**
         * @param queryDesc the statement
         */
        void executorEnd(QueryDesc queryDesc);
    }

    /**
     * @param queryDesc the statement
     * @param next the rest of the chain
     */
    void executorEnd(QueryDesc queryDesc, Next next);
}
