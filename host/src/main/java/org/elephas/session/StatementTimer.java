package org.elephas.session;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.elephas.backend.Backend;

/**
 * {@code statement_timeout}: when a statement runs longer than the session's setting, its
 * backend gets a cancel whose reason is the timeout (so it fails with {@code canceling statement
 * due to statement timeout}); a statement in the engine is stopped through the backend's query
 * canceller. The timer covers the whole statement, host work included, as PostgreSQL's does.
 * One daemon thread serves every session; nothing is scheduled while the setting is 0.
 */
final class StatementTimer {
    private static final ScheduledThreadPoolExecutor TIMER = newTimer();

    private StatementTimer() {
    }

    private static ScheduledThreadPoolExecutor newTimer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "statement timeout");
            t.setDaemon(true);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true); // a finished statement leaves nothing behind
        return timer;
    }

    /**
     * @param backend the backend running the statement
     * @param timeoutMillis {@code statement_timeout}, 0 for none
     * @return the timer to {@link #stop}, or null when none was started
     */
    static ScheduledFuture<?> start(Backend backend, int timeoutMillis) {
        if (timeoutMillis <= 0) {
            return null;
        }
        return TIMER.schedule(backend::requestStatementTimeout, timeoutMillis, TimeUnit.MILLISECONDS);
    }

    /**
     * The statement ended: cancel the timer, and drop a timeout that fired too late to matter.
     *
     * @param timer what {@link #start} returned
     * @param backend the backend
     */
    static void stop(ScheduledFuture<?> timer, Backend backend) {
        if (timer != null && !timer.cancel(false)) {
            backend.discardPendingCancel();
        }
    }
}
