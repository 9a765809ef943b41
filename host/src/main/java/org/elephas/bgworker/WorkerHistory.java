package org.elephas.bgworker;

/**
 * What happened to a registered worker so far, for {@code elephas_workers}: beyond PostgreSQL,
 * which keeps no such record.
 *
 * @param starts how many times it was launched
 * @param exits how many times it ended
 * @param lastExitCode the last exit code (0, 1, or 2 for a crash), or null if it never ended
 * @param lastError the last error message, or null
 * @param consecutiveQuickFailures failed runs shorter than the backoff threshold, in a row
 */
public record WorkerHistory(int starts, int exits, Integer lastExitCode, String lastError,
        int consecutiveQuickFailures) {

    /** No history yet. */
    static final WorkerHistory NONE = new WorkerHistory(0, 0, null, null, 0);

    WorkerHistory started() {
        return new WorkerHistory(starts + 1, exits, lastExitCode, lastError, consecutiveQuickFailures);
    }

    WorkerHistory exited(int code, String error, boolean quickFailure) {
        return new WorkerHistory(starts, exits + 1, code, error == null ? lastError : error,
                quickFailure ? consecutiveQuickFailures + 1 : 0);
    }
}
