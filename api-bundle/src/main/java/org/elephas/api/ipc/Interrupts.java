package org.elephas.api.ipc;

import org.elephas.api.host.HostAccess;

/**
 * Interrupt processing in the calling backend: PostgreSQL's {@code CHECK_FOR_INTERRUPTS},
 * {@code HOLD_INTERRUPTS} / {@code RESUME_INTERRUPTS} and {@code ConfigReloadPending}.
 * Deferred termination and cancellation are acted on only at an interrupt check or a latch
 * wait, so long-running loops must call {@link #checkForInterrupts()}.
 */
public final class Interrupts {

    private Interrupts() {
    }

    /**
     * {@code CHECK_FOR_INTERRUPTS()}: act on a pending termination (FATAL
     * {@code 57P01 terminating background worker "TYPE" due to administrator command}) or
     * cancel (ERROR {@code 57014 canceling statement due to user request}), unless interrupts
     * are held.
     *
     * @throws org.elephas.api.PgException the pending FATAL or ERROR
     */
    public static void checkForInterrupts() {
        HostAccess.host().backend().checkForInterrupts();
    }

    /** {@code HOLD_INTERRUPTS()}: defer interrupt processing; nests. */
    public static void holdInterrupts() {
        HostAccess.host().backend().holdInterrupts(true);
    }

    /** {@code RESUME_INTERRUPTS()}: undo one {@link #holdInterrupts()}. */
    public static void resumeInterrupts() {
        HostAccess.host().backend().holdInterrupts(false);
    }

    /**
     * {@code ConfigReloadPending}: whether a reload was requested since the flag was last
     * cleared. Only set when the backend handles {@code SIGHUP} with
     * {@link Signals#CONFIG_RELOAD}.
     *
     * @return the flag
     */
    public static boolean configReloadPending() {
        return HostAccess.host().backend().configReloadPending();
    }

    /**
     * The worker_spi idiom {@code if (ConfigReloadPending) { ConfigReloadPending = false;
     * ProcessConfigFile(PGC_SIGHUP); }} in one call: when a reload is pending, clear the flag
     * and adopt the server's current configuration in this backend.
     *
     * @return whether a reload was pending
     */
    public static boolean processConfigReloadIfPending() {
        return HostAccess.host().backend().processConfigReloadIfPending();
    }
}
