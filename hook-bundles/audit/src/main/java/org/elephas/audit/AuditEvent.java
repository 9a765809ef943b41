package org.elephas.audit;

import java.util.List;
import java.util.StringJoiner;

/**
 * One audited statement, and the server-log line that reports it. The line is pgaudit's session
 * line with three fields added at the end (role, database, outcome) and the SQLSTATE:
 *
 * <pre>
 * AUDIT: SESSION,statement_id,substatement_id,class,command_tag,,,statement,parameter,role,database,outcome,sqlstate
 * </pre>
 *
 * The two empty fields are pgaudit's object type and object name, which session logging of a
 * utility statement leaves empty. {@code outcome} is {@code SUCCESS} (SQLSTATE {@code 00000}) or
 * {@code FAILURE} with the error's SQLSTATE. Every field is CSV: quoted, with quotes doubled,
 * when it holds a comma, a quote or a line break.
 *
 * @param statementId the statement's id: one per top-level statement that is audited
 * @param substatementId the position of this statement within it: 1 for the top-level one
 * @param auditClass its class
 * @param commandTag its command tag
 * @param statement its text, or {@code <REDACTED>} when it holds a password
 * @param parameter its parameters as pgaudit writes them, or {@code <not logged>}
 * @param role the role running it
 * @param database the database it runs in, or null
 */
record AuditEvent(long statementId, int substatementId, AuditClass auditClass, String commandTag, String statement,
        String parameter, String role, String database) {

    /** SQLSTATE {@code successful_completion}, reported for a statement that succeeded. */
    static final String SUCCESSFUL_COMPLETION = "00000";

    /** The parameter field when {@code audit.log_parameter} is off. */
    static final String PARAMETER_NOT_LOGGED = "<not logged>";

    /**
     * pgaudit's parameter field: each value as CSV, joined by commas, the whole again as one CSV
     * field; {@code <none>} for a statement without parameters.
     *
     * @param params the statement's parameter values
     * @return the field
     */
    static String parameterField(List<Object> params) {
        if (params.isEmpty()) {
            return "<none>";
        }
        StringJoiner values = new StringJoiner(",");
        for (Object value : params) {
            values.add(value == null ? "" : csv(String.valueOf(value)));
        }
        return csv(values.toString());
    }

    /**
     * The server-log line for this statement.
     *
     * @param sqlState {@link #SUCCESSFUL_COMPLETION}, or the error's SQLSTATE
     * @return the line
     */
    String line(String sqlState) {
        String outcome = SUCCESSFUL_COMPLETION.equals(sqlState) ? "SUCCESS" : "FAILURE";
        return "AUDIT: SESSION," + statementId + "," + substatementId + "," + auditClass + "," + commandTag
                + ",,," + csv(statement) + "," + parameter + "," + csv(role) + "," + csv(database) + "," + outcome
                + "," + sqlState;
    }

    /** pgaudit's {@code append_valid_csv}: quote a field only when it needs it. */
    private static String csv(String field) {
        if (field == null) {
            return "";
        }
        if (field.indexOf('"') < 0 && field.indexOf(',') < 0 && field.indexOf('\n') < 0 && field.indexOf('\r') < 0) {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }
}
