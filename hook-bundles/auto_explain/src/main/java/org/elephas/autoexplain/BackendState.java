package org.elephas.autoexplain;

/**
 * What PostgreSQL's auto_explain keeps in process globals, kept here per backend: a backend runs
 * its statements on one thread, so one {@link ThreadLocal} holds its nesting level and its
 * sampling decision. The run time of a statement is kept by the executor in its QueryDesc, as
 * PostgreSQL keeps it in {@code queryDesc->totaltime}.
 */
final class BackendState {
    private static final ThreadLocal<BackendState> CURRENT = ThreadLocal.withInitial(BackendState::new);

    /** Depth of ExecutorRun / ExecutorFinish calls around the current statement; 0 at top level. */
    int nestingLevel;
    /** Whether the current top-level statement, and so its nested ones, was sampled. */
    boolean currentQuerySampled;

    private BackendState() {
    }

    /** @return the calling backend's state */
    static BackendState current() {
        return CURRENT.get();
    }
}
