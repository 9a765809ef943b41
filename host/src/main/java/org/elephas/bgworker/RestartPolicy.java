package org.elephas.bgworker;

/**
 * When a failed worker is launched again: after {@code bgw_restart_time}, as in PostgreSQL,
 * plus Elephas's crash-loop backoff.
 *
 * <p>A run shorter than {@link #QUICK_RUN_MILLIS} that ends in failure is a quick failure. The
 * first {@link #FREE_QUICK_FAILURES} consecutive quick failures restart exactly on
 * {@code bgw_restart_time}. After that the delay is at least 1 s, doubling with each further
 * quick failure up to {@link #MAX_BACKOFF_MILLIS}. One run of {@code QUICK_RUN_MILLIS} or longer
 * resets the count. This keeps a deterministic failure with {@code bgw_restart_time = 0} from
 * spinning a core and flooding the log, while a worker that fails rarely restarts on time.
 */
final class RestartPolicy {
    /** A run shorter than this that fails counts towards backoff. */
    static final long QUICK_RUN_MILLIS = 10_000;
    /** Quick failures that restart on {@code bgw_restart_time} alone. */
    static final int FREE_QUICK_FAILURES = 3;
    /** The longest backoff. */
    static final long MAX_BACKOFF_MILLIS = 300_000;

    private RestartPolicy() {
    }

    /**
     * @param restartTimeSeconds {@code bgw_restart_time}
     * @param consecutiveQuickFailures quick failures in a row, including this one
     * @return the delay before the next launch, in milliseconds
     */
    static long delayMillis(int restartTimeSeconds, int consecutiveQuickFailures) {
        long configured = restartTimeSeconds * 1000L;
        int beyond = consecutiveQuickFailures - FREE_QUICK_FAILURES;
        if (beyond <= 0) {
            return configured;
        }
        long backoff = beyond > 20 ? MAX_BACKOFF_MILLIS : Math.min(MAX_BACKOFF_MILLIS, 1000L << (beyond - 1));
        return Math.max(configured, backoff);
    }
}
