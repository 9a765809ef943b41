package org.elephas.guc;

import java.util.List;

import org.elephas.api.LogLevel;
import org.elephas.api.PgException;

/**
 * The configuration cannot be used to start the server: an unknown parameter, an invalid value
 * (in a file or on the command line), or a syntax error. The host reports it as {@code FATAL} and
 * does not start. The message is the first error's, in PostgreSQL's words; every error found is
 * in {@link #errors()}.
 */
public final class GucConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient List<PgException> errors;

    /** @param errors the errors found, at least one; the first becomes this exception's message */
    public GucConfigException(List<PgException> errors) {
        super(errors.get(0).getMessage(), errors.get(0));
        this.errors = List.copyOf(errors);
    }

    /** @return the SQLSTATE of the first error */
    public String sqlState() {
        return errors.get(0).sqlState();
    }

    /** @return the detail of the first error, or null */
    public String detail() {
        return errors.get(0).detail();
    }

    /** @return the hint of the first error, or null */
    public String hint() {
        return errors.get(0).hint();
    }

    /** @return every error found, in order */
    public List<PgException> errors() {
        return errors;
    }

    /** @return the first error as a FATAL report, ready for the server log */
    public PgException toFatal() {
        PgException first = errors.get(0);
        return new PgException(LogLevel.FATAL, first.sqlState(), first.getMessage(), first.detail(), first.hint(),
                this);
    }
}
