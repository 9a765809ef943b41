package org.elephas.api.spi;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.elephas.api.SqlState;
import org.elephas.api.sql.Column;

/**
 * What {@link Spi#execute} returns: PostgreSQL's return code, {@code SPI_processed} and
 * {@code SPI_tuptable} in one value. Rows are numbered from 0 ({@code SPI_tuptable->vals[i]})
 * and columns from 1 ({@code SPI_getbinval}'s {@code fnumber}). Values are the engine's Java
 * values ({@link Integer} for int4, {@link Long} for int8, {@link String} for text,
 * {@link Boolean}, {@link Double}, {@link java.math.BigDecimal}, arrays as {@code Object[]}, ...);
 * SQL NULL is {@code null}.
 */
public final class SpiResult {
    private final SpiStatus status;
    private final long processed;
    private final List<Column> columns;
    private final List<Object[]> rows;

    /**
     * Made by the host.
     *
     * @param status the {@code SPI_OK_*} code
     * @param processed {@code SPI_processed}: rows returned, or rows affected
     * @param columns the tuple descriptor (empty when the statement returns no rows)
     * @param rows the returned rows
     */
    public SpiResult(SpiStatus status, long processed, List<Column> columns, List<Object[]> rows) {
        this.status = Objects.requireNonNull(status, "status");
        this.processed = processed;
        this.columns = List.copyOf(columns);
        this.rows = new ArrayList<>(rows);
    }

    /** @return the {@code SPI_OK_*} code */
    public SpiStatus status() {
        return status;
    }

    /** @return {@code SPI_processed}: rows returned by a query, or rows inserted, updated or deleted */
    public long processed() {
        return processed;
    }

    /** @return the result's columns ({@code SPI_tuptable->tupdesc}), empty when no rows come back */
    public List<Column> columns() {
        return columns;
    }

    /** @return the number of rows in the tuple table */
    public int rowCount() {
        return rows.size();
    }

    /**
     * {@code SPI_fnumber}: a column's number.
     *
     * @param name a column name
     * @return its number, from 1
     * @throws SpiException {@link SpiStatus#ERROR_NOATTRIBUTE} when there is no such column
     */
    public int columnNumber(String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(name)) {
                return i + 1;
            }
        }
        throw new SpiException(SpiStatus.ERROR_NOATTRIBUTE, SqlState.UNDEFINED_COLUMN,
                "column \"" + name + "\" does not exist in the SPI result");
    }

    /**
     * {@code SPI_getbinval}.
     *
     * @param row a row, from 0
     * @param column a column, from 1
     * @return the value, null for SQL NULL
     * @throws SpiException {@link SpiStatus#ERROR_NOATTRIBUTE} for a bad column number
     * @throws IndexOutOfBoundsException for a bad row number
     */
    public Object getValue(int row, int column) {
        Object[] values = rows.get(row);
        if (column < 1 || column > values.length) {
            throw new SpiException(SpiStatus.ERROR_NOATTRIBUTE, SqlState.UNDEFINED_COLUMN,
                    "column number " + column + " is out of range 1.." + values.length);
        }
        return values[column - 1];
    }

    /**
     * @param row a row, from 0
     * @param column a column, from 1
     * @return whether the value is SQL NULL ({@code SPI_getbinval}'s {@code isnull})
     */
    public boolean isNull(int row, int column) {
        return getValue(row, column) == null;
    }

    /**
     * @param row a row, from 0
     * @param column a column, from 1
     * @return the value as an int; 0 for NULL, as JDBC does
     * @throws ClassCastException when the value is not a number
     */
    public int getInt(int row, int column) {
        Object v = getValue(row, column);
        return v == null ? 0 : ((Number) v).intValue();
    }

    /**
     * @param row a row, from 0
     * @param column a column, from 1
     * @return the value as a long; 0 for NULL
     * @throws ClassCastException when the value is not a number
     */
    public long getLong(int row, int column) {
        Object v = getValue(row, column);
        return v == null ? 0 : ((Number) v).longValue();
    }

    /**
     * @param row a row, from 0
     * @param column a column, from 1
     * @return the value as a double; 0 for NULL
     * @throws ClassCastException when the value is not a number
     */
    public double getDouble(int row, int column) {
        Object v = getValue(row, column);
        return v == null ? 0 : ((Number) v).doubleValue();
    }

    /**
     * @param row a row, from 0
     * @param column a column, from 1
     * @return the value as a boolean; false for NULL
     * @throws ClassCastException when the value is not a boolean
     */
    public boolean getBoolean(int row, int column) {
        Object v = getValue(row, column);
        return v != null && (Boolean) v;
    }

    /**
     * {@code SPI_getvalue}: the value as text.
     *
     * @param row a row, from 0
     * @param column a column, from 1
     * @return its text, null for NULL
     */
    public String getString(int row, int column) {
        Object v = getValue(row, column);
        return v == null ? null : v.toString();
    }

    @Override
    public String toString() {
        return status.pgName() + " processed=" + processed + " columns=" + columns.size() + " rows=" + rows.size();
    }
}
