package org.elephas.guc;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.elephas.log.ServerLog;

/** A server log captured in memory. */
final class TestLog {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final ServerLog log = new ServerLog(new PrintStream(bytes, true, StandardCharsets.UTF_8), () -> 4242);

    /** @return everything logged so far */
    String text() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** @return everything logged so far, then forget it */
    String take() {
        String t = text();
        bytes.reset();
        return t;
    }
}
