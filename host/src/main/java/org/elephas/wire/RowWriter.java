package org.elephas.wire;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Supplier;

import org.elephas.api.PgException;
import org.elephas.api.SqlState;
import org.elephas.api.sql.Column;
import org.elephas.api.sql.CommandType;
import org.elephas.api.sql.QueryCompletion;
import org.elephas.session.ClientOutput;

/**
 * Sends a statement's results: RowDescription (in the simple protocol; Describe sends it in
 * the extended one), a DataRow per row in each column's format, CommandComplete or
 * EmptyQueryResponse. Rows stream to the socket as they come; the buffer is written out
 * whenever it grows past a limit.
 */
final class RowWriter implements ClientOutput {
    private static final int FLUSH_AT = 64 * 1024;

    private final MessageWriter out;
    private final boolean describe;
    private final short[] formats;
    private final Supplier<ZoneId> zone;
    private List<Column> columns = List.of();
    private ZoneId currentZone;

    /**
     * @param out the writer
     * @param describe send RowDescription at each result's start
     * @param formats the Bind message's result format codes (empty: all text; one: for all)
     * @param zone the session's TimeZone
     */
    RowWriter(MessageWriter out, boolean describe, short[] formats, Supplier<ZoneId> zone) {
        this.out = out;
        this.describe = describe;
        this.formats = formats;
        this.zone = zone;
    }

    /**
     * @param out the writer
     * @param columns the columns, or null for NoData
     * @param formats result format codes
     */
    static void rowDescription(MessageWriter out, List<Column> columns, short[] formats) {
        if (columns == null) {
            out.empty('n');
            return;
        }
        out.begin('T').int16(columns.size());
        for (int i = 0; i < columns.size(); i++) {
            Column c = columns.get(i);
            out.cstring(c.name()).int32(c.tableOid()).int16(c.columnNumber()).int32(c.typeOid()).int16(c.typeSize()).int32(-1)
                    .int16(format(formats, i));
        }
        out.end();
    }

    static int format(short[] formats, int column) {
        return formats.length == 0 ? 0 : formats.length == 1 ? formats[0] : formats[column];
    }

    /**
     * @param formats result format codes
     * @param columns the columns
     * @throws PgException when binary is asked for a type without binary output
     */
    static void checkFormats(short[] formats, List<Column> columns) {
        if (columns == null) {
            return;
        }
        if (formats.length > 1 && formats.length != columns.size()) {
            throw PgException.error(SqlState.PROTOCOL_VIOLATION, "bind message has " + formats.length
                    + " result formats but query has " + columns.size() + " columns");
        }
        for (int i = 0; i < columns.size(); i++) {
            int f = format(formats, i);
            if (f != 0 && f != 1) {
                throw PgException.error(SqlState.INVALID_PARAMETER_VALUE, "unsupported format code: " + f);
            }
            if (f == 1 && !BinaryEncoder.supports(columns.get(i).typeOid())) {
                throw PgException.error("42883", "no binary output function available for type "
                        + columns.get(i).typeName());
            }
        }
    }

    @Override
    public void startup(CommandType operation, List<Column> cols) {
        this.columns = cols;
        this.currentZone = zone.get();
        if (describe && !cols.isEmpty()) {
            rowDescription(out, cols, formats);
        }
    }

    @Override
    public boolean receive(Object[] row) {
        out.begin('D').int16(row.length);
        for (int i = 0; i < row.length; i++) {
            Object v = row[i];
            if (v == null) {
                out.int32(-1);
                continue;
            }
            int type = i < columns.size() ? columns.get(i).typeOid() : 25;
            byte[] b = format(formats, i) == 1 ? BinaryEncoder.encode(v, type)
                    : TextEncoder.encode(v, type, currentZone).getBytes(StandardCharsets.UTF_8);
            out.int32(b.length).bytes(b);
        }
        out.end();
        if (out.buffered() > FLUSH_AT) {
            try {
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return true;
    }

    @Override
    public void shutdown() {
    }

    @Override
    public void commandComplete(QueryCompletion completion) {
        out.begin('C').cstring(completion.toString()).end();
    }

    @Override
    public void emptyQuery() {
        out.empty('I');
    }
}
