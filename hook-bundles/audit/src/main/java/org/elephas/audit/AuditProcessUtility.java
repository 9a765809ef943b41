package org.elephas.audit;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.elephas.api.Elog;
import org.elephas.api.PgException;
import org.elephas.api.SqlState;
import org.elephas.api.hooks.ProcessUtilityHook;
import org.elephas.api.ipc.Backends;
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

    /** What stands in the log for a statement that sets a password, as in pgaudit. */
    static final String REDACTED = "<REDACTED>";

    /** A PASSWORD option of CREATE or ALTER ROLE. */
    private static final Pattern PASSWORD = Pattern.compile("\\bpassword\\b", Pattern.CASE_INSENSITIVE);

    @Override
    public void processUtility(PlannedStmt pstmt, String queryString, boolean readOnlyTree,
            ProcessUtilityContext context, List<Object> params, DestReceiver dest, QueryCompletion qc, Next next) {
        /* count this statement's nesting even when it is not audited: nested ones may be */
        StatementIds ids = StatementIds.enter();
        try {
            /* decide before running it: SET audit.log = 'none' is itself audited */
            AuditEvent event = audited(pstmt.query().commandTag(), queryString, params, ids);
            if (event == null) {
                next.processUtility(pstmt, queryString, readOnlyTree, context, params, dest, qc);
                return;
            }

            /* run the statement; on failure log it with its SQLSTATE and pass the error on */
            try {
                next.processUtility(pstmt, queryString, readOnlyTree, context, params, dest, qc);
            } catch (RuntimeException | Error e) {
                Elog.log(event.line(e instanceof PgException pg ? pg.sqlState() : SqlState.INTERNAL_ERROR));
                throw e;
            }
            Elog.log(event.line(AuditEvent.SUCCESSFUL_COMPLETION));
        } finally {
            ids.leave();
        }
    }

    /**
     * @return the event to log for this statement, or null when {@code audit.log} leaves its
     *     class out
     */
    private static AuditEvent audited(String commandTag, String queryString, List<Object> params, StatementIds ids) {
        /* is the statement's class audited? */
        AuditClass auditClass = AuditClass.of(commandTag);
        Set<AuditClass> classes = AuditClass.parseList(AuditExtension.log.get());
        if (classes == null || !classes.contains(auditClass)) {
            return null;
        }

        /* keep passwords out of the log */
        String statement = queryString;
        if (auditClass == AuditClass.ROLE && PASSWORD.matcher(queryString).find()) {
            statement = REDACTED;
        }

        /* parameters only when asked for */
        String parameter = AuditExtension.logParameter.get()
                ? AuditEvent.parameterField(params) : AuditEvent.PARAMETER_NOT_LOGGED;

        return new AuditEvent(ids.statementId(), ids.nextSubstatementId(), auditClass, commandTag, statement,
                parameter, Backends.myRoleName(), Backends.myDatabaseName());
    }
}
