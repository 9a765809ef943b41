package org.elephas.engine;

import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.elephas.api.LogLevel;
import org.elephas.api.PgException;
import org.elephas.api.SqlState;
import org.h2.api.ErrorCode;
import org.h2.jdbc.JdbcException;

/**
 * Turns the engine's errors into PostgreSQL's: the SQLSTATE a PostgreSQL client expects and,
 * for the common cases, PostgreSQL's message text ({@code relation "t" does not exist}). Other
 * errors keep H2's message, without the statement H2 appends to it, and H2's SQLSTATE when it
 * is a standard one.
 */
public final class EngineErrors {
    private static final Pattern FIRST_QUOTED = Pattern.compile("\"([^\"]*)\"");
    private static final String SYNTAX_MARK = "[*]";

    private EngineErrors() {
    }

    /**
     * @param e an engine error
     * @return the PostgreSQL error report
     */
    public static PgException translate(SQLException e) {
        PgException raised = raisedByFunction(e);
        if (raised != null) {
            return raised;
        }
        String message = originalMessage(e);
        String name = unqualified(firstQuoted(message));
        PgException pg = switch (e.getErrorCode()) {
            case ErrorCode.TABLE_OR_VIEW_NOT_FOUND_1, ErrorCode.TABLE_OR_VIEW_NOT_FOUND_DATABASE_EMPTY_1,
                    ErrorCode.TABLE_OR_VIEW_NOT_FOUND_WITH_CANDIDATES_2 ->
                error(SqlState.UNDEFINED_TABLE, "relation \"" + name + "\" does not exist", e);
            case ErrorCode.TABLE_OR_VIEW_ALREADY_EXISTS_1 ->
                error(SqlState.DUPLICATE_TABLE, "relation \"" + name + "\" already exists", e);
            case ErrorCode.COLUMN_NOT_FOUND_1 -> error(SqlState.UNDEFINED_COLUMN, "column \"" + name + "\" does not exist", e);
            case ErrorCode.DUPLICATE_COLUMN_NAME_1 ->
                error(SqlState.DUPLICATE_COLUMN, "column \"" + name + "\" specified more than once", e);
            case ErrorCode.SCHEMA_NOT_FOUND_1 -> error(SqlState.INVALID_SCHEMA_NAME, "schema \"" + name + "\" does not exist", e);
            case ErrorCode.SCHEMA_ALREADY_EXISTS_1 ->
                error(SqlState.DUPLICATE_SCHEMA, "schema \"" + name + "\" already exists", e);
            case ErrorCode.DUPLICATE_KEY_1 ->
                error(SqlState.UNIQUE_VIOLATION, "duplicate key value violates unique constraint", e).withDetail(message);
            case ErrorCode.NULL_NOT_ALLOWED ->
                error(SqlState.NOT_NULL_VIOLATION, "null value in column \"" + name + "\" violates not-null constraint", e);
            case ErrorCode.REFERENTIAL_INTEGRITY_VIOLATED_CHILD_EXISTS_1,
                    ErrorCode.REFERENTIAL_INTEGRITY_VIOLATED_PARENT_MISSING_1 ->
                error(SqlState.FOREIGN_KEY_VIOLATION, "violates foreign key constraint", e).withDetail(message);
            case ErrorCode.CHECK_CONSTRAINT_VIOLATED_1 ->
                error(SqlState.CHECK_VIOLATION, "new row violates check constraint \"" + name + "\"", e);
            case ErrorCode.DIVISION_BY_ZERO_1 -> error(SqlState.DIVISION_BY_ZERO, "division by zero", e);
            case ErrorCode.DATA_CONVERSION_ERROR_1 -> error(SqlState.INVALID_TEXT_REPRESENTATION, message, e);
            case ErrorCode.NUMERIC_VALUE_OUT_OF_RANGE_1, ErrorCode.NUMERIC_VALUE_OUT_OF_RANGE_2 ->
                error(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, message, e);
            case ErrorCode.VALUE_TOO_LONG_2 -> error(SqlState.STRING_DATA_RIGHT_TRUNCATION, message, e);
            case ErrorCode.INVALID_DATETIME_CONSTANT_2 -> error(SqlState.INVALID_DATETIME_FORMAT, message, e);
            case ErrorCode.STATEMENT_WAS_CANCELED -> error(SqlState.QUERY_CANCELED, "canceling statement due to user request", e);
            case ErrorCode.LOCK_TIMEOUT_1 -> error(SqlState.LOCK_NOT_AVAILABLE, "canceling statement due to lock timeout", e);
            case ErrorCode.DEADLOCK_1 -> error(SqlState.DEADLOCK_DETECTED, "deadlock detected", e).withDetail(message);
            case ErrorCode.FUNCTION_NOT_FOUND_1 ->
                error(SqlState.UNDEFINED_FUNCTION, "function " + name + " does not exist", e);
            case ErrorCode.CANNOT_TRUNCATE_1 -> error(SqlState.FEATURE_NOT_SUPPORTED,
                    "cannot truncate a table referenced in a foreign key constraint", e);
            case ErrorCode.SYNTAX_ERROR_1, ErrorCode.SYNTAX_ERROR_2 -> syntaxError(e, message);
            default -> error(standardState(e), message, e);
        };
        return pg;
    }

    /**
     * An error a Java function called by the engine raised itself ({@code ereport(ERROR)} inside
     * a C function in PostgreSQL): the engine wraps it; the client sees it as raised.
     */
    private static PgException raisedByFunction(SQLException e) {
        for (Throwable t = e.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
            if (t instanceof PgException pg) {
                return pg;
            }
        }
        return null;
    }

    private static PgException syntaxError(SQLException e, String message) {
        String sql = e instanceof JdbcException j ? j.getSQL() : null;
        int mark = message.indexOf(SYNTAX_MARK);
        if (mark < 0) {
            return error(SqlState.SYNTAX_ERROR, message, e);
        }
        String after = message.substring(mark + SYNTAX_MARK.length());
        int quote = after.indexOf('"');
        String rest = (quote >= 0 ? after.substring(0, quote) : after).stripLeading();
        String token = rest.split("[\\s(),;]", 2)[0];
        if (token.isEmpty() && !rest.isEmpty()) {
            token = rest.substring(0, 1);
        }
        PgException pg = error(SqlState.SYNTAX_ERROR,
                token.isEmpty() ? "syntax error at end of input" : "syntax error at or near \"" + token + "\"", e);
        if (sql != null) {
            int open = message.indexOf('"');
            int position = open >= 0 ? mark - open : 0;
            if (position > 0 && position <= sql.length() + 1) {
                pg = pg.withPosition(position);
            }
        }
        return pg;
    }

    private static PgException error(String sqlState, String message, SQLException cause) {
        return new PgException(LogLevel.ERROR, sqlState, message, null, null, cause);
    }

    private static String originalMessage(SQLException e) {
        String m = e instanceof JdbcException j ? j.getOriginalMessage() : e.getMessage();
        return m == null ? e.toString() : m;
    }

    private static String firstQuoted(String message) {
        Matcher m = FIRST_QUOTED.matcher(message);
        return m.find() ? m.group(1) : "?";
    }

    private static String unqualified(String name) {
        int dot = name.lastIndexOf('.');
        return dot >= 0 ? name.substring(dot + 1) : name;
    }

    /** H2's SQLSTATE when it is one of the standard classes PostgreSQL shares, else XX000. */
    private static String standardState(SQLException e) {
        String state = e.getSQLState();
        if (state == null || state.length() != 5) {
            return SqlState.INTERNAL_ERROR;
        }
        if (state.startsWith("22") || state.startsWith("23") || state.startsWith("0A") || state.startsWith("21")
                || state.startsWith("40") || state.startsWith("57")) {
            return state;
        }
        if (state.startsWith("42")) {
            return SqlState.SYNTAX_ERROR.substring(0, 2) + "000";
        }
        return SqlState.INTERNAL_ERROR;
    }
}
