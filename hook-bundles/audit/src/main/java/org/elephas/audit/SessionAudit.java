package org.elephas.audit;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.elephas.api.Elog;
import org.elephas.api.PgException;
import org.elephas.api.SqlState;
import org.elephas.api.ipc.Backends;

/**
 * What the hooks share: whether a statement is audited under the calling backend's
 * {@code audit.log}, the event to log for it, and the SQLSTATE of a failure.
 */
final class SessionAudit {

    /** What stands in the log for a statement that sets a password, as in pgaudit. */
    static final String REDACTED = "<REDACTED>";

    /** A PASSWORD option of CREATE or ALTER ROLE. */
    private static final Pattern PASSWORD = Pattern.compile("\\bpassword\\b", Pattern.CASE_INSENSITIVE);

    /** The last value of {@code audit.log} parsed, with its classes: values change seldom. */
    private static volatile ParsedLog lastParsed = new ParsedLog("none", Set.of());

    private record ParsedLog(String value, Set<AuditClass> classes) {
    }

    private SessionAudit() {
    }

    /**
     * The event for a statement about to run, or null when {@code audit.log} leaves its class
     * out. An audited statement takes its statement and substatement ids from {@code ids}.
     *
     * @param commandTag the statement's command tag
     * @param text its text
     * @param params its parameter values
     * @param ids the calling thread's ids
     * @return the event, or null
     */
    static AuditEvent audited(String commandTag, String text, List<Object> params, StatementIds ids) {
        /* is the statement's class audited? */
        AuditClass auditClass = AuditClass.of(commandTag);
        if (!classes().contains(auditClass)) {
            return null;
        }

        /* keep passwords out of the log */
        String statement = text;
        if (auditClass == AuditClass.ROLE && PASSWORD.matcher(text).find()) {
            statement = REDACTED;
        }

        /* parameters only when asked for */
        String parameter = AuditExtension.logParameter.get()
                ? AuditEvent.parameterField(params) : AuditEvent.PARAMETER_NOT_LOGGED;

        return new AuditEvent(ids.statementId(), ids.nextSubstatementId(), auditClass, commandTag, statement,
                parameter, Backends.myRoleName(), Backends.myDatabaseName());
    }

    /**
     * Log a statement that failed.
     *
     * @param event the statement
     * @param failure what it threw
     */
    static void logFailure(AuditEvent event, Throwable failure) {
        Elog.log(event.line(failure instanceof PgException pg ? pg.sqlState() : SqlState.INTERNAL_ERROR));
    }

    /**
     * Log a statement that succeeded.
     *
     * @param event the statement
     */
    static void logSuccess(AuditEvent event) {
        Elog.log(event.line(AuditEvent.SUCCESSFUL_COMPLETION));
    }

    /** @return the classes the calling backend's {@code audit.log} turns on */
    private static Set<AuditClass> classes() {
        String value = AuditExtension.log.get();
        ParsedLog parsed = lastParsed;
        if (!parsed.value().equals(value)) {
            /* the check hook lets only valid values through; an invalid one would audit nothing */
            Set<AuditClass> classes = AuditClass.parseList(value);
            parsed = new ParsedLog(value, classes != null ? classes : Set.of());
            lastParsed = parsed;
        }
        return parsed.classes();
    }
}
