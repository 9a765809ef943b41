package org.elephas.api.ipc;

import org.elephas.api.host.HostAccess;

/**
 * Installing signal handlers in the calling backend ({@code pqsignal}) and PostgreSQL's standard
 * handlers. A background worker starts with {@code SIGTERM} handled by {@link #DIE},
 * {@code SIGHUP} ignored, and {@code SIGINT} handled by {@link #STATEMENT_CANCEL} only when it
 * has {@code BACKEND_DATABASE_CONNECTION}; signals stay blocked until
 * {@link org.elephas.api.bgworker.BackgroundWorkers#unblockSignals()}.
 */
public final class Signals {
    /** {@code SIG_IGN}. */
    public static final SignalHandler IGNORE = (signal, target) -> { };
    /** {@code die}: terminate at the next interrupt check or latch wait. */
    public static final SignalHandler DIE = (signal, target) -> target.requestDie();
    /** {@code SignalHandlerForConfigReload}: set the reload flag and the latch. */
    public static final SignalHandler CONFIG_RELOAD = (signal, target) -> target.requestConfigReload();
    /** {@code StatementCancelHandler}: cancel the running statement. */
    public static final SignalHandler STATEMENT_CANCEL = (signal, target) -> target.requestCancel();
    /** {@code procsignal_sigusr1_handler}: wake the backend (set its latch). */
    public static final SignalHandler PROCSIGNAL = (signal, target) -> target.latch().set();

    private Signals() {
    }

    /**
     * {@code pqsignal}: install a handler for a signal in the calling backend.
     *
     * @param signal the signal
     * @param handler the handler, for example {@link #CONFIG_RELOAD}
     * @return the handler it replaces
     */
    public static SignalHandler pqsignal(Signal signal, SignalHandler handler) {
        return HostAccess.host().backend().pqsignal(signal, handler);
    }
}
