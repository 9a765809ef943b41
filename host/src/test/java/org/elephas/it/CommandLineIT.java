package org.elephas.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** bin/elephas answers that do not start a server. */
@Timeout(120)
class CommandLineIT {

    @Test
    void version() {
        try (ServerProcess run = ServerProcess.builder().noPort().args("--version").start()) {
            assertEquals(0, run.awaitExit());
            List<String> out = run.output();
            assertEquals(2, out.size(), () -> run.failure("two lines expected").getMessage());
            assertTrue(out.get(0).matches("elephas \\(Elephas\\) \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?"), out.get(0));
            assertEquals("modelled on PostgreSQL 15", out.get(1));
            assertEquals(List.of(), run.log());
        }
    }

    @Test
    void help() {
        try (ServerProcess run = ServerProcess.builder().noPort().args("--help").start()) {
            assertEquals(0, run.awaitExit());
            List<String> out = run.output();
            assertTrue(out.contains("Usage:"), () -> run.failure("no usage").getMessage());
            assertTrue(out.contains("  -D DATADIR         database directory"), out::toString);
            assertTrue(out.contains("  -p PORT            port number to listen on"), out::toString);
            assertTrue(out.contains("  -c NAME=VALUE      set run-time parameter"), out::toString);
            assertEquals(List.of(), run.log());
        }
    }

    @Test
    void badOption() {
        try (ServerProcess run = ServerProcess.builder().dataDirectory(ServerProcess.newDataDirectory("bad-option"))
                .args("-Z").start()) {
            assertEquals(1, run.awaitExit());
            assertEquals(List.of("elephas: invalid option -- 'Z'", "Try \"elephas --help\" for more information."),
                    run.log());
            assertTrue(run.output().isEmpty());
        }
    }

    @Test
    void noDataDirectory() {
        try (ServerProcess run = ServerProcess.builder().noPort().start()) {
            assertEquals(1, run.awaitExit());
            assertEquals("elephas does not know where to find the server configuration file.", run.log().get(0));
        }
    }

    @Test
    void dataDirectoryFromEnvironment() {
        var data = ServerProcess.newDataDirectory("from-env");
        try (ServerProcess run = ServerProcess.builder().env("PGDATA", data.toString()).start()) {
            run.awaitReady();
            run.awaitLogLine(java.util.regex.Pattern.compile(
                    "LOG:  initialized data directory \"" + java.util.regex.Pattern.quote(data.toString()) + "\"$"),
                    ServerProcess.TIMEOUT);
            run.signal("TERM");
            assertEquals(0, run.awaitExit());
        }
    }
}
