package org.elephas.audit;

import org.elephas.api.hooks.ExecutorEndHook;
import org.elephas.api.hooks.ExecutorRunHook;
import org.elephas.api.sql.QueryDesc;

/**
 * The audit executor hooks, for optimisable statements (classes READ and WRITE): a statement
 * that fails in ExecutorRun is logged there with its SQLSTATE (and rethrown unchanged); one that
 * succeeds is logged in ExecutorEnd, which runs only after a successful run.
 *
 * <p>Both log when the statement ends, so its ids are taken then: an optimisable statement
 * inside a utility statement (an extension script's) shares that statement's id, but utility
 * statements run from inside a SELECT (by a function, through SPI) are not counted as its
 * substatements.
 */
final class AuditExecutor implements ExecutorRunHook, ExecutorEndHook {

    @Override
    public void executorRun(QueryDesc queryDesc, long count, boolean executeOnce, ExecutorRunHook.Next next) {
        try {
            next.executorRun(queryDesc, count, executeOnce);
        } catch (RuntimeException | Error e) {
            /* the statement failed: ExecutorEnd will not run for it */
            StatementIds ids = StatementIds.enter();
            try {
                AuditEvent event = audited(queryDesc, ids);
                if (event != null) {
                    SessionAudit.logFailure(event, e);
                }
            } finally {
                ids.leave();
            }
            throw e;
        }
    }

    @Override
    public void executorEnd(QueryDesc queryDesc, ExecutorEndHook.Next next) {
        /* the statement ran to completion: log it before the executor lets go of it */
        StatementIds ids = StatementIds.enter();
        try {
            AuditEvent event = audited(queryDesc, ids);
            if (event != null) {
                SessionAudit.logSuccess(event);
            }
        } finally {
            ids.leave();
        }
        next.executorEnd(queryDesc);
    }

    /** @return the event for this statement, or null when its class is not audited */
    private static AuditEvent audited(QueryDesc queryDesc, StatementIds ids) {
        return SessionAudit.audited(queryDesc.plannedStmt().query().commandTag(), queryDesc.sourceText(),
                queryDesc.params(), ids);
    }
}
