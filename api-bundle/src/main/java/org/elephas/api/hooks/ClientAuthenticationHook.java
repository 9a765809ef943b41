package org.elephas.api.hooks;

/**
 * {@code ClientAuthentication_hook}: called after each authentication attempt, before success
 * or failure is reported to the client. A hook may reject a client that authenticated by
 * throwing a {@link org.elephas.api.PgException} (FATAL); it cannot admit one that failed.
 * The standard implementation does nothing.
 */
@FunctionalInterface
public interface ClientAuthenticationHook {

    /** The rest of the chain. */
    @FunctionalInterface
    interface Next {
        /**
         * @param port the connection
         * @param status the outcome so far
         */
        void clientAuthentication(Port port, AuthStatus status);
    }

    /**
     * @param port the connection
     * @param status the outcome so far
     * @param next the rest of the chain
     */
    void clientAuthentication(Port port, AuthStatus status, Next next);
}
