package org.elephas.function;

import java.sql.ResultSet;
import java.sql.Types;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

import org.elephas.api.PgException;
import org.elephas.api.SqlState;
import org.h2.tools.SimpleResultSet;

/**
 * Turns what a set-returning Java function returned into the result set the engine reads as a
 * table: the function returns its rows as an {@code Iterable}, {@code Iterator} or
 * {@code Stream} of {@code Object[]} (one element per declared column, in order), and each value
 * is converted to its column's type as a scalar function's result is.
 */
final class SetResults {
    /** The URL of the connection the engine passes when it asks only for the columns. */
    static final String COLUMN_LIST_URL = "jdbc:columnlist:connection";

    private SetResults() {
    }

    /**
     * @param f a set-returning function
     * @return no rows, with its columns
     */
    static ResultSet empty(JavaFunction f) {
        SimpleResultSet rs = new SimpleResultSet();
        for (JavaFunction.ResultColumn c : f.resultColumns()) {
            rs.addColumn(c.name(), sqlType(c.type()), 0, 0);
        }
        return rs;
    }

    /**
     * @param f a set-returning function
     * @param returned what its method returned; null for no rows
     * @return the rows
     * @throws PgException 42804 when the method returned something else, or a row of the wrong width
     */
    static ResultSet of(JavaFunction f, Object returned) {
        SimpleResultSet rs = (SimpleResultSet) empty(f);
        if (returned == null) {
            return rs;
        }
        Iterator<?> rows;
        if (returned instanceof Iterable<?> iterable) {
            rows = iterable.iterator();
        } else if (returned instanceof Iterator<?> iterator) {
            rows = iterator;
        } else if (returned instanceof Stream<?> stream) {
            rows = stream.iterator();
        } else {
            throw PgException.error(SqlState.DATATYPE_MISMATCH, "function " + f.signature()
                    + " must return its rows as an Iterable, Iterator or Stream of Object[], not "
                    + returned.getClass().getName());
        }
        List<JavaFunction.ResultColumn> columns = f.resultColumns();
        while (rows.hasNext()) {
            Object row = rows.next();
            if (!(row instanceof Object[] values) || values.length != columns.size()) {
                throw PgException.error(SqlState.DATATYPE_MISMATCH, "function " + f.signature()
                        + " returned a row that is not an Object[] of " + columns.size() + " values");
            }
            Object[] converted = new Object[values.length];
            for (int i = 0; i < values.length; i++) {
                converted[i] = columns.get(i).type().convert(values[i]);
            }
            rs.addRow(converted);
        }
        return rs;
    }

    private static int sqlType(SqlType type) {
        if (type.isArray()) {
            return Types.ARRAY;
        }
        return switch (type.name()) {
            case "int2" -> Types.SMALLINT;
            case "int4" -> Types.INTEGER;
            case "int8", "oid" -> Types.BIGINT;
            case "bool" -> Types.BOOLEAN;
            case "float4" -> Types.REAL;
            case "float8" -> Types.DOUBLE;
            case "numeric" -> Types.NUMERIC;
            case "bytea" -> Types.VARBINARY;
            case "timestamptz" -> Types.TIMESTAMP_WITH_TIMEZONE;
            default -> Types.VARCHAR;
        };
    }
}
