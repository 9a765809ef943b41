package org.elephas.workerspi;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.elephas.api.Datum;
import org.elephas.api.Elog;
import org.elephas.api.PgException;
import org.elephas.api.SqlState;
import org.elephas.api.bgworker.BackgroundWorker;
import org.elephas.api.bgworker.BackgroundWorkers;
import org.elephas.api.ipc.Interrupts;
import org.elephas.api.ipc.Latch;
import org.elephas.api.ipc.Signal;
import org.elephas.api.ipc.Signals;
import org.elephas.api.ipc.WaitEvents;
import org.elephas.api.spi.Activity;
import org.elephas.api.spi.BackendState;
import org.elephas.api.spi.Spi;
import org.elephas.api.spi.SpiResult;
import org.elephas.api.spi.SpiStatus;
import org.elephas.api.spi.Transactions;

/**
 * A worker_spi background worker ({@code bgw_function_name}
 * {@code org.elephas.workerspi.WorkerSpiMain.worker_spi_main}). It connects to a database,
 * makes sure {@code schema<index>.counted} exists, then every {@code worker_spi.naptime}
 * seconds folds the table's {@code delta} rows into its {@code total} row. To see it work,
 * insert a {@code total} row and some {@code delta} rows: they are summed into the total and
 * deleted, and the new total is logged.
 */
public final class WorkerSpiMain {

    /** The wait event shown while the worker sleeps; allocated on first use. */
    private static volatile int waitEventMain;

    private WorkerSpiMain() {
    }

    /**
     * The worker's main function. It never returns: it ends when terminated (SIGTERM, acted on
     * at the next interrupt check or latch wait) or when the server shuts down.
     *
     * @param mainArg {@code bgw_main_arg}: the worker's index
     */
    public static void worker_spi_main(Datum mainArg) {
        int index = mainArg.int32();
        BackgroundWorker me = BackgroundWorkers.myBgworkerEntry();
        String schema = "schema" + index;
        String table = "counted";

        /* fetch database and role OIDs and the connection flags: set for dynamic workers only */
        ByteBuffer extra = ByteBuffer.wrap(me.extra()).order(ByteOrder.LITTLE_ENDIAN);
        int dboid = extra.getInt(0);
        int roleoid = extra.getInt(4);
        int flags = extra.getInt(8);

        /* establish signal handlers before unblocking signals */
        Signals.pqsignal(Signal.SIGHUP, Signals.CONFIG_RELOAD);
        Signals.pqsignal(Signal.SIGTERM, Signals.DIE);

        /* we're now ready to receive signals */
        BackgroundWorkers.unblockSignals();

        /* connect to our database */
        if (dboid != 0) {
            BackgroundWorkers.initializeConnectionByOid(dboid, roleoid, flags);
        } else {
            BackgroundWorkers.initializeConnection(WorkerSpi.database.get(), emptyToNull(WorkerSpi.role.get()), flags);
        }

        Elog.log(me.name() + " initialized with " + schema + "." + table);
        initializeWorkerSpi(schema, table);

        /*
         * Quote identifiers passed to us. Note that this must be done after
         * initializeWorkerSpi, because that routine assumes the names are not quoted.
         * ("schema<n>" and "counted" need no quotes: quote_identifier leaves them as they are.)
         */
        String qualified = schema + "." + table;
        String sql = "WITH deleted AS (DELETE FROM " + qualified + " WHERE type = 'delta' RETURNING value), "
                + "total AS (SELECT coalesce(sum(value), 0) as sum FROM deleted) "
                + "UPDATE " + qualified + " SET value = " + table + ".value + total.sum "
                + "FROM total WHERE type = 'total' RETURNING " + table + ".value";

        /* main loop: do this until SIGTERM ends the worker */
        for (;;) {
            /* first time, allocate or get the custom wait event */
            if (waitEventMain == 0) {
                waitEventMain = WaitEvents.extensionNew("WorkerSpiMain");
            }

            /*
             * Background workers mustn't sleep directly: wait on the latch, which signal
             * handlers set, so that we wake at once when signalled, and exit if the postmaster
             * dies.
             */
            Latch.my().waitLatch(WaitEvents.WL_LATCH_SET | WaitEvents.WL_TIMEOUT | WaitEvents.WL_EXIT_ON_PM_DEATH,
                    WorkerSpi.naptime.get() * 1000L, waitEventMain);
            Latch.my().reset();

            /* act on a pending termination (SIGTERM: die) */
            Interrupts.checkForInterrupts();

            /* in case of a SIGHUP, just reload the configuration */
            Interrupts.processConfigReloadIfPending();

            /*
             * Start a transaction on which we can run queries. PostgreSQL also pushes an active
             * snapshot here; the engine gives each statement its own read-committed view.
             */
            Transactions.startTransactionCommand();
            Spi.connect();
            Activity.report(BackendState.RUNNING, sql);

            /* we can now execute queries via SPI */
            SpiResult ret = Spi.execute(sql, false, 0);
            if (ret.status() != SpiStatus.OK_UPDATE_RETURNING) {
                throw PgException.fatal(SqlState.INTERNAL_ERROR,
                        "cannot select from table " + schema + ": error code " + ret.status().code());
            }
            if (ret.processed() > 0) {
                Object val = ret.getValue(0, 1);
                if (val != null) {
                    Elog.log(me.name() + ": count in " + qualified + " is now " + ((Number) val).intValue());
                }
            }

            /* and finish our transaction */
            Spi.finish();
            Transactions.commitTransactionCommand();
            /* PostgreSQL flushes table statistics here (pgstat_report_stat); Elephas keeps none */
            Activity.report(BackendState.IDLE, null);
        }
    }

    /**
     * Initialize the workspace for a worker: create the schema with its table and index if
     * the schema does not exist yet. (A schema that exists without the table is left alone;
     * the main loop's statement then fails, as in PostgreSQL.)
     */
    private static void initializeWorkerSpi(String schema, String table) {
        Transactions.startTransactionCommand();
        Spi.connect();
        Activity.report(BackendState.RUNNING, "initializing worker_spi schema");

        /* XXX could we use CREATE SCHEMA IF NOT EXISTS? */
        SpiResult ret = Spi.execute("select count(*) from pg_namespace where nspname = '" + schema + "'", true, 0);
        if (ret.status() != SpiStatus.OK_SELECT) {
            throw PgException.fatal(SqlState.INTERNAL_ERROR, "SPI_execute failed: error code " + ret.status().code());
        }
        if (ret.processed() != 1) {
            throw PgException.fatal(SqlState.INTERNAL_ERROR, "not a singleton result");
        }
        if (ret.isNull(0, 1)) {
            throw PgException.fatal(SqlState.INTERNAL_ERROR, "null result");
        }
        long ntup = ret.getLong(0, 1);

        if (ntup == 0) {
            String create = "CREATE SCHEMA \"" + schema + "\" "
                    + "CREATE TABLE \"" + table + "\" ("
                    + "type text CHECK (type IN ('total', 'delta')), "
                    + "value integer)"
                    + "CREATE UNIQUE INDEX \"" + table + "_unique_total\" ON \"" + table + "\" (type) "
                    + "WHERE type = 'total'";
            ret = Spi.execute(create, false, 0);
            if (ret.status() != SpiStatus.OK_UTILITY) {
                throw PgException.fatal(SqlState.INTERNAL_ERROR, "failed to create my schema");
            }
        }

        Spi.finish();
        Transactions.commitTransactionCommand();
        Activity.report(BackendState.IDLE, null);
    }

    /** An unset string parameter reads as null or empty; both mean "none" here. */
    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
