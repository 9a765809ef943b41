package org.elephas.api.ipc;

/**
 * A signal handler, as installed with {@link Signals#pqsignal}. Like a POSIX handler it runs
 * asynchronously, on the sending thread: it should only set flags and latches.
 */
@FunctionalInterface
public interface SignalHandler {

    /**
     * Handle a signal.
     *
     * @param signal the signal
     * @param target the receiving backend
     */
    void handle(Signal signal, SignalTarget target);
}
