package org.elephas.api.hooks;

/**
 * The client connection being authenticated (what {@code ClientAuthentication_hook} reads of
 * PostgreSQL's {@code Port}).
 *
 * @param databaseName the database asked for
 * @param userName the role asked for
 * @param remoteHost the client's address, or null for an in-process session
 * @param remotePort the client's port, 0 for an in-process session
 * @param applicationName the application name the client sent, or ""
 * @param authMethod the hba method that applied ({@code trust}, {@code scram-sha-256}, ...)
 */
public record Port(String databaseName, String userName, String remoteHost, int remotePort, String applicationName,
        String authMethod) {
}
