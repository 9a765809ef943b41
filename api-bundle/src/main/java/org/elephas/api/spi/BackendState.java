package org.elephas.api.spi;

/** PostgreSQL's {@code BackendState}, as {@code pg_stat_activity.state} shows it. */
public enum BackendState {
    /** {@code STATE_IDLE}: {@code idle}. */
    IDLE,
    /** {@code STATE_RUNNING}: {@code active}. */
    RUNNING,
    /** {@code STATE_IDLEINTRANSACTION}: {@code idle in transaction}. */
    IDLE_IN_TRANSACTION,
    /** {@code STATE_IDLEINTRANSACTION_ABORTED}: {@code idle in transaction (aborted)}. */
    IDLE_IN_TRANSACTION_ABORTED
}
