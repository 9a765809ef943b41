package org.elephas.utility;

import java.util.ArrayList;
import java.util.List;

import org.elephas.api.sql.Column;
import org.elephas.api.sql.CommandType;
import org.elephas.api.sql.DestReceiver;

/** Sends rows of text columns to a receiver, for host statements that return rows. */
public final class TextRows {
    private TextRows() {
    }

    /**
     * @param dest the receiver
     * @param columnNames the columns, all of type text
     * @param rows the rows
     */
    public static void send(DestReceiver dest, List<String> columnNames, List<String[]> rows) {
        List<Column> columns = new ArrayList<>(columnNames.size());
        for (String name : columnNames) {
            columns.add(new Column(name, 25, "text", -1));
        }
        dest.startup(CommandType.UTILITY, columns);
        for (String[] row : rows) {
            if (!dest.receive(row.clone())) {
                break;
            }
        }
        dest.shutdown();
    }
}
