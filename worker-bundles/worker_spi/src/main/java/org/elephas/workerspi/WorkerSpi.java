package org.elephas.workerspi;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.elephas.api.Datum;
import org.elephas.api.Extension;
import org.elephas.api.PgException;
import org.elephas.api.SqlState;
import org.elephas.api.bgworker.BackgroundWorker;
import org.elephas.api.bgworker.BackgroundWorkerHandle;
import org.elephas.api.bgworker.BackgroundWorkers;
import org.elephas.api.bgworker.BgWorkerFlags;
import org.elephas.api.bgworker.BgWorkerStartTime;
import org.elephas.api.bgworker.WorkerState;
import org.elephas.api.guc.GucContext;
import org.elephas.api.guc.GucVariable;
import org.elephas.api.guc.Gucs;
import org.elephas.api.ipc.Backends;
import org.elephas.api.spi.Spi;
import org.elephas.api.spi.SpiResult;

/**
 * worker_spi, a port of PostgreSQL's {@code src/test/modules/worker_spi}: sample background
 * workers that connect to a database, create a schema and table, and keep a running total in
 * it (see {@link WorkerSpiMain}).
 *
 * <p>This class is the part that runs in the postmaster and in sessions: {@link #_PG_init()}
 * defines the parameters and, when preloaded, registers {@code worker_spi.total_workers}
 * static workers; {@link #worker_spi_launch} is the SQL function of the same name (declared by
 * {@code sql/worker_spi--1.0.sql}) that starts a dynamic one.
 */
public final class WorkerSpi extends Extension {

    /* GUC variables */

    /** {@code worker_spi.naptime}: seconds between two checks. */
    static volatile GucVariable<Integer> naptime;
    /** {@code worker_spi.database}: the database workers connect to unless told otherwise. */
    static volatile GucVariable<String> database;
    /** {@code worker_spi.role}: the role they connect as; unset means the bootstrap superuser. */
    static volatile GucVariable<String> role;
    /** {@code worker_spi.total_workers}: how many static workers; defined only when preloaded. */
    static volatile GucVariable<Integer> totalWorkers;

    /** Created by the framework from {@code Bundle-Activator}. */
    public WorkerSpi() {
    }

    /**
     * Entry point of this module: define the parameters and, while preloading, register the
     * static workers.
     */
    @Override
    protected void _PG_init() {
        /* get the configuration */

        /*
         * These accept SIGHUP (and SET by nobody): workers re-read them when they process a
         * configuration reload.
         */
        naptime = Gucs.intVariable("worker_spi.naptime", 10)
                .description("Duration between each check (in seconds).")
                .range(1, Integer.MAX_VALUE)
                .context(GucContext.SIGHUP)
                .define();
        database = Gucs.stringVariable("worker_spi.database", "postgres")
                .description("Database to connect to.")
                .context(GucContext.SIGHUP)
                .define();
        role = Gucs.stringVariable("worker_spi.role", null)
                .description("Role to connect with.")
                .context(GucContext.SIGHUP)
                .define();

        /* the rest only makes sense while shared_preload_bundles load */
        if (!processSharedPreloadBundlesInProgress()) {
            return;
        }

        /* can't define a POSTMASTER parameter after startup */
        totalWorkers = Gucs.intVariable("worker_spi.total_workers", 2)
                .description("Number of workers.")
                .range(1, 100)
                .context(GucContext.POSTMASTER)
                .define();

        Gucs.markGucPrefixReserved("worker_spi");

        /* set up common data for all our workers */
        BackgroundWorker.Builder worker = BackgroundWorker.builder()
                .flags(BgWorkerFlags.SHMEM_ACCESS | BgWorkerFlags.BACKEND_DATABASE_CONNECTION)
                .startTime(BgWorkerStartTime.RECOVERY_FINISHED)
                .restartTime(BackgroundWorker.BGW_NEVER_RESTART)
                .libraryName("worker_spi")
                .functionName(WorkerSpiMain.class.getName() + ".worker_spi_main")
                .type("worker_spi")
                .notifyPid(0);

        /*
         * Now fill in worker-specific data, and do the actual registrations. bgw_extra stays
         * zero, so these workers connect with worker_spi.database and worker_spi.role.
         */
        for (int i = 1; i <= totalWorkers.get(); i++) {
            BackgroundWorkers.registerBackgroundWorker(worker
                    .name("worker_spi worker " + i)
                    .mainArg(Datum.ofInt32(i))
                    .build());
        }
    }

    /**
     * Dynamically launch an SPI worker: the SQL function {@code worker_spi_launch(index int4,
     * dboid oid DEFAULT 0, roleoid oid DEFAULT 0, flags text[] DEFAULT '{}', interruptible boolean
     * DEFAULT false) RETURNS int4 STRICT}.
     *
     * @param index the worker's number: its table is {@code schema<index>.counted}
     * @param dboid the database to connect to, or 0 for {@code worker_spi.database}
     * @param roleoid the role to connect as, or 0 for {@code worker_spi.role} (when set)
     * @param flagsArray connection flags: {@code ALLOWCONN}, {@code ROLELOGINCHECK}
     * @param interruptible register the worker with {@code BGWORKER_INTERRUPTIBLE}
     * @return the worker's PID, or null when no worker slot is free
     */
    public static Integer worker_spi_launch(int index, int dboid, int roleoid, String[] flagsArray,
            boolean interruptible) {
        int flags = 0;

        /*
         * Read the connection flags. A text[] parameter is one-dimensional here: the engine has
         * no multi-dimensional text arrays to pass ("flags array must be one-dimensional").
         */
        for (String flag : flagsArray) {
            if (flag == null) {
                throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "flags array must not contain nulls");
            }
        }
        for (String flag : flagsArray) {
            if (flag.equals("ALLOWCONN")) {
                flags |= BgWorkerFlags.BYPASS_ALLOWCONN;
            } else if (flag.equals("ROLELOGINCHECK")) {
                flags |= BgWorkerFlags.BYPASS_ROLELOGINCHECK;
            } else {
                throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "incorrect flag value found in array");
            }
        }

        /*
         * Register the worker for the given database. If no database is given, use
         * worker_spi.database; if no role is given, worker_spi.role when it is set.
         */
        if (dboid == 0) {
            dboid = getDatabaseOid(database.get());
        }
        if (roleoid == 0 && role.get() != null && !role.get().isEmpty()) {
            roleoid = getRoleOid(role.get());
        }

        int bgwFlags = BgWorkerFlags.SHMEM_ACCESS | BgWorkerFlags.BACKEND_DATABASE_CONNECTION;
        if (interruptible) {
            bgwFlags |= BgWorkerFlags.INTERRUPTIBLE;
        }

        /* extra data for the worker: [dboid:4][roleoid:4][flags:4], as worker_spi.c packs it */
        byte[] extra = ByteBuffer.allocate(BackgroundWorker.BGW_EXTRALEN).order(ByteOrder.LITTLE_ENDIAN)
                .putInt(dboid).putInt(roleoid).putInt(flags).array();

        BackgroundWorker worker = BackgroundWorker.builder()
                .flags(bgwFlags)
                .startTime(BgWorkerStartTime.RECOVERY_FINISHED)
                .restartTime(BackgroundWorker.BGW_NEVER_RESTART)
                .libraryName("worker_spi")
                .functionName(WorkerSpiMain.class.getName() + ".worker_spi_main")
                .name("worker_spi dynamic worker " + index)
                .type("worker_spi dynamic")
                .mainArg(Datum.ofInt32(index))
                /* set bgw_notify_pid so that we can use waitForStartup */
                .notifyPid(Backends.myProcPid())
                .extra(extra)
                .build();

        /* no free slot: SQL NULL, as PostgreSQL returns */
        BackgroundWorkerHandle handle = BackgroundWorkers.registerDynamicBackgroundWorker(worker).orElse(null);
        if (handle == null) {
            return null;
        }

        WorkerState state = handle.waitForStartup();
        switch (state.status()) {
            case STOPPED:
                throw PgException.error(SqlState.INSUFFICIENT_RESOURCES, "could not start background process")
                        .withHint("More details may be available in the server log.");
            case POSTMASTER_DIED:
                throw PgException.error(SqlState.INSUFFICIENT_RESOURCES,
                        "cannot start background processes without postmaster")
                        .withHint("Kill all remaining database processes and restart the database.");
            default:
                /* STARTED: waitForStartup never returns NOT_YET_STARTED */
                return state.pid();
        }
    }

    /** {@code get_database_oid(name, false)}, through SPI since the catalog is SQL here. */
    private static int getDatabaseOid(String name) {
        Integer oid = lookupOid("SELECT oid FROM pg_database WHERE datname = $1", name);
        if (oid == null) {
            throw PgException.error(SqlState.INVALID_CATALOG_NAME, "database \"" + name + "\" does not exist");
        }
        return oid;
    }

    /** {@code get_role_oid(name, false)}. */
    private static int getRoleOid(String name) {
        Integer oid = lookupOid("SELECT oid FROM pg_roles WHERE rolname = $1", name);
        if (oid == null) {
            throw PgException.error(SqlState.UNDEFINED_OBJECT, "role \"" + name + "\" does not exist");
        }
        return oid;
    }

    private static Integer lookupOid(String sql, String name) {
        Spi.connect();
        try {
            SpiResult r = Spi.executeWithArgs(sql, new String[] {"text"}, new Object[] {name}, true, 1);
            return r.rowCount() == 0 ? null : r.getInt(0, 1);
        } finally {
            Spi.finish();
        }
    }
}
