package org.elephas.statstatements;

import org.elephas.api.sql.Query;
import org.elephas.api.sql.QueryDesc;

/**
 * What pg_stat_statements keeps per backend process, kept here per thread (a session's
 * statements, and the SPI statements they run, all run on its thread): the nesting level, the
 * statements between ExecutorStart and ExecutorEnd with their execution time so far (pgss keeps
 * that in {@code queryDesc->totaltime}), and a key to look entries up with.
 */
final class BackendLocal {
    /** Statements left open by errors outside these hooks are dropped beyond this many. */
    private static final int MAX_OPEN = 64;

    /** pgss's {@code nesting_level}: 0 while a client's statement is analysed, planned and started. */
    int nestingLevel;
    /** Reused for every lookup, so that looking up allocates nothing. */
    final EntryKey probe = new EntryKey();
    /** The statement post_parse_analyze saw last, and its entry (or null), for the later hooks to reuse. */
    Query analyzedQuery;
    Entry analyzed;

    private QueryDesc[] open = new QueryDesc[4];
    private long[] execNanos = new long[4];
    private int count;

    /**
     * Start timing a statement's execution (ExecutorStart).
     *
     * @param qd the statement
     */
    void open(QueryDesc qd) {
        if (count == open.length) {
            if (count >= MAX_OPEN) {
                count = 0; // leftovers of statements that failed where these hooks could not see it
            } else {
                open = java.util.Arrays.copyOf(open, count * 2);
                execNanos = java.util.Arrays.copyOf(execNanos, count * 2);
            }
        }
        open[count] = qd;
        execNanos[count] = 0;
        count++;
    }

    /**
     * @param qd a statement
     * @return whether its execution is being timed
     */
    boolean isOpen(QueryDesc qd) {
        return indexOf(qd) >= 0;
    }

    /**
     * Add time spent in ExecutorRun or ExecutorFinish.
     *
     * @param qd the statement
     * @param nanos how long
     */
    void addTime(QueryDesc qd, long nanos) {
        int i = indexOf(qd);
        if (i >= 0) {
            execNanos[i] += nanos;
        }
    }

    /**
     * Stop timing a statement (ExecutorEnd, or an error on the way).
     *
     * @param qd the statement
     * @return its execution time in nanoseconds, or -1 when it was not timed
     */
    long close(QueryDesc qd) {
        int i = indexOf(qd);
        if (i < 0) {
            return -1;
        }
        long nanos = execNanos[i];
        count--;
        open[i] = open[count];
        execNanos[i] = execNanos[count];
        open[count] = null;
        return nanos;
    }

    private int indexOf(QueryDesc qd) {
        // Newest first: the statement asked about is almost always the innermost one.
        for (int i = count - 1; i >= 0; i--) {
            if (open[i] == qd) {
                return i;
            }
        }
        return -1;
    }
}
