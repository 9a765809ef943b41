package org.elephas.api.hooks;

import org.elephas.api.sql.QueryDesc;

/** {@code ExecutorStart_hook}; standard_ExecutorStart ends the chain. */
@FunctionalInterface
public interface ExecutorStartHook {

    /** The rest of the chain. */
    @FunctionalInterface
    interface Next {
        /**
         * @param queryDesc the statement
         * @param eflags executor flags
         */
        void executorStart(QueryDesc queryDesc, int eflags);
    }

    /**
     * @param queryDesc the statement
     * @param eflags executor flags
     * @param next the rest of the chain
     */
    void executorStart(QueryDesc queryDesc, int eflags, Next next);
}
