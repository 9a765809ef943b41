package org.elephas.api.hooks;

import org.elephas.api.LogLevel;

/**
 * One report on its way to the server log (PostgreSQL's {@code ErrorData}), as
 * {@link EmitLogHook} sees it. Clearing {@link #setOutputToServer output to server} keeps the
 * line out of the log.
 */
public final class ErrorData {
    private final LogLevel level;
    private final int pid;
    private final String sqlState;
    private final String message;
    private final String detail;
    private final String hint;
    private final String statement;
    private boolean outputToServer = true;

    /**
     * @param level the level
     * @param pid the reporting backend's PID
     * @param sqlState the SQLSTATE, or null for a plain message
     * @param message the message
     * @param detail detail or null
     * @param hint hint or null
     * @param statement the statement that raised it, or null
     */
    public ErrorData(LogLevel level, int pid, String sqlState, String message, String detail, String hint,
            String statement) {
        this.level = level;
        this.pid = pid;
        this.sqlState = sqlState;
        this.message = message;
        this.detail = detail;
        this.hint = hint;
        this.statement = statement;
    }

    /** @return the level */
    public LogLevel level() {
        return level;
    }

    /** @return the reporting backend's PID */
    public int pid() {
        return pid;
    }

    /** @return the SQLSTATE, or null */
    public String sqlState() {
        return sqlState;
    }

    /** @return the message */
    public String message() {
        return message;
    }

    /** @return the detail, or null */
    public String detail() {
        return detail;
    }

    /** @return the hint, or null */
    public String hint() {
        return hint;
    }

    /** @return the statement that raised it, or null */
    public String statement() {
        return statement;
    }

    /** @return whether the report goes to the server log */
    public boolean outputToServer() {
        return outputToServer;
    }

    /** @param output false to keep the report out of the server log */
    public void setOutputToServer(boolean output) {
        this.outputToServer = output;
    }
}
