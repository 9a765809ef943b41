package org.elephas.audit;

import java.util.List;

import org.elephas.api.hooks.ProcessUtilityHook;
import org.elephas.api.sql.DestReceiver;
import org.elephas.api.sql.PlannedStmt;
import org.elephas.api.sql.ProcessUtilityContext;
import org.elephas.api.sql.QueryCompletion;

/**
 * The audit ProcessUtility hook: every utility statement whose class {@code audit.log} names,
 * top-level or nested, is run through the rest of the chain and then written to the server log
 * with its outcome ({@link AuditEvent}). A failure is logged and rethrown unchanged.
 */
final class AuditProcessUtility implements ProcessUtilityHook {

    @Override
    public void processUtility(PlannedStmt pstmt, String queryString, boolean readOnlyTree,
            ProcessUtilityContext context, List<Object> params, DestReceiver dest, QueryCompletion qc, Next next) {
        /* count this statement's nesting even when it is not audited: nested ones may be */
        StatementIds ids = StatementIds.enter();
        try {
            /* decide before running it: SET audit.log = 'none' is itself audited */
            AuditEvent event = SessionAudit.audited(pstmt.query().commandTag(), queryString, params, ids);
            if (event == null) {
                next.processUtility(pstmt, queryString, readOnlyTree, context, params, dest, qc);
                return;
            }

            /* run the statement; on failure log it with its SQLSTATE and pass the error on */
            try {
                next.processUtility(pstmt, queryString, readOnlyTree, context, params, dest, qc);
            } catch (RuntimeException | Error e) {
                SessionAudit.logFailure(event, e);
                throw e;
            }
            SessionAudit.logSuccess(event);
        } finally {
            ids.leave();
        }
    }
}
