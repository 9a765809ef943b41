package org.elephas.postmaster;

import org.elephas.api.bgworker.BgWorkerStartTime;

/**
 * The server's phases (DESIGN G2), in order, and which worker start times each permits
 * (pg-semantics §2.1: PostmasterStart from the start, ConsistentState once the engine is
 * consistent, RecoveryFinished in normal operation, nothing while shutting down).
 */
public enum Phase {
    /** Configuration read, framework starting. */
    INIT,
    /** {@code shared_preload_bundles} loading; {@code _PG_init} sees preload in progress. */
    PRELOAD,
    /** Slots created; PostmasterStart workers launch; the engine opens. */
    STARTUP,
    /** The engine is open and consistent; ConsistentState workers launch. */
    CONSISTENT,
    /** Normal operation; RecoveryFinished workers launch; clients are accepted. */
    RUN,
    /** Shutting down: nothing launches. */
    SHUTDOWN;

    /**
     * @param startTime a worker's start time
     * @return whether this phase permits launching it
     */
    public boolean permits(BgWorkerStartTime startTime) {
        return switch (startTime) {
            case POSTMASTER_START -> this == STARTUP || this == CONSISTENT || this == RUN;
            case CONSISTENT_STATE -> this == CONSISTENT || this == RUN;
            case RECOVERY_FINISHED -> this == RUN;
        };
    }
}
