package org.elephas.backend;

/**
 * What a backend reports of itself ({@code pgstat_report_activity}): its state, its current or
 * last statement and when things started. Written by the backend's own thread, read by anyone
 * ({@code pg_stat_activity}); an immutable value swapped whole so readers see a consistent row.
 *
 * @param state the state, or null when the backend never reported (a worker without a query)
 * @param query the current or last statement's text, "" before the first
 * @param queryStartMillis when it started, epoch millis, 0 before the first
 * @param stateChangeMillis when the state last changed, 0 before the first report
 * @param transactionStartMillis when the current transaction started, 0 outside one
 */
public record Activity(ActivityState state, String query, long queryStartMillis, long stateChangeMillis,
        long transactionStartMillis) {

    /** Nothing reported yet. */
    public static final Activity NONE = new Activity(null, "", 0, 0, 0);
}
