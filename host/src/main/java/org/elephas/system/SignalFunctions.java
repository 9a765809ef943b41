package org.elephas.system;

import org.elephas.api.LogLevel;
import org.elephas.api.PgException;
import org.elephas.api.SqlState;
import org.elephas.api.ipc.Signal;
import org.elephas.api.ipc.WaitEvents;
import org.elephas.backend.Backend;
import org.elephas.backend.WaitEventRegistry;
import org.elephas.session.Session;

/**
 * PostgreSQL 15's signalfuncs.c: {@code pg_cancel_backend(pid)} (SIGINT),
 * {@code pg_terminate_backend(pid [, timeout])} (SIGTERM) and {@code pg_reload_conf()} (SIGHUP to
 * the postmaster).
 *
 * <p>Who may signal whom ({@code pg_signal_backend}): the PID must be a live backend (else a
 * WARNING and false); a backend without a role or with a superuser role needs a superuser caller;
 * otherwise the caller must be a superuser or the same role. Membership in the target's role or
 * in {@code pg_signal_backend} is not modelled (Elephas has no role membership).
 */
public final class SignalFunctions {
    private static final long POLL_MILLIS = 10;

    /** What {@link #signal} concluded. */
    private enum Outcome {
        SUCCESS, NOT_A_BACKEND, NO_SUPERUSER, NO_PERMISSION
    }

    private SignalFunctions() {
    }

    /**
     * {@code pg_cancel_backend(pid)}: cancel the backend's running statement.
     *
     * @param pid the backend
     * @return whether the signal was sent
     * @throws PgException 42501 when the caller may not signal it
     */
    public static boolean pgCancelBackend(int pid) {
        Outcome r = signal(pid, Signal.SIGINT);
        if (r == Outcome.NO_SUPERUSER) {
            throw PgException.error(SqlState.INSUFFICIENT_PRIVILEGE, "must be a superuser to cancel superuser query");
        }
        if (r == Outcome.NO_PERMISSION) {
            throw PgException.error(SqlState.INSUFFICIENT_PRIVILEGE,
                    "must be a member of the role whose query is being canceled or member of pg_signal_backend");
        }
        return r == Outcome.SUCCESS;
    }

    /**
     * {@code pg_terminate_backend(pid)}.
     *
     * @param pid the backend
     * @return whether the signal was sent
     */
    public static boolean pgTerminateBackend(int pid) {
        return pgTerminateBackend(pid, 0L);
    }

    /**
     * {@code pg_terminate_backend(pid, timeout)}: terminate the backend and, with a positive
     * timeout, wait up to that many milliseconds for it to exit.
     *
     * @param pid the backend
     * @param timeoutMillis 0 not to wait
     * @return whether the signal was sent (and, when waiting, the backend exited in time)
     * @throws PgException 22023 for a negative timeout, 42501 when the caller may not signal it
     */
    public static boolean pgTerminateBackend(int pid, long timeoutMillis) {
        if (timeoutMillis < 0) {
            throw PgException.error(SqlState.INVALID_PARAMETER_VALUE, "\"timeout\" must not be negative");
        }
        Outcome r = signal(pid, Signal.SIGTERM);
        if (r == Outcome.NO_SUPERUSER) {
            throw PgException.error(SqlState.INSUFFICIENT_PRIVILEGE,
                    "must be a superuser to terminate superuser process");
        }
        if (r == Outcome.NO_PERMISSION) {
            throw PgException.error(SqlState.INSUFFICIENT_PRIVILEGE,
                    "must be a member of the role whose process is being terminated or member of pg_signal_backend");
        }
        if (r == Outcome.SUCCESS && timeoutMillis > 0) {
            return waitUntilTerminated(pid, timeoutMillis);
        }
        return r == Outcome.SUCCESS;
    }

    /**
     * {@code pg_reload_conf()}: what SIGHUP to the postmaster does: re-read the configuration
     * files and signal every backend. Superusers only, as PostgreSQL revokes it from PUBLIC.
     *
     * @return true
     * @throws PgException 42501 for other roles
     */
    public static boolean pgReloadConf() {
        if (!Caller.isSuperuser()) {
            throw PgException.error(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied for function pg_reload_conf");
        }
        SystemState.current().reload().run();
        return true;
    }

    private static Outcome signal(int pid, Signal signal) {
        Session caller = Caller.session();
        Backend target = SystemState.current().procs().get(pid);
        if (target == null) {
            // Only a warning, so that a loop over pg_stat_activity survives a backend exiting meanwhile.
            caller.notice(LogLevel.WARNING, SqlState.WARNING, "PID " + pid + " is not a PostgreSQL backend process");
            return Outcome.NOT_A_BACKEND;
        }
        boolean callerIsSuperuser = caller.role().superuser();
        // A backend without a role may matter as much as a superuser's.
        if ((target.roleOid() == 0 || target.isSuperuser()) && !callerIsSuperuser) {
            return Outcome.NO_SUPERUSER;
        }
        if (!callerIsSuperuser && target.roleOid() != caller.role().oid()) {
            return Outcome.NO_PERMISSION;
        }
        if (!SystemState.current().procs().signal(pid, signal)) {
            caller.notice(LogLevel.WARNING, SqlState.WARNING, "PID " + pid + " is not a PostgreSQL backend process");
            return Outcome.NOT_A_BACKEND;
        }
        return Outcome.SUCCESS;
    }

    /** {@code pg_wait_until_termination}: poll until the PID is gone, reacting to interrupts. */
    private static boolean waitUntilTerminated(int pid, long timeoutMillis) {
        Backend me = Caller.backend();
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (true) {
            if (SystemState.current().procs().get(pid) == null) {
                return true;
            }
            long remaining = (deadline - System.nanoTime()) / 1_000_000L;
            if (remaining <= 0) {
                break;
            }
            me.checkForInterrupts();
            me.waitLatch(WaitEvents.WL_LATCH_SET | WaitEvents.WL_TIMEOUT | WaitEvents.WL_EXIT_ON_PM_DEATH,
                    Math.min(POLL_MILLIS, remaining), WaitEventRegistry.BACKEND_TERMINATION);
            me.latch().reset();
        }
        Caller.session().notice(LogLevel.WARNING, SqlState.WARNING, "backend with PID " + pid
                + " did not terminate within " + timeoutMillis + (timeoutMillis == 1 ? " millisecond" : " milliseconds"));
        return false;
    }
}
