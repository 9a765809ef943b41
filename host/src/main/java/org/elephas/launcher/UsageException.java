package org.elephas.launcher;

/**
 * The command line is wrong. The launcher prints the message, then
 * {@code Try "elephas --help" for more information.}, and exits with status 1.
 */
public final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    /** @param message what is wrong, without the program name */
    public UsageException(String message) {
        super(message);
    }
}
