package org.elephas.engine;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.elephas.api.sql.Column;

/**
 * Where each result column comes from: the OID of the table (or view) and the column number
 * that RowDescription carries for a column read straight from a table, the same numbers
 * {@code pg_class} and {@code pg_attribute} show (pgjdbc's ResultSetMetaData looks them up
 * there). Expressions keep 0 and 0, as in PostgreSQL.
 *
 * <p>A table's numbers are looked up in the engine's catalog once and kept per engine
 * connection until a utility statement anywhere may have changed a table ({@link #changed()}),
 * so ordinary queries cost no catalog reads.
 */
public final class ColumnOrigins {
    /** The prefix of the temporary tables a data-modifying WITH runs through: no relation of the client's. */
    private static final String STATEMENT_TABLE = "elephas_cte_";
    private static final AtomicLong GENERATION = new AtomicLong();
    private static final Map<Connection, Cache> CACHES = Collections.synchronizedMap(new WeakHashMap<>());

    /** A table's OID (0: not found) and its columns' numbers. */
    private record Table(int oid, Map<String, Integer> numbers) {
    }

    /** What one connection looked up since a generation began. */
    private record Cache(long generation, Map<String, Table> tables) {
    }

    private ColumnOrigins() {
    }

    /** A statement that may have created, dropped, renamed or altered a table ran. */
    public static void changed() {
        GENERATION.incrementAndGet();
    }

    /** @return a number that changes whenever {@link #changed()} is called */
    public static long generation() {
        return GENERATION.get();
    }

    /**
     * @param columns a result's columns (from {@link PgTypes#columns})
     * @param md the result's metadata
     * @param connection the engine connection it came from
     * @return the columns, those read from a table with its OID and their number
     */
    public static List<Column> resolve(List<Column> columns, ResultSetMetaData md, Connection connection) {
        List<Column> out = null;
        try {
            for (int i = 0; i < columns.size(); i++) {
                String table = md.getTableName(i + 1);
                if (table == null || table.isEmpty() || table.startsWith(STATEMENT_TABLE)) {
                    continue;
                }
                Table t = table(connection, md.getSchemaName(i + 1), table);
                Integer number = t.numbers().get(md.getColumnName(i + 1));
                if (t.oid() == 0 || number == null) {
                    continue;
                }
                if (out == null) {
                    out = new ArrayList<>(columns);
                }
                out.set(i, columns.get(i).withOrigin(t.oid(), number));
            }
        } catch (SQLException e) {
            // The origins are a courtesy to clients: a result without them is still a result.
            return columns;
        }
        return out == null ? columns : out;
    }

    private static Table table(Connection connection, String schema, String name) throws SQLException {
        long generation = GENERATION.get();
        Cache cache = CACHES.get(connection);
        if (cache == null || cache.generation() != generation) {
            cache = new Cache(generation, new HashMap<>());
            CACHES.put(connection, cache);
        }
        String key = schema + '.' + name;
        Table t = cache.tables().get(key);
        if (t == null) {
            t = lookUp(connection, schema, name);
            cache.tables().put(key, t);
        }
        return t;
    }

    private static Table lookUp(Connection connection, String schema, String name) throws SQLException {
        int oid = 0;
        // The engine's own pg_catalog numbers its objects; the host shows 16384 + that number.
        try (PreparedStatement ps = connection.prepareStatement("SELECT c.oid FROM pg_catalog.pg_class c "
                + "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE n.nspname = ? AND c.relname = ? AND c.relkind <> 'i'")) {
            ps.setString(1, schema);
            ps.setString(2, name);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    oid = RelationOids.of(schema, name, rs.getInt(1));
                }
            }
        }
        Map<String, Integer> numbers = new HashMap<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT column_name, ordinal_position "
                + "FROM information_schema.columns WHERE table_schema = ? AND table_name = ?")) {
            ps.setString(1, schema);
            ps.setString(2, name);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    numbers.put(rs.getString(1), rs.getInt(2));
                }
            }
        }
        return new Table(oid, numbers);
    }
}
