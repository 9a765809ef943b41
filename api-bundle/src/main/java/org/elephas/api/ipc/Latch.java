package org.elephas.api.ipc;

import org.elephas.api.host.HostAccess;

/**
 * PostgreSQL's {@code Latch}: a boolean that one backend waits on and any thread may set.
 * Setting an already set latch does nothing; a wait on a set latch returns at once.
 *
 * <p>The waiting protocol is PostgreSQL's: either reset, check for work, then wait; or check,
 * wait, then reset. Never test a flag between the wait and the reset. Whoever sets a flag for
 * the owner must set the flag first, then the latch.
 */
public interface Latch {

    /**
     * {@code MyLatch}: the calling backend's own latch.
     *
     * @return the latch of the session or worker this thread runs
     * @throws IllegalStateException when called from a thread that is not a backend
     */
    static Latch my() {
        return HostAccess.host().backend().myLatch();
    }

    /** {@code SetLatch}: set the latch and wake its owner. Any thread may call it. */
    void set();

    /** {@code ResetLatch}: clear the latch. Only the owner calls it. */
    void reset();

    /**
     * @return whether the latch is set now
     */
    boolean isSet();

    /**
     * {@code WaitLatch}: wait until one of {@code events} happens. The wait is an interrupt
     * point: a pending termination raises its FATAL here. The wait event shows in
     * {@code pg_stat_activity} while waiting.
     *
     * @param events {@link WaitEvents#WL_LATCH_SET}, {@link WaitEvents#WL_TIMEOUT}, and exactly
     *     one of {@link WaitEvents#WL_POSTMASTER_DEATH} and {@link WaitEvents#WL_EXIT_ON_PM_DEATH}
     * @param timeoutMillis the timeout when {@code WL_TIMEOUT} is given, otherwise ignored
     * @param waitEventInfo the wait event to report, see {@link WaitEvents#extensionNew(String)};
     *     0 for none
     * @return the mask of events that occurred
     * @throws IllegalArgumentException when neither postmaster-death flag is given
     */
    int waitLatch(int events, long timeoutMillis, int waitEventInfo);
}
