package org.elephas.api.spi;

import org.elephas.api.host.HostAccess;

/**
 * {@code pgstat_report_activity}: what the calling backend shows in {@code pg_stat_activity}.
 * A background worker reports its own state and query; sessions are reported by the host.
 */
public final class Activity {

    private Activity() {
    }

    /**
     * {@code pgstat_report_activity(state, query)}.
     *
     * @param state the new state
     * @param query the statement now running, shown as {@code query} with {@code query_start} =
     *     now; null keeps the last one
     * @throws IllegalStateException when the caller is not a session or worker thread
     */
    public static void report(BackendState state, String query) {
        HostAccess.host().spi().reportActivity(state, query);
    }
}
