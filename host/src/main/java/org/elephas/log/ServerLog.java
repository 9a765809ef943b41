package org.elephas.log;

import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.function.IntSupplier;

import org.elephas.api.LogLevel;
import org.elephas.api.PgException;

/**
 * The server log, written in PostgreSQL's default {@code log_line_prefix} style:
 * {@code 2026-11-21 10:00:00.123 UTC [PID] LEVEL:  message}, with DETAIL and HINT lines under the
 * message they belong to. Messages below {@code log_min_messages} are dropped; the order of
 * levels is the server log's, where {@code LOG} ranks above {@code ERROR}.
 */
public final class ServerLog {
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS 'UTC'").withZone(ZoneOffset.UTC);

    private final PrintStream sink;
    private final IntSupplier pidOfCaller;
    private volatile LogLevel minLevel = LogLevel.WARNING;

    /**
     * @param sink where lines go (stderr in the server)
     * @param pidOfCaller the PID to print for the calling thread: its backend's, or the postmaster's
     */
    public ServerLog(PrintStream sink, IntSupplier pidOfCaller) {
        this.sink = Objects.requireNonNull(sink);
        this.pidOfCaller = Objects.requireNonNull(pidOfCaller);
    }

    /** @param level the new {@code log_min_messages} */
    public void setMinLevel(LogLevel level) {
        this.minLevel = Objects.requireNonNull(level);
    }

    /** @return the current {@code log_min_messages} */
    public LogLevel minLevel() {
        return minLevel;
    }

    /**
     * @param level a level
     * @return whether a message at that level would be written
     */
    public boolean isEnabled(LogLevel level) {
        return level.compareTo(minLevel) >= 0;
    }

    /**
     * Log a message as the calling thread.
     *
     * @param level the level
     * @param message the message
     */
    public void log(LogLevel level, String message) {
        write(level, pidOfCaller.getAsInt(), message, null, null);
    }

    /**
     * Log a message with optional detail and hint as the calling thread.
     *
     * @param level the level
     * @param message the message
     * @param detail detail or null
     * @param hint hint or null
     */
    public void log(LogLevel level, String message, String detail, String hint) {
        write(level, pidOfCaller.getAsInt(), message, detail, hint);
    }

    /**
     * Log an error report at its own level as the calling thread.
     *
     * @param error the error
     */
    public void log(PgException error) {
        write(error.level(), pidOfCaller.getAsInt(), error.getMessage(), error.detail(), error.hint());
    }

    /**
     * Log an error report at its own level on behalf of another backend.
     *
     * @param pid the backend's PID
     * @param error the error
     */
    public void log(int pid, PgException error) {
        write(error.level(), pid, error.getMessage(), error.detail(), error.hint());
    }

    /**
     * Log an error report of a backend with the statement that raised it (PostgreSQL's
     * {@code STATEMENT:} line, written for errors at the default {@code log_min_error_statement}).
     *
     * @param pid the backend's PID
     * @param error the error
     * @param statement the statement's text, or null
     */
    public void log(int pid, PgException error, String statement) {
        write(error.level(), pid, error.getMessage(), error.detail(), error.hint(), statement);
    }

    /**
     * Log a message on behalf of a given PID.
     *
     * @param level the level
     * @param pid the PID to print
     * @param message the message
     * @param detail detail or null
     * @param hint hint or null
     */
    public void write(LogLevel level, int pid, String message, String detail, String hint) {
        write(level, pid, message, detail, hint, null);
    }

    private void write(LogLevel level, int pid, String message, String detail, String hint, String statement) {
        if (!isEnabled(level)) {
            return;
        }
        String prefix = TIMESTAMP.format(Instant.now()) + " [" + pid + "] ";
        StringBuilder lines = new StringBuilder(128);
        lines.append(prefix).append(level.name()).append(":  ").append(message).append('\n');
        if (detail != null) {
            lines.append(prefix).append("DETAIL:  ").append(detail).append('\n');
        }
        if (hint != null) {
            lines.append(prefix).append("HINT:  ").append(hint).append('\n');
        }
        if (statement != null) {
            // As PostgreSQL does: continuation lines of a multi-line statement start with a tab.
            lines.append(prefix).append("STATEMENT:  ").append(statement.replace("\n", "\n\t")).append('\n');
        }
        // One write per report so that lines of concurrent backends never interleave.
        synchronized (sink) {
            sink.print(lines);
            sink.flush();
        }
    }
}
