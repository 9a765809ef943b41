package org.elephas.engine;

import java.sql.Connection;

import org.h2.jdbc.JdbcConnection;

/**
 * Keeps a backend's engine session marked as its thread's current one.
 *
 * <p>The engine marks the session that runs a command in a thread-local of its own and, when
 * the thread had no session marked before, removes the mark again after every command and
 * every row fetched. A removal clears a weak reference (a call into the JVM) and the next mark
 * makes a new map entry: about 5 % of a simple statement's time. With the backend's session
 * left marked between statements, each of the engine's marks only overwrites the value in
 * place. Uses the engine's public session methods ({@code JdbcConnection.getSession()},
 * {@code Session.setThreadLocalSession()}).
 */
public final class EngineSessionMark {
    private EngineSessionMark() {
    }

    /**
     * Mark the connection's session on the calling thread and leave it marked.
     *
     * @param connection an engine connection
     */
    public static void keep(Connection connection) {
        if (connection instanceof JdbcConnection c && c.getSession() != null) {
            c.getSession().setThreadLocalSession();
        }
    }

    /**
     * Remove the calling thread's mark (the session is closing), so that the thread does not
     * keep it reachable.
     *
     * @param connection the engine connection that was kept marked
     */
    public static void release(Connection connection) {
        if (connection instanceof JdbcConnection c && c.getSession() != null) {
            c.getSession().setThreadLocalSession();
            c.getSession().resetThreadLocalSession(null);
        }
    }
}
