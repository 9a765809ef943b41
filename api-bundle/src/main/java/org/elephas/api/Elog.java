package org.elephas.api;

import org.elephas.api.host.HostAccess;

/**
 * PostgreSQL's {@code elog} / {@code ereport} for messages that do not unwind: written to the
 * server log (when at or above {@code log_min_messages}) with the calling backend's PID. To
 * raise an error, throw a {@link PgException}.
 */
public final class Elog {

    private Elog() {
    }

    /**
     * {@code elog(level, ...)}: a message at a non-error level.
     *
     * @param level DEBUG5 to LOG, except ERROR; use {@link PgException} for errors
     * @param message the message
     */
    public static void elog(LogLevel level, String message) {
        ereport(level, null, message, null, null);
    }

    /**
     * {@code ereport(level, ...)} with the optional fields.
     *
     * @param level DEBUG5 to LOG, except ERROR
     * @param sqlState the SQLSTATE, or null for the level's default
     * @param message the primary message
     * @param detail optional detail, or null
     * @param hint optional hint, or null
     */
    public static void ereport(LogLevel level, String sqlState, String message, String detail, String hint) {
        if (level == LogLevel.ERROR || level == LogLevel.FATAL || level == LogLevel.PANIC) {
            throw new IllegalArgumentException("throw a PgException to report " + level);
        }
        HostAccess.host().log(level, sqlState, message, detail, hint);
    }

    /**
     * {@code elog(LOG, ...)}: a line for the administrator.
     *
     * @param message the message
     */
    public static void log(String message) {
        elog(LogLevel.LOG, message);
    }
}
