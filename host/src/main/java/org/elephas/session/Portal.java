package org.elephas.session;

import java.util.ArrayList;
import java.util.List;

import org.elephas.api.sql.Column;
import org.elephas.api.sql.CommandType;
import org.elephas.api.sql.DestReceiver;
import org.elephas.api.sql.QueryCompletion;
import org.elephas.pipeline.HostQueryDesc;
import org.elephas.pipeline.Pipeline;

/**
 * A prepared statement bound to parameter values, ready to run in steps (the extended
 * protocol's portal). A plain query starts the executor at its first Execute and sends up to
 * the requested number of rows each time, suspending in between. A utility statement, or a plan
 * with statements that must run first (data-modifying WITH queries), cannot be described or run
 * in steps: it runs to completion at its first Describe or Execute, and its rows are kept here
 * and sent from memory, as PostgreSQL keeps a utility statement's rows in a tuple store.
 */
public final class Portal {
    final Pipeline.Prepared prepared;
    final List<Object> params;
    /** Where the running executor sends rows; switched to each Execute's receiver. */
    final Forward forward = new Forward();
    HostQueryDesc queryDesc;
    /** Rows of a statement run at once, not yet sent. */
    List<Object[]> held;
    int heldSent;
    List<Column> columns;
    QueryCompletion completion;
    boolean described;

    Portal(Pipeline.Prepared prepared, List<Object> params) {
        this.prepared = prepared;
        this.params = params;
    }

    /** @return whether the statement runs at once rather than in steps */
    boolean runsAtOnce() {
        return prepared.query().isUtility() || !prepared.plan().before().isEmpty();
    }

    /** @return the prepared statement it runs */
    public Pipeline.Prepared prepared() {
        return prepared;
    }

    /** @return whether it ran to completion */
    public boolean done() {
        return completion != null;
    }

    /** Keep the rows of a statement run at once. */
    final class Hold implements DestReceiver {
        @Override
        public void startup(CommandType operation, List<Column> cols) {
            columns = cols.isEmpty() ? null : cols;
            held = new ArrayList<>();
        }

        @Override
        public boolean receive(Object[] row) {
            held.add(row);
            return true;
        }

        @Override
        public void shutdown() {
        }
    }

    /** Sends the executor's rows to the current Execute's receiver. */
    static final class Forward implements DestReceiver {
        DestReceiver target = DestReceiver.NONE;

        @Override
        public void startup(CommandType operation, List<Column> cols) {
            target.startup(operation, cols);
        }

        @Override
        public boolean receive(Object[] row) {
            return target.receive(row);
        }

        @Override
        public void shutdown() {
            target.shutdown();
        }
    }
}
