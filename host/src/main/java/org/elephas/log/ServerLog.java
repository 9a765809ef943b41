package org.elephas.log;

import java.io.PrintStream;
import java.time.Instant;
import java.util.Objects;
import java.util.function.IntSupplier;

import org.elephas.api.LogLevel;
import org.elephas.api.PgException;
import org.elephas.api.hooks.EmitLogHook;
import org.elephas.api.hooks.ErrorData;

/**
 * The server log, written in PostgreSQL's default {@code log_line_prefix} style:
 * {@code 2026-11-21 10:00:00.123 UTC [PID] LEVEL:  message}, with DETAIL and HINT lines under the
 * message they belong to. Messages below {@code log_min_messages} are dropped; the order of
 * levels is the server log's, where {@code LOG} ranks above {@code ERROR}.
 */
public final class ServerLog {
    private static final ThreadLocal<Boolean> IN_HOOK = new ThreadLocal<>();
    private volatile java.util.function.Supplier<EmitLogHook.Next> emitLog;
    private final LogTimestamps timestamps = new LogTimestamps();

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
        write(error.level(), pidOfCaller.getAsInt(), error.sqlState(), error.getMessage(), error.detail(), error.hint(),
                null);
    }

    /**
     * Log an error report at its own level on behalf of another backend.
     *
     * @param pid the backend's PID
     * @param error the error
     */
    public void log(int pid, PgException error) {
        write(error.level(), pid, error.sqlState(), error.getMessage(), error.detail(), error.hint(), null);
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
        write(error.level(), pid, error.sqlState(), error.getMessage(), error.detail(), error.hint(), statement);
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
        write(level, pid, null, message, detail, hint, null);
    }

    /**
     * Send every report through {@code emit_log} hooks from now on.
     *
     * @param chain the entry point of the emit_log chain, read per report; its standard
     *     implementation is {@link #emit}
     */
    public void setEmitLog(java.util.function.Supplier<EmitLogHook.Next> chain) {
        this.emitLog = chain;
    }

    private void write(LogLevel level, int pid, String sqlState, String message, String detail, String hint,
            String statement) {
        if (!isEnabled(level)) {
            return;
        }
        var chain = emitLog;
        ErrorData edata = new ErrorData(level, pid, sqlState, message, detail, hint, statement);
        if (chain == null || IN_HOOK.get() != null) {
            emit(edata);
            return;
        }
        // A report made from inside a hook goes straight out: no recursion through the chain.
        IN_HOOK.set(Boolean.TRUE);
        try {
            chain.get().emitLog(edata);
        } catch (RuntimeException e) {
            // A failing hook must not lose the report nor fail whoever logs it.
            emit(new ErrorData(LogLevel.WARNING, pid, null, "emit_log hook failed: " + e.getMessage(), null, null, null));
            emit(edata);
        } finally {
            IN_HOOK.remove();
        }
    }

    /**
     * Write a report, unless a hook kept it from the server ({@code emit_log}'s standard
     * implementation).
     *
     * @param edata the report
     */
    public void emit(ErrorData edata) {
        if (!edata.outputToServer()) {
            return;
        }
        LogLevel level = edata.level();
        int pid = edata.pid();
        String message = edata.message();
        String detail = edata.detail();
        String hint = edata.hint();
        String statement = edata.statement();
        String prefix = timestamps.format(Instant.now()) + " [" + pid + "] ";
        StringBuilder lines = new StringBuilder(128);
        // As PostgreSQL does: continuation lines of a multi-line field start with a tab.
        lines.append(prefix).append(level.name()).append(":  ").append(withTabs(message)).append('\n');
        if (detail != null) {
            lines.append(prefix).append("DETAIL:  ").append(withTabs(detail)).append('\n');
        }
        if (hint != null) {
            lines.append(prefix).append("HINT:  ").append(withTabs(hint)).append('\n');
        }
        if (statement != null) {
            lines.append(prefix).append("STATEMENT:  ").append(withTabs(statement)).append('\n');
        }
        // One write per report so that lines of concurrent backends never interleave.
        synchronized (sink) {
            sink.print(lines);
            sink.flush();
        }
    }

    private static String withTabs(String field) {
        return field == null || field.indexOf('\n') < 0 ? field : field.replace("\n", "\n\t");
    }
}
