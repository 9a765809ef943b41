package org.elephas.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** SIGTERM, SIGINT and SIGHUP, sent to the server's PID as an administrator would. */
@Timeout(120)
class SignalsIT {
    private static final Pattern FAST_SHUTDOWN = Pattern.compile("LOG:  received fast shutdown request$");
    private static final Pattern RELOAD = Pattern.compile("LOG:  received SIGHUP, reloading configuration files$");

    @ParameterizedTest
    @ValueSource(strings = {"TERM", "INT"})
    void sigtermAndSigintAreAFastShutdownWithStatusZero(String signal) {
        Path data = ServerProcess.newDataDirectory("sig" + signal.toLowerCase(java.util.Locale.ROOT));
        try (ServerProcess server = ServerProcess.startReady(data)) {
            assertTrue(Files.exists(data.resolve("postmaster.pid")));
            server.signal(signal);
            assertEquals(0, server.awaitExit());
            server.awaitLogLine(FAST_SHUTDOWN, ServerProcess.TIMEOUT);
            assertFalse(Files.exists(data.resolve("postmaster.pid")), "the lock file is removed");
        }
    }

    @Test
    void sighupReloadsAndTheServerKeepsRunning() {
        Path data = ServerProcess.newDataDirectory("sighup");
        try (ServerProcess server = ServerProcess.startReady(data)) {
            server.signal("HUP");
            server.awaitLogLine(RELOAD, ServerProcess.TIMEOUT);
            int seen = server.log().size();
            server.signal("HUP"); // a second reload works as well
            server.awaitLogLine(RELOAD, seen, ServerProcess.TIMEOUT);
            assertTrue(server.isAlive(), () -> server.failure("SIGHUP ended the server").getMessage());

            server.signal("TERM");
            assertEquals(0, server.awaitExit());
        }
    }
}
