package org.elephas.api.host;

import org.elephas.api.spi.BackendState;
import org.elephas.api.spi.SpiResult;

/**
 * The host's SPI, worker transaction control and activity reporting, behind
 * {@link org.elephas.api.spi.Spi}, {@link org.elephas.api.spi.Transactions} and
 * {@link org.elephas.api.spi.Activity}. Every call acts for the backend bound to the calling
 * thread.
 */
public interface SpiServices {

    /** {@code SPI_connect}. */
    void connect();

    /** {@code SPI_finish}. */
    void finish();

    /**
     * {@code SPI_execute_with_args}.
     *
     * @param sql the statements
     * @param argTypes parameter type names, or null
     * @param values parameter values, or null for none
     * @param readOnly whether only read-only statements are allowed
     * @param count the most rows to return, 0 for all
     * @return the last statement's result
     */
    SpiResult execute(String sql, String[] argTypes, Object[] values, boolean readOnly, long count);

    /** {@code SPI_commit}. */
    void commit();

    /** {@code SPI_rollback}. */
    void rollback();

    /** {@code StartTransactionCommand}. */
    void startTransactionCommand();

    /** {@code CommitTransactionCommand}. */
    void commitTransactionCommand();

    /** {@code AbortCurrentTransaction}. */
    void abortCurrentTransaction();

    /** @return {@code IsTransactionState} */
    boolean isTransactionState();

    /**
     * {@code pgstat_report_activity}.
     *
     * @param state the state
     * @param query the query, or null to keep the last
     */
    void reportActivity(BackendState state, String query);
}
