package org.elephas.bgworker;

import java.util.Optional;

import org.elephas.api.PgException;
import org.elephas.api.SqlState;
import org.elephas.api.bgworker.BackgroundWorker;
import org.elephas.api.bgworker.BgWorkerFlags;
import org.elephas.api.bgworker.BgWorkerStartTime;

/**
 * {@code SanityCheckBackgroundWorker}: PostgreSQL's checks of a registration record, in its
 * order and with its messages (pg-semantics §1.3). The first failure ends validation.
 */
final class WorkerValidation {
    /** {@code USECS_PER_DAY / 1000}, compared against seconds, as PostgreSQL does. */
    private static final long MAX_RESTART_TIME = 86_400_000L;

    private WorkerValidation() {
    }

    /**
     * @param w a record
     * @return the ERROR describing the first problem, or empty when the record is valid
     */
    static Optional<PgException> check(BackgroundWorker w) {
        String problem = firstProblem(w);
        return problem == null ? Optional.empty()
                : Optional.of(PgException.error(SqlState.INVALID_PARAMETER_VALUE,
                        "background worker \"" + w.name() + "\": " + problem));
    }

    private static String firstProblem(BackgroundWorker w) {
        int flags = w.flags();
        if ((flags & BgWorkerFlags.SHMEM_ACCESS) == 0) {
            return "background workers without shared memory access are not supported";
        }
        if ((flags & BgWorkerFlags.BACKEND_DATABASE_CONNECTION) != 0
                && w.startTime() == BgWorkerStartTime.POSTMASTER_START) {
            return "cannot request database access if starting at postmaster start";
        }
        if ((flags & BgWorkerFlags.INTERRUPTIBLE) != 0 && (flags & BgWorkerFlags.BACKEND_DATABASE_CONNECTION) == 0) {
            return "cannot make background workers interruptible without database access";
        }
        int restart = w.restartTime();
        if ((restart < 0 && restart != BackgroundWorker.BGW_NEVER_RESTART) || restart > MAX_RESTART_TIME) {
            return "invalid restart interval";
        }
        if ((flags & BgWorkerFlags.CLASS_PARALLEL) != 0 && restart != BackgroundWorker.BGW_NEVER_RESTART) {
            return "parallel workers may not be configured for restart";
        }
        return null;
    }

    /**
     * The record as registered: {@code bgw_type} defaults to {@code bgw_name}.
     *
     * @param w a valid record
     * @return the record with its type filled in
     */
    static BackgroundWorker withDefaults(BackgroundWorker w) {
        return w.type().isEmpty() ? w.toBuilder().type(w.name()).build() : w;
    }
}
