package org.elephas.api.bgworker;

/**
 * Bit values of {@link BackgroundWorker#flags()} ({@code bgw_flags}) and of the connection
 * flags of {@link BackgroundWorkers#initializeConnection(String, String, int)}, with
 * PostgreSQL's values.
 */
public final class BgWorkerFlags {
    /** {@code BGWORKER_SHMEM_ACCESS}: mandatory, as since PostgreSQL 15. */
    public static final int SHMEM_ACCESS = 0x0001;
    /** {@code BGWORKER_BACKEND_DATABASE_CONNECTION}: the worker may connect to a database. */
    public static final int BACKEND_DATABASE_CONNECTION = 0x0002;
    /**
     * {@code BGWORKER_INTERRUPTIBLE} (PostgreSQL 19): terminated by commands that need its
     * database to be free. Requires {@link #BACKEND_DATABASE_CONNECTION}.
     */
    public static final int INTERRUPTIBLE = 0x0004;
    /** {@code BGWORKER_CLASS_PARALLEL}: a parallel-query worker; never restarted. */
    public static final int CLASS_PARALLEL = 0x0010;

    /** Connection flag {@code BGWORKER_BYPASS_ALLOWCONN}: connect even if datallowconn is false. */
    public static final int BYPASS_ALLOWCONN = 0x0001;
    /** Connection flag {@code BGWORKER_BYPASS_ROLELOGINCHECK}: connect as a NOLOGIN role. */
    public static final int BYPASS_ROLELOGINCHECK = 0x0002;

    private BgWorkerFlags() {
    }
}
