package org.elephas.api.bgworker;

/** {@code BgwHandleStatus}: what a {@link BackgroundWorkerHandle} knows of its worker. */
public enum BgwHandleStatus {
    /** {@code BGWH_STARTED}: the worker runs, with a PID. */
    STARTED,
    /** {@code BGWH_NOT_YET_STARTED}: registered, not launched yet (or launch to be retried). */
    NOT_YET_STARTED,
    /**
     * {@code BGWH_STOPPED}: exited (and perhaps waiting for its restart), unregistered,
     * terminated before it started, or the handle is stale because its slot was reused.
     */
    STOPPED,
    /** {@code BGWH_POSTMASTER_DIED}: the server shut down while waiting; only the waits return it. */
    POSTMASTER_DIED
}
