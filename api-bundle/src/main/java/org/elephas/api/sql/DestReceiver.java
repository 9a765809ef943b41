package org.elephas.api.sql;

import java.util.List;

/**
 * PostgreSQL's {@code DestReceiver}: where the executor sends a statement's rows, one at a time
 * as they are produced. Nothing in the pipeline collects them first.
 */
public interface DestReceiver {

    /** A receiver that drops every row (PostgreSQL's {@code None_Receiver}). */
    DestReceiver NONE = new DestReceiver() {
        @Override
        public void startup(CommandType operation, List<Column> columns) {
        }

        @Override
        public boolean receive(Object[] row) {
            return true;
        }

        @Override
        public void shutdown() {
        }
    };

    /**
     * Called once before the first row.
     *
     * @param operation what the statement does
     * @param columns the result's columns (empty when it returns none)
     */
    void startup(CommandType operation, List<Column> columns);

    /**
     * One row. The array belongs to the receiver from now on.
     *
     * @param row the values as JDBC returns them ({@code null} for SQL NULL)
     * @return false to stop the executor early
     */
    boolean receive(Object[] row);

    /** Called once after the last row. */
    void shutdown();
}
