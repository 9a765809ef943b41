package org.elephas.api;

import java.util.Objects;

/**
 * A PostgreSQL error report ({@code ereport(ERROR | FATAL, ...)}): a level, an SQLSTATE, a
 * primary message, and optional detail and hint.
 *
 * <p>Thrown as an exception, it unwinds like PostgreSQL's {@code longjmp}: an {@code ERROR}
 * aborts the current statement (in a background worker without its own handler it ends the
 * worker with exit code 1), a {@code FATAL} ends the session or worker.
 */
public class PgException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final LogLevel level;
    private final String sqlState;
    private final String detail;
    private final String hint;
    private int position;

    /**
     * An error report.
     *
     * @param level {@link LogLevel#ERROR} or {@link LogLevel#FATAL} (or {@link LogLevel#PANIC})
     * @param sqlState the five-character SQLSTATE, see {@link SqlState}
     * @param message the primary message
     * @param detail optional detail, or null
     * @param hint optional hint, or null
     * @param cause optional cause, or null
     */
    public PgException(LogLevel level, String sqlState, String message, String detail, String hint,
            Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        if (level.compareTo(LogLevel.ERROR) < 0 || level == LogLevel.LOG) {
            throw new IllegalArgumentException("an error report needs ERROR, FATAL or PANIC: " + level);
        }
        this.level = level;
        this.sqlState = Objects.requireNonNull(sqlState, "sqlState");
        this.detail = detail;
        this.hint = hint;
    }

    /**
     * An {@code ERROR} with an SQLSTATE and message.
     *
     * @param sqlState the SQLSTATE
     * @param message the primary message
     * @return the error
     */
    public static PgException error(String sqlState, String message) {
        return new PgException(LogLevel.ERROR, sqlState, message, null, null, null);
    }

    /**
     * A {@code FATAL} with an SQLSTATE and message.
     *
     * @param sqlState the SQLSTATE
     * @param message the primary message
     * @return the error
     */
    public static PgException fatal(String sqlState, String message) {
        return new PgException(LogLevel.FATAL, sqlState, message, null, null, null);
    }

    /**
     * This error with a detail line.
     *
     * @param detailText the detail
     * @return a new error with the same level, SQLSTATE, message, hint and cause
     */
    public PgException withDetail(String detailText) {
        return copy(detailText, hint, position);
    }

    /**
     * This error with a hint line.
     *
     * @param hintText the hint
     * @return a new error with the same level, SQLSTATE, message, detail and cause
     */
    public PgException withHint(String hintText) {
        return copy(detail, hintText, position);
    }

    /**
     * This error with a cursor position in the statement (ErrorResponse's {@code P} field).
     *
     * @param characterPosition 1-based character index into the statement; 0 for none
     * @return a new error with the same level, SQLSTATE, message, detail, hint and cause
     */
    public PgException withPosition(int characterPosition) {
        return copy(detail, hint, characterPosition);
    }

    private PgException copy(String detailText, String hintText, int characterPosition) {
        PgException e = new PgException(level, sqlState, getMessage(), detailText, hintText, getCause());
        e.position = characterPosition;
        e.setStackTrace(getStackTrace());
        return e;
    }

    /** @return ERROR, FATAL or PANIC */
    public LogLevel level() {
        return level;
    }

    /** @return the SQLSTATE */
    public String sqlState() {
        return sqlState;
    }

    /** @return the detail, or null */
    public String detail() {
        return detail;
    }

    /** @return the 1-based cursor position in the statement, or 0 */
    public int position() {
        return position;
    }

    /** @return the hint, or null */
    public String hint() {
        return hint;
    }
}
