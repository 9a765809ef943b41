package org.elephas.api.hooks;

import org.elephas.api.sql.QueryDesc;

/** {@code ExecutorCheckPerms_hook}: may refuse a statement before it starts. */
@FunctionalInterface
public interface ExecutorCheckPermsHook {

    /** The rest of the chain. */
    @FunctionalInterface
    interface Next {
        /**
         * @param queryDesc the statement about to start
         * @param ereportOnViolation whether to raise the error rather than return false
         * @return whether it may run
         */
        boolean executorCheckPerms(QueryDesc queryDesc, boolean ereportOnViolation);
    }

    /**
     * @param queryDesc the statement about to start
     * @param ereportOnViolation whether to raise the error rather than return false
     * @param next the rest of the chain
     * @return whether it may run
     */
    boolean executorCheckPerms(QueryDesc queryDesc, boolean ereportOnViolation, Next next);
}
