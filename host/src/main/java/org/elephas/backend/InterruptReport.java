package org.elephas.backend;

import org.elephas.api.LogLevel;
import org.elephas.api.PgException;

/**
 * The error {@code CHECK_FOR_INTERRUPTS} raises for a pending termination or cancel. It carries
 * no stack trace: where the backend happened to check says nothing to the user (PostgreSQL
 * reports these without one too), and filling one in was a visible share of stopping many
 * workers at once.
 */
final class InterruptReport extends PgException {

    private static final long serialVersionUID = 1L;

    InterruptReport(LogLevel level, String sqlState, String message) {
        super(level, sqlState, message, null, null, null);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
