package org.elephas.autoexplain;

import java.util.Arrays;

import org.elephas.api.sql.QueryDesc;

/**
 * What PostgreSQL's auto_explain keeps in process globals, kept here per backend: a backend runs
 * its statements on one thread, so one {@link ThreadLocal} holds its nesting level, its sampling
 * decision and the run time of the statements it is timing (PostgreSQL keeps that in
 * {@code queryDesc->totaltime}).
 */
final class BackendState {
    /**
     * Statements timed at once: one per nesting level in use, a few more for portals. Only a hook
     * of another extension that throws between our ExecutorStart and ExecutorEnd can leave one
     * behind; the bound keeps such leftovers from piling up.
     */
    private static final int MAX_TIMED = 64;
    private static final ThreadLocal<BackendState> CURRENT = ThreadLocal.withInitial(BackendState::new);

    /** Depth of ExecutorRun / ExecutorFinish calls around the current statement; 0 at top level. */
    int nestingLevel;
    /** Whether the current top-level statement, and so its nested ones, was sampled. */
    boolean currentQuerySampled;

    private QueryTimer[] timed = new QueryTimer[4];
    private int timedCount;

    private BackendState() {
    }

    /** @return the calling backend's state */
    static BackendState current() {
        return CURRENT.get();
    }

    /**
     * Start timing a statement.
     *
     * @param queryDesc the statement
     */
    void startTiming(QueryDesc queryDesc) {
        if (timedCount == MAX_TIMED) {
            forgetAt(0);
        }
        if (timedCount == timed.length) {
            timed = Arrays.copyOf(timed, timed.length * 2);
        }
        timed[timedCount++] = new QueryTimer(queryDesc);
    }

    /**
     * @param queryDesc a statement
     * @return its timer, or null when it is not timed (the cheap answer when nothing is)
     */
    QueryTimer timerOf(QueryDesc queryDesc) {
        // The statement asked for is nearly always the innermost one.
        for (int i = timedCount - 1; i >= 0; i--) {
            if (timed[i].queryDesc == queryDesc) {
                return timed[i];
            }
        }
        return null;
    }

    /**
     * Stop timing a statement.
     *
     * @param queryDesc the statement
     * @return its timer, or null when it was not timed
     */
    QueryTimer stopTiming(QueryDesc queryDesc) {
        for (int i = timedCount - 1; i >= 0; i--) {
            QueryTimer t = timed[i];
            if (t.queryDesc == queryDesc) {
                forgetAt(i);
                return t;
            }
        }
        return null;
    }

    private void forgetAt(int i) {
        System.arraycopy(timed, i + 1, timed, i, timedCount - i - 1);
        timed[--timedCount] = null;
    }

    /** The run time of one statement: PostgreSQL's {@code queryDesc->totaltime}. */
    static final class QueryTimer {
        final QueryDesc queryDesc;
        /** Nanoseconds spent in ExecutorRun and ExecutorFinish so far. */
        long totalNanos;
        private long openSince;
        private boolean open;

        QueryTimer(QueryDesc queryDesc) {
            this.queryDesc = queryDesc;
        }

        /** @param since when an interval still running began ({@link System#nanoTime()}) */
        void open(long since) {
            openSince = since;
            open = true;
        }

        /** @return whether an interval is running */
        boolean isOpen() {
            return open;
        }

        /** End the running interval now and add it. */
        void close() {
            totalNanos += System.nanoTime() - openSince;
            open = false;
        }
    }
}
