package org.elephas.pipeline;

import java.sql.Connection;

import org.elephas.api.LogLevel;
import org.elephas.api.sql.ProcessUtilityContext;
import org.elephas.backend.BackendThreadLocal;

/**
 * What a statement runs in: the session's engine connection and nesting level. The session
 * running a statement on the calling thread is {@link #current()}, as PostgreSQL's per-process
 * globals are for a backend.
 */
public interface StatementContext {

    /** @return the session's engine connection */
    Connection connection();

    /** @return 0 for a client's statement, more inside SPI and extension scripts */
    int nestingLevel();

    /** @return the backend's nesting levels, which the pipeline keeps */
    NestingLevels nesting();

    /** @return where a utility statement run now comes from */
    ProcessUtilityContext utilityContext();

    /**
     * Send a notice or warning to the client ({@code ereport(NOTICE | WARNING)}).
     *
     * @param level NOTICE, WARNING, INFO ...
     * @param sqlState its SQLSTATE
     * @param message the message
     */
    void notice(LogLevel level, String sqlState, String message);

    /** @return the context of the statement running on the calling thread, or null */
    static StatementContext current() {
        return Current.HOLDER.get();
    }

    /** Holds the calling thread's context. */
    final class Current {
        static final BackendThreadLocal<StatementContext> HOLDER = new BackendThreadLocal<>();

        private Current() {
        }

        /**
         * @param context the context to make current, or null to clear
         * @return the context it replaces
         */
        public static StatementContext set(StatementContext context) {
            StatementContext previous = HOLDER.get();
            // set(null), not remove(): every statement enters and leaves, and a removed entry
            // is allocated again (a weak reference) on the next get.
            HOLDER.set(context);
            return previous;
        }
    }
}
