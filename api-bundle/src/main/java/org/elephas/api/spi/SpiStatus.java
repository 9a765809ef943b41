package org.elephas.api.spi;

/**
 * PostgreSQL's SPI result codes ({@code SPI_OK_*} and {@code SPI_ERROR_*}), with their numeric
 * values from {@code spi.h}. A successful {@link Spi#execute} reports one of the {@code OK_}
 * codes; the {@code ERROR_} codes are carried by {@link SpiException}.
 */
public enum SpiStatus {
    /** {@code SPI_OK_CONNECT}. */
    OK_CONNECT(1),
    /** {@code SPI_OK_FINISH}. */
    OK_FINISH(2),
    /** {@code SPI_OK_FETCH}. */
    OK_FETCH(3),
    /** {@code SPI_OK_UTILITY}: a utility statement (DDL, {@code SET}, ...). */
    OK_UTILITY(4),
    /** {@code SPI_OK_SELECT}: a query; the rows are in the result. */
    OK_SELECT(5),
    /** {@code SPI_OK_SELINTO}. */
    OK_SELINTO(6),
    /** {@code SPI_OK_INSERT}. */
    OK_INSERT(7),
    /** {@code SPI_OK_DELETE}. */
    OK_DELETE(8),
    /** {@code SPI_OK_UPDATE}. */
    OK_UPDATE(9),
    /** {@code SPI_OK_CURSOR}. */
    OK_CURSOR(10),
    /** {@code SPI_OK_INSERT_RETURNING}: an INSERT that returned rows. */
    OK_INSERT_RETURNING(11),
    /** {@code SPI_OK_DELETE_RETURNING}: a DELETE that returned rows. */
    OK_DELETE_RETURNING(12),
    /** {@code SPI_OK_UPDATE_RETURNING}: an UPDATE that returned rows. */
    OK_UPDATE_RETURNING(13),
    /** {@code SPI_OK_REWRITTEN}. */
    OK_REWRITTEN(14),
    /** {@code SPI_OK_MERGE}. */
    OK_MERGE(18),
    /** {@code SPI_ERROR_CONNECT}. */
    ERROR_CONNECT(-1),
    /** {@code SPI_ERROR_COPY}: {@code COPY} is not available through SPI. */
    ERROR_COPY(-2),
    /** {@code SPI_ERROR_OPUNKNOWN}. */
    ERROR_OPUNKNOWN(-3),
    /** {@code SPI_ERROR_UNCONNECTED}: called without {@link Spi#connect()}. */
    ERROR_UNCONNECTED(-4),
    /** {@code SPI_ERROR_ARGUMENT}: a bad argument (null statement, negative count, ...). */
    ERROR_ARGUMENT(-6),
    /** {@code SPI_ERROR_PARAM}. */
    ERROR_PARAM(-7),
    /** {@code SPI_ERROR_TRANSACTION}: transaction control statements cannot run through SPI. */
    ERROR_TRANSACTION(-8),
    /** {@code SPI_ERROR_NOATTRIBUTE}: no such column. */
    ERROR_NOATTRIBUTE(-9);

    private final int code;

    SpiStatus(int code) {
        this.code = code;
    }

    /** @return PostgreSQL's numeric code */
    public int code() {
        return code;
    }

    /** @return PostgreSQL's name, e.g. {@code SPI_OK_SELECT} */
    public String pgName() {
        return "SPI_" + name();
    }
}
