package org.elephas.spi;

import java.util.ArrayList;
import java.util.List;

import org.elephas.api.sql.Column;
import org.elephas.api.sql.CommandType;
import org.elephas.api.sql.DestReceiver;

/**
 * {@code SPI_tuptable}'s receiver: keeps one statement's rows in memory, as SPI does, up to the
 * caller's count (then it asks the executor to stop).
 */
final class SpiTupleCollector implements DestReceiver {
    private final long count;
    private List<Column> columns = List.of();
    private final List<Object[]> rows = new ArrayList<>();

    /** @param count the most rows to keep, 0 for all */
    SpiTupleCollector(long count) {
        this.count = count;
    }

    @Override
    public void startup(CommandType operation, List<Column> resultColumns) {
        this.columns = resultColumns;
        rows.clear();
    }

    @Override
    public boolean receive(Object[] row) {
        rows.add(row);
        return count == 0 || rows.size() < count;
    }

    @Override
    public void shutdown() {
    }

    List<Column> columns() {
        return columns;
    }

    List<Object[]> rows() {
        return rows;
    }
}
