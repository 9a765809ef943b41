package org.elephas.api.spi;

import org.elephas.api.LogLevel;
import org.elephas.api.PgException;

/**
 * An SPI call that PostgreSQL answers with a negative {@code SPI_ERROR_*} code rather than an
 * SQL error: called while not connected, transaction control through {@link Spi#execute},
 * {@code COPY}, a bad argument or column number. SQL errors of the statements themselves are
 * plain {@link PgException}s with the statement's SQLSTATE.
 */
public class SpiException extends PgException {
    private static final long serialVersionUID = 1L;

    private final transient SpiStatus status;

    /**
     * @param status the {@code SPI_ERROR_*} code
     * @param sqlState the SQLSTATE reported if the caller lets it escape
     * @param message what went wrong
     */
    public SpiException(SpiStatus status, String sqlState, String message) {
        super(LogLevel.ERROR, sqlState, message, null, null, null);
        this.status = status;
    }

    /** @return the {@code SPI_ERROR_*} code */
    public SpiStatus status() {
        return status;
    }
}
