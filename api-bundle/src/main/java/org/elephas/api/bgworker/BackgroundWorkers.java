package org.elephas.api.bgworker;

import java.util.Optional;

import org.elephas.api.host.HostAccess;

/**
 * Registering background workers, and what a running worker asks about itself: PostgreSQL's
 * {@code RegisterBackgroundWorker}, {@code RegisterDynamicBackgroundWorker},
 * {@code MyBgworkerEntry}, {@code BackgroundWorkerUnblockSignals} and
 * {@code BackgroundWorkerInitializeConnection}.
 */
public final class BackgroundWorkers {

    private BackgroundWorkers() {
    }

    /**
     * {@code RegisterBackgroundWorker}: register a static worker. Only allowed from
     * {@code _PG_init} while {@code shared_preload_bundles} load. Like PostgreSQL it never
     * throws for a bad definition: failures are logged and the worker is not registered.
     * Static workers keep a {@code max_worker_processes} slot for the server's lifetime.
     *
     * @param worker the registration record
     */
    public static void registerBackgroundWorker(BackgroundWorker worker) {
        HostAccess.host().workers().registerBackgroundWorker(worker);
    }

    /**
     * {@code RegisterDynamicBackgroundWorker}: register a worker now, from a session, a worker
     * or {@code _PG_init} outside preload.
     *
     * @param worker the registration record
     * @return a handle, or empty when no {@code max_worker_processes} slot is free or the
     *     server is shutting down
     * @throws org.elephas.api.PgException ERROR {@code 22023} for an invalid definition
     */
    public static Optional<BackgroundWorkerHandle> registerDynamicBackgroundWorker(BackgroundWorker worker) {
        return HostAccess.host().workers().registerDynamicBackgroundWorker(worker);
    }

    /**
     * {@code MyBgworkerEntry}: the calling worker's own registration record.
     *
     * @return the record, or null when the caller is not a background worker
     */
    public static BackgroundWorker myBgworkerEntry() {
        return HostAccess.host().workers().myBgworkerEntry();
    }

    /**
     * {@code BackgroundWorkerUnblockSignals}: deliver signals to this worker from now on. A
     * worker starts with signals blocked; the ones that arrive meanwhile are kept and delivered
     * here. Install handlers with {@link org.elephas.api.ipc.Signals#pqsignal} first.
     */
    public static void unblockSignals() {
        HostAccess.host().backend().setSignalsBlocked(false);
    }

    /** {@code BackgroundWorkerBlockSignals}: hold signals until they are unblocked again. */
    public static void blockSignals() {
        HostAccess.host().backend().setSignalsBlocked(true);
    }

    /**
     * {@code BackgroundWorkerInitializeConnection}: connect this worker to a database as a
     * role. Once only. Needs {@link BgWorkerFlags#BACKEND_DATABASE_CONNECTION} at registration.
     *
     * @param database the database name, or null for none (shared catalogs only)
     * @param user the role name, or null for the bootstrap superuser
     * @param flags {@link BgWorkerFlags#BYPASS_ALLOWCONN}, {@link BgWorkerFlags#BYPASS_ROLELOGINCHECK}
     * @throws org.elephas.api.PgException FATAL with PostgreSQL's messages when refused
     */
    public static void initializeConnection(String database, String user, int flags) {
        HostAccess.host().workers().initializeConnection(database, user, 0, 0, flags);
    }

    /**
     * {@code BackgroundWorkerInitializeConnectionByOid}: as
     * {@link #initializeConnection(String, String, int)}, by OIDs; 0 means none / bootstrap
     * superuser.
     *
     * @param databaseOid the database OID or 0
     * @param roleOid the role OID or 0
     * @param flags connection flags
     */
    public static void initializeConnectionByOid(int databaseOid, int roleOid, int flags) {
        HostAccess.host().workers().initializeConnection(null, null, databaseOid, roleOid, flags);
    }
}
