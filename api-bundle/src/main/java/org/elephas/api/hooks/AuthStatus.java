package org.elephas.api.hooks;

/** The outcome of an authentication attempt ({@code STATUS_OK} / {@code STATUS_ERROR}). */
public enum AuthStatus {
    /** The client proved who it is. */
    OK,
    /** It did not; the connection will be refused. */
    ERROR
}
