package org.elephas.backend;

/** PostgreSQL's {@code BackendState}: {@code pg_stat_activity.state}. */
public enum ActivityState {
    /** Running a statement. */
    ACTIVE("active"),
    /** Waiting for a command. */
    IDLE("idle"),
    /** In a transaction block, between statements. */
    IDLE_IN_TRANSACTION("idle in transaction"),
    /** In a failed transaction block, between statements. */
    IDLE_IN_TRANSACTION_ABORTED("idle in transaction (aborted)");

    private final String label;

    ActivityState(String label) {
        this.label = label;
    }

    /** @return the text {@code pg_stat_activity.state} shows */
    public String label() {
        return label;
    }
}
