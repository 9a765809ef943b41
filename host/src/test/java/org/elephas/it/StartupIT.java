package org.elephas.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** First start, lock file, refusals. */
@Timeout(120)
class StartupIT {

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static List<String> lines(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            return lines.size() >= 8 ? lines : List.of("", "", "", "", "", "", "", "");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void assertLogFormat(ServerProcess server) {
        for (String line : server.log()) {
            if (!ServerProcess.LOG_LINE.matcher(line).matches()) {
                throw server.failure("not a server log line: " + line);
            }
        }
    }

    @Test
    void firstStartInitialisesAnEmptyDirectory() throws IOException {
        Path data = Files.createDirectories(ServerProcess.newDataDirectory("first-start"));
        try (ServerProcess server = ServerProcess.startReady(data)) {
            String ready = server.awaitLogLine(ServerProcess.READY, ServerProcess.TIMEOUT);
            assertTrue(ready.contains(" [" + server.pid() + "] "), "the PID is the process's: " + ready);
            server.awaitLogLine(Pattern.compile("LOG:  initialized data directory \"" + Pattern.quote(data.toString())
                    + "\"$"), ServerProcess.TIMEOUT);
            // global/ is the catalog, opened before the server is ready; base/5 is the postgres
            // database, opened ahead of its first connection but not waited for.
            server.awaitCondition("base/5 created", () -> Files.exists(data.resolve("base/5/elephas.mv.db")),
                    ServerProcess.TIMEOUT);
            assertEquals(List.of("ELEPHAS_VERSION", "base", "bundle-cache", "deploy", "elephas.auto.conf", "elephas.conf",
                    "global", "hba.conf", "postmaster.pid"), names(data), "global/ holds the catalog, base/ the databases");
            assertEquals(Files.readString(ServerProcess.distribution().resolve("conf/elephas.conf")),
                    Files.readString(data.resolve("elephas.conf")));
            Path lockFile = data.resolve("postmaster.pid");
            // The launcher writes "ready" when start() returns, just after the ready line.
            server.awaitCondition("postmaster.pid says ready", () -> lines(lockFile).get(7).equals("ready   "),
                    ServerProcess.TIMEOUT);
            List<String> pidFile = lines(lockFile);
            assertEquals(Long.toString(server.pid()), pidFile.get(0));
            assertEquals(data.toString(), pidFile.get(1));
            assertTrue(pidFile.get(2).matches("\\d{10}"), pidFile.get(2));
            assertEquals(Integer.toString(server.port()), pidFile.get(3));

            server.signal("TERM");
            assertEquals(0, server.awaitExit());
            assertLogFormat(server);
        }
    }

    @Test
    void missingDirectoryIsCreatedAndRestartKeepsIt() throws IOException {
        Path data = ServerProcess.newDataDirectory("missing").resolve("below");
        try (ServerProcess server = ServerProcess.startReady(data)) {
            server.signal("TERM");
            assertEquals(0, server.awaitExit());
        }
        Files.writeString(data.resolve("hba.conf"), "# edited\n", java.nio.file.StandardOpenOption.APPEND);
        try (ServerProcess again = ServerProcess.startReady(data)) {
            assertFalse(again.log().stream().anyMatch(line -> line.contains("initialized data directory")),
                    () -> again.failure("initialised twice").getMessage());
            assertTrue(Files.readString(data.resolve("hba.conf")).endsWith("# edited\n"));
            again.signal("TERM");
            assertEquals(0, again.awaitExit());
        }
    }

    @Test
    void secondServerOnTheSameDirectoryIsRefused() {
        Path data = ServerProcess.newDataDirectory("second");
        try (ServerProcess first = ServerProcess.startReady(data);
                ServerProcess second = ServerProcess.start(data)) {
            assertEquals(1, second.awaitExit());
            second.awaitLogLine(Pattern.compile("FATAL:  lock file \"postmaster.pid\" already exists$"),
                    ServerProcess.TIMEOUT);
            second.awaitLogLine(Pattern.compile("HINT:  Is another postmaster \\(PID " + first.pid()
                    + "\\) running in data directory \"" + Pattern.quote(data.toString()) + "\"\\?$"),
                    ServerProcess.TIMEOUT);
            assertFalse(second.log().stream().anyMatch(line -> line.contains("ready to accept connections")));
            assertLogFormat(second);

            assertTrue(first.isAlive(), () -> first.failure("the first server died").getMessage());
            assertTrue(Files.exists(data.resolve("postmaster.pid")), "the first server's lock file stays");
            first.signal("TERM");
            assertEquals(0, first.awaitExit());
        }
    }

    @Test
    void staleLockFileOfAKilledServerIsTakenOver() {
        Path data = ServerProcess.newDataDirectory("stale");
        try (ServerProcess killed = ServerProcess.startReady(data)) {
            killed.signal("KILL");
            killed.awaitExit();
        }
        assertTrue(Files.exists(data.resolve("postmaster.pid")), "SIGKILL leaves the lock file");
        try (ServerProcess next = ServerProcess.startReady(data)) {
            next.signal("TERM");
            assertEquals(0, next.awaitExit());
        }
    }

    @Test
    void nonEmptyForeignDirectoryIsRefused() throws IOException {
        Path data = Files.createDirectories(ServerProcess.newDataDirectory("foreign"));
        Files.writeString(data.resolve("precious.txt"), "do not touch");
        try (ServerProcess server = ServerProcess.start(data)) {
            assertEquals(1, server.awaitExit());
            server.awaitLogLine(Pattern.compile("FATAL:  directory \"" + Pattern.quote(data.toString())
                    + "\" exists but is not an Elephas data directory$"), ServerProcess.TIMEOUT);
            assertLogFormat(server);
        }
        assertEquals(List.of("precious.txt"), names(data));
    }
}
