package org.elephas.wire;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

import org.elephas.api.PgException;
import org.elephas.api.SqlState;
import org.elephas.api.sql.Column;
import org.elephas.api.sql.CommandType;
import org.elephas.api.sql.QueryCompletion;
import org.elephas.session.ClientOutput;
import org.elephas.session.Session;

/**
 * {@code COPY ... FROM STDIN} and {@code COPY ... TO STDOUT} over the protocol's copy
 * sub-protocol, through the engine: rows read from the client become multi-row INSERTs of a
 * prepared statement ({@link CopyInserts}), all in one transaction; rows sent to the client come from a SELECT. Both run
 * through the pipeline as those statements (hooks see the INSERTs and the SELECT, not a COPY).
 */
final class CopyHandler {
    private static final int FLUSH_AT = 64 * 1024;

    private final Session session;
    private final MessageReader in;
    private final MessageWriter out;
    private final Supplier<ZoneId> zone;

    CopyHandler(Session session, MessageReader in, MessageWriter out, Supplier<ZoneId> zone) {
        this.session = session;
        this.in = in;
        this.out = out;
        this.zone = zone;
    }

    /**
     * Run one COPY statement.
     *
     * @param sql the statement
     * @throws IOException when the client goes away
     */
    void run(String sql) throws IOException {
        CopyStatement copy = CopyStatement.parse(sql);
        if (copy.from()) {
            copyIn(copy);
        } else {
            copyOut(copy);
        }
    }

    private void copyOut(CopyStatement copy) throws IOException {
        String select = copy.query() != null ? copy.query()
                : "SELECT " + (copy.columns().isEmpty() ? "*" : String.join(", ", copy.columns())) + " FROM "
                        + copy.table();
        CopyFormat format = new CopyFormat(copy);
        long[] count = new long[1];
        session.simpleQuery(select, new ClientOutput() {
            private List<Column> columns = List.of();
            private ZoneId z;

            @Override
            public void startup(CommandType operation, List<Column> cols) {
                columns = cols;
                z = zone.get();
                out.begin('H').int8(0).int16(cols.size());
                cols.forEach(c -> out.int16(0));
                out.end();
                if (copy.header()) {
                    data(format.format(cols.stream().map(Column::name).toList()));
                }
            }

            @Override
            public boolean receive(Object[] row) {
                List<String> fields = new ArrayList<>(row.length);
                for (int i = 0; i < row.length; i++) {
                    fields.add(row[i] == null ? null : TextEncoder.encode(row[i], columns.get(i).typeOid(), z));
                }
                data(format.format(fields));
                count[0]++;
                return true;
            }

            @Override
            public void shutdown() {
            }

            @Override
            public void commandComplete(QueryCompletion completion) {
            }
        });
        out.empty('c');
        out.begin('C').cstring("COPY " + count[0]).end();
    }

    private void data(String line) {
        out.begin('d').bytes(line.getBytes(StandardCharsets.UTF_8)).end();
        if (out.buffered() > FLUSH_AT) {
            try {
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private void copyIn(CopyStatement copy) throws IOException {
        String probe = "elephas_copy_" + System.nanoTime();
        int width;
        // The table and columns must exist before the client is asked for data, as in PostgreSQL.
        session.prepare(probe, "SELECT " + (copy.columns().isEmpty() ? "*" : String.join(", ", copy.columns()))
                + " FROM " + copy.table() + " WHERE false");
        try {
            List<Column> cols = session.describePrepared(probe).columns();
            width = cols == null ? 0 : cols.size();
        } finally {
            session.deallocate(probe);
        }
        CopyInserts inserts = new CopyInserts(session, copy, width, probe + "_insert");
        try {
            out.begin('G').int8(0).int16(width);
            for (int i = 0; i < width; i++) {
                out.int16(0);
            }
            out.end();
            out.flush();
            long rows = receive(copy, inserts, width);
            session.sync();
            out.begin('C').cstring("COPY " + rows).end();
        } finally {
            inserts.close();
        }
    }

    /** Read CopyData until CopyDone, inserting the rows; after an error, read on and discard. */
    private long receive(CopyStatement copy, CopyInserts inserts, int width) throws IOException {
        CopyFormat format = new CopyFormat(copy);
        byte[] pending = new byte[0];
        int pendingLength = 0;
        PgException error = null;
        long rows = 0;
        long line = 0;
        boolean ended = false;
        boolean headerSkipped = !copy.header();
        while (true) {
            MessageReader.Message m = in.read();
            if (m == null) {
                throw new java.io.EOFException("unexpected EOF on client connection with an open transaction");
            }
            switch (m.type()) {
                case 'd' -> {
                    if (error != null || ended) {
                        continue;
                    }
                    // Most clients send one line per message: only a partial line is carried over.
                    byte[] buf = m.body();
                    if (pendingLength > 0) {
                        byte[] joined = Arrays.copyOf(pending, pendingLength + buf.length);
                        System.arraycopy(buf, 0, joined, pendingLength, buf.length);
                        buf = joined;
                    }
                    int start = 0;
                    for (int i = 0; i < buf.length && error == null && !ended; i++) {
                        if (buf[i] != '\n') {
                            continue;
                        }
                        int end = i > start && buf[i - 1] == '\r' ? i - 1 : i;
                        String text = new String(buf, start, end - start, StandardCharsets.UTF_8);
                        if (format.incomplete(text)) {
                            continue;
                        }
                        start = i + 1;
                        line++;
                        if (text.equals("\\.")) {
                            ended = true;
                            break;
                        }
                        if (!headerSkipped) {
                            headerSkipped = true;
                            continue;
                        }
                        try {
                            insertRow(format.parse(text), inserts, width, copy, line);
                            rows++;
                        } catch (PgException e) {
                            error = e;
                        }
                    }
                    pendingLength = 0;
                    if (error == null && !ended && start < buf.length) {
                        pending = Arrays.copyOfRange(buf, start, buf.length);
                        pendingLength = pending.length;
                    }
                }
                case 'c' -> {
                    if (error == null && !ended && pendingLength > 0) {
                        // A last line without its newline.
                        String text = new String(pending, 0, pendingLength, StandardCharsets.UTF_8);
                        line++;
                        if (!text.equals("\\.") && headerSkipped) {
                            try {
                                insertRow(format.parse(text), inserts, width, copy, line);
                                rows++;
                            } catch (PgException e) {
                                error = e;
                            }
                        }
                    }
                    if (error == null) {
                        try {
                            inserts.flush();
                        } catch (PgException e) {
                            error = e;
                        }
                    }
                    if (error != null) {
                        throw error;
                    }
                    return rows;
                }
                case 'f' -> {
                    String reason = m.reader().cstring();
                    PgException e = PgException.error(SqlState.QUERY_CANCELED, "COPY from stdin failed: " + reason);
                    // Roll back what was inserted: the same path as an error in a statement.
                    session.transaction().onError();
                    throw e;
                }
                case 'H', 'S' -> {
                    // Flush and Sync mean nothing during COPY IN.
                }
                default -> throw PgException.fatal(SqlState.PROTOCOL_VIOLATION, "unexpected message type 0x"
                        + Integer.toHexString(m.type()) + " during COPY from stdin");
            }
        }
    }

    private void insertRow(List<String> fields, CopyInserts inserts, int width, CopyStatement copy, long line) {
        if (fields.size() != width) {
            String what = fields.size() < width ? "missing data for column" : "extra data after last expected column";
            session.transaction().onError();
            throw PgException.error("22P04", fields.size() < width ? what + " " + (fields.size() + 1) : what)
                    .withDetail("COPY " + copy.table() + ", line " + line);
        }
        inserts.add(fields);
    }
}
