package org.elephas.backend;

/**
 * A thread the host makes to run backends: client connections and background workers. It
 * carries the backend it runs and the values of {@link BackendThreadLocal}s in plain fields, so
 * that what a statement asks for many times (the backend, its parameters, the hook chains'
 * counters) is a field read rather than a {@link ThreadLocal} lookup, the way PostgreSQL reads
 * its per-process globals. Any other thread (a test's, an embedding application's) still works:
 * it falls back to thread-locals.
 */
public final class BackendThread extends Thread {
    private static final Object[] NO_LOCALS = {};

    /** The backend bound to this thread ({@link Backend#bind()}), or null. */
    Backend backend;
    /** Values of {@link BackendThreadLocal}s by index; only this thread touches them. */
    Object[] locals = NO_LOCALS;

    /**
     * @param task what the thread runs
     * @param name its name
     */
    public BackendThread(Runnable task, String name) {
        super(task, name);
    }
}
