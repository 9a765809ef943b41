package org.elephas.autoexplain;

/**
 * What PostgreSQL's auto_explain keeps in process globals, kept here per backend: a backend runs
 * its statements on one thread, so one {@link ThreadLocal} holds its sampling decision. The
 * nesting level is the host's ({@code QueryDesc.executorNestingLevel()}); the run time of a
 * statement is kept by the executor in its QueryDesc, as PostgreSQL keeps it in
 * {@code queryDesc->totaltime}.
 */
final class BackendState {
    private static final ThreadLocal<BackendState> CURRENT = ThreadLocal.withInitial(BackendState::new);

    /** Whether the current top-level statement, and so its nested ones, was sampled. */
    boolean currentQuerySampled;

    private BackendState() {
    }

    /** @return the calling backend's state */
    static BackendState current() {
        return CURRENT.get();
    }
}
