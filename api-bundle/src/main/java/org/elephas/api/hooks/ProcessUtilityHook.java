package org.elephas.api.hooks;

import java.util.List;

import org.elephas.api.sql.DestReceiver;
import org.elephas.api.sql.PlannedStmt;
import org.elephas.api.sql.ProcessUtilityContext;
import org.elephas.api.sql.QueryCompletion;

/** {@code ProcessUtility_hook}: runs a utility statement; standard_ProcessUtility ends the chain. */
@FunctionalInterface
public interface ProcessUtilityHook {

    /** The rest of the chain. */
    @FunctionalInterface
    interface Next {
        /**
         * @param pstmt the utility statement, wrapped
         * @param queryString its source text
         * @param readOnlyTree whether the tree must not be changed
         * @param context where it comes from (nested statements are not TOPLEVEL)
         * @param params parameter values
         * @param dest where rows go
         * @param qc the completion to fill in
         */
        void processUtility(PlannedStmt pstmt, String queryString, boolean readOnlyTree,
                ProcessUtilityContext context, List<Object> params, DestReceiver dest, QueryCompletion qc);
    }

    /**
     * @param pstmt the utility statement, wrapped
     * @param queryString its source text
     * @param readOnlyTree whether the tree must not be changed
     * @param context where it comes from
     * @param params parameter values
     * @param dest where rows go
     * @param qc the completion to fill in
     * @param next the rest of the chain
     */
    void processUtility(PlannedStmt pstmt, String queryString, boolean readOnlyTree, ProcessUtilityContext context,
            List<Object> params, DestReceiver dest, QueryCompletion qc, Next next);
}
