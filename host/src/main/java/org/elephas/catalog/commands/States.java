package org.elephas.catalog.commands;

/** SQLSTATEs the catalog commands raise that the API's {@code SqlState} does not name. */
final class States {
    /** {@code ERRCODE_RESERVED_NAME}. */
    static final String RESERVED_NAME = "42939";
    /** {@code ERRCODE_INVALID_GRANT_OPERATION}. */
    static final String INVALID_GRANT_OPERATION = "0LP01";
    /** {@code ERRCODE_WARNING_PRIVILEGE_NOT_GRANTED}. */
    static final String PRIVILEGE_NOT_GRANTED = "01007";
    /** {@code ERRCODE_WARNING_PRIVILEGE_NOT_REVOKED}. */
    static final String PRIVILEGE_NOT_REVOKED = "01006";

    private States() {
    }
}
