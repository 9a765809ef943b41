package org.elephas.wire;

import java.util.ArrayList;
import java.util.List;

import org.elephas.api.sql.DestReceiver;
import org.elephas.session.Portal;
import org.elephas.session.Session;

/**
 * The rows of a {@code COPY ... FROM STDIN}, inserted a batch at a time: one prepared
 * {@code INSERT INTO t (cols) VALUES ($1, ..), ($n+1, ..), ..} of {@link #ROWS_PER_INSERT}
 * rows, executed through the session (and so the pipeline) once per full batch, and one more
 * for the rows left at the end. Running each row on its own through the pipeline cost tens of
 * microseconds a row; a batch pays that once for hundreds of rows.
 */
final class CopyInserts implements AutoCloseable {
    /** Rows per INSERT: large enough to amortise a statement, small enough to parse quickly. */
    static final int ROWS_PER_INSERT = 500;
    /** Fewer rows per INSERT for wide tables, so a statement has at most this many parameters. */
    private static final int MAX_PARAMETERS = 8000;

    private final Session session;
    private final CopyStatement copy;
    private final int width;
    private final String name;
    private final int batchRows;
    private final List<Object> values;
    private final List<String> prepared = new ArrayList<>();
    private boolean batchPrepared;
    private int rows;

    /**
     * @param session the session COPY runs in
     * @param copy the statement
     * @param width columns per row
     * @param name a prefix for the prepared statements' names, unique in the session
     */
    CopyInserts(Session session, CopyStatement copy, int width, String name) {
        this.session = session;
        this.copy = copy;
        this.width = width;
        this.name = name;
        this.batchRows = width == 0 ? 1 : Math.max(1, Math.min(ROWS_PER_INSERT, MAX_PARAMETERS / width));
        this.values = new ArrayList<>(batchRows * Math.max(width, 1));
    }

    /**
     * Add a row; a full batch is inserted now.
     *
     * @param fields the row's values as text ({@code null} for NULL), one per column
     */
    void add(List<String> fields) {
        values.addAll(fields);
        if (++rows == batchRows) {
            if (!batchPrepared) {
                prepare(name, batchRows);
                batchPrepared = true;
            }
            execute(name);
        }
    }

    /** Insert the rows of the last, partial batch. */
    void flush() {
        if (rows == 0) {
            return;
        }
        String rest = name + "_rest";
        prepare(rest, rows);
        execute(rest);
    }

    private void execute(String statement) {
        Portal portal = session.bind(statement, new ArrayList<>(values));
        values.clear();
        rows = 0;
        session.executePortal(portal, DestReceiver.NONE, 0);
    }

    private void prepare(String statement, int count) {
        StringBuilder insert = new StringBuilder("INSERT INTO ").append(copy.table());
        if (!copy.columns().isEmpty()) {
            insert.append(" (").append(String.join(", ", copy.columns())).append(')');
        }
        insert.append(" VALUES ");
        int parameter = 0;
        for (int r = 0; r < count; r++) {
            insert.append(r > 0 ? ", (" : "(");
            for (int c = 0; c < width; c++) {
                insert.append(c > 0 ? ", $" : "$").append(++parameter);
            }
            insert.append(')');
        }
        session.prepare(statement, insert.toString());
        prepared.add(statement);
    }

    /** Deallocate the prepared INSERTs. */
    @Override
    public void close() {
        for (String statement : prepared) {
            session.deallocate(statement);
        }
    }
}
