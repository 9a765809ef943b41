package org.elephas.api.ipc;

/**
 * The backend a signal is delivered to, as seen by a {@link SignalHandler}: the handler runs on
 * the sender's thread, so it reaches the receiver through this, never through thread-local
 * state such as {@link Latch#my()}.
 */
public interface SignalTarget {

    /** @return the receiving backend's PID */
    int pid();

    /** @return the receiving backend's latch */
    Latch latch();

    /**
     * What {@code die} does: mark termination pending and set the latch; the backend raises
     * its FATAL at its next interrupt check or latch wait.
     */
    void requestDie();

    /**
     * What {@code SignalHandlerForConfigReload} does: mark a reload pending
     * ({@link Interrupts#configReloadPending()}) and set the latch.
     */
    void requestConfigReload();

    /**
     * What {@code StatementCancelHandler} does: mark a cancel pending and set the latch; the
     * current statement fails with {@code canceling statement due to user request}.
     */
    void requestCancel();
}
