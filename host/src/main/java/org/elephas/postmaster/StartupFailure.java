package org.elephas.postmaster;

/**
 * The server cannot start: the launcher logs the message as FATAL and exits non-zero.
 */
public final class StartupFailure extends Exception {
    private static final long serialVersionUID = 1L;

    private final String detail;
    private final String hint;

    /**
     * @param message the FATAL message
     * @param detail detail or null
     * @param hint hint or null
     * @param cause cause or null
     */
    public StartupFailure(String message, String detail, String hint, Throwable cause) {
        super(message, cause);
        this.detail = detail;
        this.hint = hint;
    }

    /** @return detail or null */
    public String detail() {
        return detail;
    }

    /** @return hint or null */
    public String hint() {
        return hint;
    }
}
