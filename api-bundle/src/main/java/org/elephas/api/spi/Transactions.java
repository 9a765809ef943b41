package org.elephas.api.spi;

import org.elephas.api.host.HostAccess;

/**
 * Transaction control for a background worker connected to a database, PostgreSQL's
 * {@code StartTransactionCommand}, {@code CommitTransactionCommand} and
 * {@code AbortCurrentTransaction} as worker_spi uses them:
 *
 * <pre>{@code
 * Transactions.startTransactionCommand();
 * Spi.connect();
 * Activity.report(BackendState.RUNNING, sql);
 * Spi.execute(sql, false, 0);
 * Spi.finish();
 * Transactions.commitTransactionCommand();
 * Activity.report(BackendState.IDLE, null);
 * }</pre>
 *
 * Between start and commit, the worker's statements run in one engine transaction; outside
 * one, each statement commits on its own. PostgreSQL's {@code PushActiveSnapshot} /
 * {@code PopActiveSnapshot} have no counterpart: the engine gives each statement a
 * read-committed view of its own.
 */
public final class Transactions {

    private Transactions() {
    }

    /**
     * {@code StartTransactionCommand}: begin a transaction; inside one it does nothing.
     *
     * @throws org.elephas.api.PgException when the caller is not a background worker connected to
     *     a database, or is running a statement (2D000)
     */
    public static void startTransactionCommand() {
        HostAccess.host().spi().startTransactionCommand();
    }

    /**
     * {@code CommitTransactionCommand}: commit the transaction (a transaction that had an error
     * is rolled back instead); outside one it does nothing.
     *
     * @throws org.elephas.api.PgException as {@link #startTransactionCommand()}, or the commit's error
     */
    public static void commitTransactionCommand() {
        HostAccess.host().spi().commitTransactionCommand();
    }

    /**
     * {@code AbortCurrentTransaction}: roll back the transaction, if any. What a worker calls
     * after catching an error, before going on.
     */
    public static void abortCurrentTransaction() {
        HostAccess.host().spi().abortCurrentTransaction();
    }

    /**
     * {@code IsTransactionState}.
     *
     * @return whether the calling worker is inside a transaction it started
     */
    public static boolean isTransactionState() {
        return HostAccess.host().spi().isTransactionState();
    }
}
