package org.elephas.api.spi;

import org.elephas.api.host.HostAccess;

/**
 * PostgreSQL's Server Programming Interface: run SQL from extension code (a function called from
 * SQL, a hook, a background worker connected to a database) through the host's whole pipeline,
 * one nesting level deeper than the caller.
 *
 * <pre>{@code
 * Spi.connect();
 * try {
 *     SpiResult r = Spi.execute("SELECT count(*) FROM t", true, 0);
 *     long n = r.getLong(0, 1);
 * } finally {
 *     Spi.finish();
 * }
 * }</pre>
 *
 * <p>Calls nest: code called from a statement that SPI runs may connect again; each
 * {@link #connect()} needs its {@link #finish()}. Statements run in the caller's transaction.
 * Only a background worker's own top level (not a statement it runs) is a non-atomic context
 * where {@link #commit()} and {@link #rollback()} may end the transaction.
 *
 * <p>Unlike PostgreSQL, rows come back in the returned {@link SpiResult}, not in globals.
 */
public final class Spi {

    private Spi() {
    }

    /**
     * {@code SPI_connect}: start using SPI at a new nesting level.
     *
     * @throws SpiException {@link SpiStatus#ERROR_CONNECT} when the caller is neither running a
     *     statement in a session nor a background worker connected to a database
     */
    public static void connect() {
        HostAccess.host().spi().connect();
    }

    /**
     * {@code SPI_finish}: stop using SPI at the current level.
     *
     * @throws SpiException {@link SpiStatus#ERROR_UNCONNECTED} without a matching {@link #connect()}
     */
    public static void finish() {
        HostAccess.host().spi().finish();
    }

    /**
     * {@code SPI_execute}: run one or more statements; the result is the last one's.
     *
     * @param sql the statements
     * @param readOnly true to allow only read-only statements (as a {@code STABLE} or
     *     {@code IMMUTABLE} function must): anything else fails with 0A000
     *     {@code <command> is not allowed in a non-volatile function}
     * @param count the most rows to return, 0 for all
     * @return the status, row count and rows
     * @throws SpiException for {@code SPI_ERROR_*} conditions
     * @throws org.elephas.api.PgException the statement's error
     */
    public static SpiResult execute(String sql, boolean readOnly, long count) {
        return executeWithArgs(sql, null, null, readOnly, count);
    }

    /**
     * {@code SPI_execute_with_args}: run statements with {@code $1, $2, ...} parameters.
     *
     * @param sql the statements
     * @param argTypes PostgreSQL type names of the parameters ({@code int4}, {@code text}, ...),
     *     each value converted to it; null to bind the values as they are
     * @param values the parameter values, null elements for SQL NULL; null for none
     * @param readOnly see {@link #execute}
     * @param count the most rows to return, 0 for all
     * @return the status, row count and rows
     * @throws SpiException for {@code SPI_ERROR_*} conditions
     * @throws org.elephas.api.PgException the statement's error
     */
    public static SpiResult executeWithArgs(String sql, String[] argTypes, Object[] values, boolean readOnly,
            long count) {
        if (sql == null || count < 0 || (argTypes != null && (values == null || argTypes.length != values.length))) {
            throw new SpiException(SpiStatus.ERROR_ARGUMENT, org.elephas.api.SqlState.INVALID_PARAMETER_VALUE,
                    "invalid SPI argument: " + (sql == null ? "no statement" : count < 0 ? "negative count"
                            : "argument types and values differ in number"));
        }
        return HostAccess.host().spi().execute(sql, argTypes, values, readOnly, count);
    }

    /**
     * {@code SPI_commit}: commit the current transaction and start a new one. Only in a
     * non-atomic context: a background worker's own top level.
     *
     * @throws org.elephas.api.PgException 2D000 {@code invalid transaction termination} elsewhere
     */
    public static void commit() {
        HostAccess.host().spi().commit();
    }

    /**
     * {@code SPI_rollback}: roll back the current transaction and start a new one. Only in a
     * non-atomic context, like {@link #commit()}.
     *
     * @throws org.elephas.api.PgException 2D000 {@code invalid transaction termination} elsewhere
     */
    public static void rollback() {
        HostAccess.host().spi().rollback();
    }
}
