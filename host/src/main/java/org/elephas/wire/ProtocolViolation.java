package org.elephas.wire;

import java.io.IOException;

/**
 * The client broke the protocol (a bad length, a truncated or unknown message): the connection
 * ends with a log line, nothing else is affected.
 */
public final class ProtocolViolation extends IOException {
    private static final long serialVersionUID = 1L;

    /** @param message what was wrong, as PostgreSQL words it */
    public ProtocolViolation(String message) {
        super(message);
    }
}
