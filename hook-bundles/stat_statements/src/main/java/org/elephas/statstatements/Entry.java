package org.elephas.statstatements;

/**
 * pg_stat_statements' {@code pgssEntry}: the statistics of one {@link EntryKey}, with the
 * statement's normalised text. The counters are guarded by the entry's own monitor, as
 * pgss guards each entry with its own spinlock: updates to different entries never wait for
 * each other.
 */
final class Entry {
    /** pgss's USAGE_EXEC: what a call adds to the usage. */
    static final double USAGE_EXEC = 1.0;
    /** pgss's USAGE_INIT: the usage of a new entry. */
    static final double USAGE_INIT = 1.0;

    final EntryKey key;
    final String query;
    /** Set when eviction or a reset takes it out of the table: whoever still holds it looks again. */
    volatile boolean removed;

    // Guarded by this.
    private final Counters plan = new Counters();
    private final Counters exec = new Counters();
    private long rows;
    private double usage;

    /**
     * @param key the key (stored: never changed)
     * @param query the normalised text
     * @param usage the starting usage
     */
    Entry(EntryKey key, String query, double usage) {
        this.key = key;
        this.query = query;
        this.usage = usage;
    }

    /**
     * Count one planning.
     *
     * @param millis how long it took
     */
    synchronized void addPlan(double millis) {
        plan.add(millis);
        usage += USAGE_EXEC;
    }

    /**
     * Count one execution.
     *
     * @param millis how long it took
     * @param processed rows it processed
     */
    synchronized void addExec(double millis, long processed) {
        exec.add(millis);
        rows += processed;
        usage += USAGE_EXEC;
    }

    /** @return whether it was never planned or executed (pgss's IS_STICKY): hidden from the view */
    synchronized boolean isSticky() {
        return plan.calls + exec.calls == 0;
    }

    /** @return its usage, for eviction */
    synchronized double usage() {
        return usage;
    }

    /**
     * Age the usage, at each eviction round (pgss: sticky entries age faster).
     *
     * @param factor for used entries
     * @param stickyFactor for entries never executed
     */
    synchronized void decay(double factor, double stickyFactor) {
        usage *= (plan.calls + exec.calls == 0) ? stickyFactor : factor;
    }

    /**
     * A consistent copy of the counters, for the view.
     *
     * @param planOut receives the planning counters
     * @param execOut receives the execution counters
     * @return the rows
     */
    synchronized long snapshot(Counters planOut, Counters execOut) {
        planOut.copyFrom(plan);
        execOut.copyFrom(exec);
        return rows;
    }
}
