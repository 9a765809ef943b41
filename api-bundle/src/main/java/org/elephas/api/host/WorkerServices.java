package org.elephas.api.host;

import java.util.Optional;

import org.elephas.api.bgworker.BackgroundWorker;
import org.elephas.api.bgworker.BackgroundWorkerHandle;

/** The host's background-worker calls behind {@link org.elephas.api.bgworker.BackgroundWorkers}. */
public interface WorkerServices {

    /** @param worker a static worker's record */
    void registerBackgroundWorker(BackgroundWorker worker);

    /**
     * @param worker a dynamic worker's record
     * @return its handle, or empty when no slot is free
     */
    Optional<BackgroundWorkerHandle> registerDynamicBackgroundWorker(BackgroundWorker worker);

    /** @return the calling worker's record, or null */
    BackgroundWorker myBgworkerEntry();

    /**
     * Connect the calling worker, by names when {@code database} or {@code user} is given,
     * otherwise by OIDs.
     *
     * @param database database name or null
     * @param user role name or null
     * @param databaseOid database OID or 0
     * @param roleOid role OID or 0
     * @param flags connection flags
     */
    void initializeConnection(String database, String user, int databaseOid, int roleOid, int flags);
}
