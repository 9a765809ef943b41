package org.elephas.api;

/**
 * PostgreSQL's message levels ({@code elog.h}), in the order {@code log_min_messages} uses for
 * the server log: {@code LOG} ranks above {@code ERROR} there, so LOG lines are written at the
 * default setting.
 */
public enum LogLevel {
    /** Most detailed debugging. */
    DEBUG5,
    /** Debugging. */
    DEBUG4,
    /** Debugging. */
    DEBUG3,
    /** Debugging. */
    DEBUG2,
    /** Least detailed debugging. */
    DEBUG1,
    /** Information the user asked for. */
    INFO,
    /** Helpful information for users. */
    NOTICE,
    /** A likely problem. */
    WARNING,
    /** An error that aborted the current statement. */
    ERROR,
    /** Information for the administrator. */
    LOG,
    /** An error that ended the session or worker. */
    FATAL,
    /** An error that ended the server. */
    PANIC;

    /**
     * The level named as PostgreSQL's configuration spells it, case-insensitively.
     *
     * @param name for example {@code warning} or {@code debug1}
     * @return the level
     * @throws IllegalArgumentException if no level has that name
     */
    public static LogLevel fromName(String name) {
        return valueOf(name.trim().toUpperCase(java.util.Locale.ROOT));
    }
}
