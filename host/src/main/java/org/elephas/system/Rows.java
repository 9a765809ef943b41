package org.elephas.system;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;

import org.h2.tools.SimpleResultSet;

/**
 * The result of a table function behind a system view: its columns, with engine types chosen so
 * that clients see PostgreSQL's ({@code text}, {@code int4} for {@code oid}s, {@code bool},
 * {@code timestamptz}, {@code text[]}), and its rows.
 *
 * <p>The engine calls a table function once while compiling a statement, with a connection whose
 * URL is {@code jdbc:columnlist:connection}, to learn the columns; {@link #columnsOnly} tells that
 * call apart so that it does no work.
 */
final class Rows {
    private static final String COLUMN_LIST_URL = "jdbc:columnlist:connection";

    private final SimpleResultSet result = new SimpleResultSet();

    /**
     * @param connection the connection the engine passed
     * @return whether the engine only asks for the columns
     * @throws SQLException from the driver
     */
    static boolean columnsOnly(Connection connection) throws SQLException {
        return COLUMN_LIST_URL.equals(connection.getMetaData().getURL());
    }

    Rows text(String name) {
        result.addColumn(name, Types.VARCHAR, Integer.MAX_VALUE, 0);
        return this;
    }

    Rows integer(String name) {
        result.addColumn(name, Types.INTEGER, 32, 0);
        return this;
    }

    /** An {@code oid} column: PostgreSQL's unsigned 32-bit OIDs, shown as integers. */
    Rows oid(String name) {
        return integer(name);
    }

    Rows bigint(String name) {
        result.addColumn(name, Types.BIGINT, 64, 0);
        return this;
    }

    Rows float8(String name) {
        result.addColumn(name, Types.DOUBLE, 17, 0);
        return this;
    }

    Rows bool(String name) {
        result.addColumn(name, Types.BOOLEAN, 1, 0);
        return this;
    }

    Rows timestamptz(String name) {
        result.addColumn(name, Types.TIMESTAMP_WITH_TIMEZONE, 35, 6);
        return this;
    }

    Rows textArray(String name) {
        result.addColumn(name, Types.ARRAY, "CHARACTER VARYING ARRAY", 0, 0);
        return this;
    }

    Rows smallintArray(String name) {
        result.addColumn(name, Types.ARRAY, "SMALLINT ARRAY", 0, 0);
        return this;
    }

    /** @param values one value per column, in order */
    void add(Object... values) {
        result.addRow(values);
    }

    /** @return the result for the engine */
    ResultSet result() {
        return result;
    }

    /**
     * The result of a table function whose rows are computed once per statement: nothing is
     * computed when the engine only asks for the columns.
     *
     * @param connection the connection the engine passed
     * @param rows computes the rows (one value per column, in order)
     * @return the result for the engine
     * @throws SQLException from the engine
     */
    ResultSet resultOf(Connection connection, CatalogRelations.Computation<List<Object[]>> rows) throws SQLException {
        if (!columnsOnly(connection)) {
            for (Object[] row : rows.compute(connection)) {
                result.addRow(row);
            }
        }
        return result;
    }

    /**
     * @param epochMillis a time, 0 for none
     * @param zone the session's time zone
     * @return the time in that zone, or null
     */
    static OffsetDateTime time(long epochMillis, ZoneId zone) {
        return epochMillis == 0 ? null : Instant.ofEpochMilli(epochMillis).atZone(zone).toOffsetDateTime();
    }

    /**
     * @param values a list, or null
     * @return it as an engine array value, or null
     */
    static Object[] array(List<String> values) {
        return values == null ? null : values.toArray();
    }

    /** @return the calling session's time zone ({@code TimeZone}), for timestamps */
    static ZoneId sessionZone() {
        Object tz = Caller.gucs().value("timezone");
        try {
            return tz == null ? ZoneId.systemDefault() : ZoneId.of((String) tz, ZoneId.SHORT_IDS);
        } catch (java.time.DateTimeException e) {
            return ZoneId.systemDefault();
        }
    }
}
