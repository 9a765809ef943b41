package org.elephas.api.bgworker;

/**
 * {@code bgw_start_time}: the earliest server phase in which the postmaster launches a worker.
 * It only gates the launch: a running worker is not stopped when the phase changes.
 */
public enum BgWorkerStartTime {
    /** {@code BgWorkerStart_PostmasterStart}: as soon as the postmaster starts, before the engine. */
    POSTMASTER_START,
    /** {@code BgWorkerStart_ConsistentState}: once the engine is open and consistent. */
    CONSISTENT_STATE,
    /** {@code BgWorkerStart_RecoveryFinished}: once the server is in normal operation. */
    RECOVERY_FINISHED
}
