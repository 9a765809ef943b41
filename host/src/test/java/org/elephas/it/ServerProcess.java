package org.elephas.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;

/**
 * A server started from the built distribution as a real OS process:
 * {@code target/elephas/bin/elephas -D DATADIR -p PORT [args]}, for integration tests.
 *
 * <p>Its stderr (the server log) and stdout are collected line by line; tests wait for log lines
 * with a deadline ({@link #awaitLogLine}) and for the exit ({@link #awaitExit}), never by
 * sleeping. Failures are AssertionErrors that carry the whole log. {@link #close()} always ends
 * the process: SIGTERM, then SIGKILL if it is still there after a few seconds.
 *
 * <pre>{@code
 * try (ServerProcess server = ServerProcess.startReady(ServerProcess.newDataDirectory("mine"))) {
 *     String url = "jdbc:postgresql://localhost:" + server.port() + "/postgres";
 *     ...
 *     server.signal("HUP");
 *     server.awaitLogLine(Pattern.compile("reloading configuration files"), Duration.ofSeconds(10));
 * }
 * }</pre>
 *
 * The distribution and the folder for data directories come from the system properties
 * {@value #DISTRIBUTION_PROPERTY} and {@value #WORK_PROPERTY}, which the pom's failsafe
 * configuration sets.
 */
public final class ServerProcess implements AutoCloseable {
    /** System property: the distribution's root ({@code host/target/elephas}). */
    public static final String DISTRIBUTION_PROPERTY = "elephas.it.distribution";
    /** System property: a folder under which tests put their data directories. */
    public static final String WORK_PROPERTY = "elephas.it.work";
    /** How long waits take by default: generous, since the machines are small and shared. */
    public static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** The line a server logs when it can serve clients. */
    public static final Pattern READY = Pattern.compile("LOG:  database system is ready to accept connections$");
    /** The shape of every server log line (PostgreSQL's default log_line_prefix, in UTC). */
    public static final Pattern LOG_LINE =
            Pattern.compile("^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} UTC \\[\\d+\\] [A-Z0-9]+:  .+$");

    private static final long POLL_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final Process process;
    private final List<String> command;
    private final Path dataDirectory;
    private final int port;
    private final LineBuffer stderr;
    private final LineBuffer stdout;

    private ServerProcess(Process process, List<String> command, Path dataDirectory, int port) {
        this.process = process;
        this.command = List.copyOf(command);
        this.dataDirectory = dataDirectory;
        this.port = port;
        this.stderr = new LineBuffer(process.getErrorStream(), "stderr of " + process.pid());
        this.stdout = new LineBuffer(process.getInputStream(), "stdout of " + process.pid());
    }

    // ---- where things are ----

    /** @return the distribution under test */
    public static Path distribution() {
        return Path.of(requiredProperty(DISTRIBUTION_PROPERTY));
    }

    /** @return {@code bin/elephas} of the distribution under test */
    public static Path launcher() {
        return distribution().resolve("bin").resolve("elephas");
    }

    /**
     * A fresh path for a data directory, not yet created (the server creates it).
     *
     * @param name a readable prefix, such as the test's name
     * @return an absolute path under the work folder
     */
    public static Path newDataDirectory(String name) {
        try {
            Path work = Files.createDirectories(Path.of(requiredProperty(WORK_PROPERTY)));
            return work.resolve(name + "-" + UUID.randomUUID().toString().substring(0, 8)).toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return a TCP port that was free a moment ago on the loopback address */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- starting ----

    /** @return a builder for a server process with full control of its command line and environment */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Start {@code bin/elephas -D dataDirectory -p <free port> args...}.
     *
     * @param dataDirectory the data directory
     * @param args more arguments
     * @return the running process (not yet necessarily ready)
     */
    public static ServerProcess start(Path dataDirectory, String... args) {
        return builder().dataDirectory(dataDirectory).args(args).start();
    }

    /**
     * Start as {@link #start} does, then wait until the server logs that it is ready.
     *
     * @param dataDirectory the data directory
     * @param args more arguments
     * @return the ready server
     */
    public static ServerProcess startReady(Path dataDirectory, String... args) {
        ServerProcess server = start(dataDirectory, args);
        try {
            server.awaitReady();
            return server;
        } catch (RuntimeException | Error e) {
            server.close();
            throw e;
        }
    }

    /** Builds the command line and environment of a server process. */
    public static final class Builder {
        private Path dataDirectory;
        private int port = -1;
        private boolean choosePort = true;
        private final List<String> args = new ArrayList<>();
        private final Map<String, String> environment = new HashMap<>();

        private Builder() {
            // the server must not pick up the developer's data directory
            environment.put("PGDATA", null);
            environment.put("ELEPHAS_DATA", null);
        }

        /**
         * @param path passed as {@code -D path}; without it no {@code -D} is given
         * @return this
         */
        public Builder dataDirectory(Path path) {
            this.dataDirectory = path;
            return this;
        }

        /**
         * @param port passed as {@code -p port}
         * @return this
         */
        public Builder port(int port) {
            this.port = port;
            this.choosePort = false;
            return this;
        }

        /**
         * Give no {@code -p} (by default a free port is chosen and given).
         *
         * @return this
         */
        public Builder noPort() {
            this.port = -1;
            this.choosePort = false;
            return this;
        }

        /**
         * @param more arguments after {@code -D} and {@code -p}
         * @return this
         */
        public Builder args(String... more) {
            args.addAll(Arrays.asList(more));
            return this;
        }

        /**
         * @param name an environment variable
         * @param value its value, or null to remove it from the inherited environment
         * @return this
         */
        public Builder env(String name, String value) {
            environment.put(name, value);
            return this;
        }

        /** @return the started process */
        public ServerProcess start() {
            List<String> command = new ArrayList<>();
            command.add(launcher().toString());
            if (dataDirectory != null) {
                command.add("-D");
                command.add(dataDirectory.toString());
            }
            int chosen = choosePort ? freePort() : port;
            if (chosen > 0) {
                command.add("-p");
                command.add(Integer.toString(chosen));
            }
            command.addAll(args);
            ProcessBuilder builder = new ProcessBuilder(command);
            environment.forEach((name, value) -> {
                if (value == null) {
                    builder.environment().remove(name);
                } else {
                    builder.environment().put(name, value);
                }
            });
            builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            try {
                return new ServerProcess(builder.start(), command, dataDirectory, chosen);
            } catch (IOException e) {
                throw new UncheckedIOException("could not run " + command, e);
            }
        }
    }

    // ---- looking at it ----

    /** @return the process's PID: the server's own, since the launcher script execs java */
    public long pid() {
        return process.pid();
    }

    /** @return the port given with {@code -p}, or -1 */
    public int port() {
        return port;
    }

    /** @return the data directory given with {@code -D}, or null */
    public Path dataDirectory() {
        return dataDirectory;
    }

    /** @return whether the process is still running */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** @return the server log (stderr) lines so far */
    public List<String> log() {
        return stderr.lines();
    }

    /** @return the stdout lines so far */
    public List<String> output() {
        return stdout.lines();
    }

    /**
     * Wait for a log line in which {@code pattern} is found ({@link java.util.regex.Matcher#find()}).
     *
     * @param pattern what to look for
     * @param timeout how long to wait at most
     * @return the first matching line since the start
     * @throws AssertionError if none comes in time or the process ends without one
     */
    public String awaitLogLine(Pattern pattern, Duration timeout) {
        return awaitLogLine(pattern, 0, timeout);
    }

    /**
     * Wait for a log line at or after index {@code fromLine} in which {@code pattern} is found.
     * Take {@code fromLine} from {@code log().size()} before causing what is awaited, to skip
     * earlier lines of the same kind.
     *
     * @param pattern what to look for
     * @param fromLine index of the first line to look at
     * @param timeout how long to wait at most
     * @return the matching line
     * @throws AssertionError if none comes in time or the process ends without one
     */
    public String awaitLogLine(Pattern pattern, int fromLine, Duration timeout) {
        try {
            String line = stderr.await(pattern, fromLine, timeout);
            if (line == null) {
                throw failure("no log line matching /" + pattern + "/ within " + timeout
                        + (process.isAlive() ? "" : " (the process ended)"));
            }
            return line;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure("interrupted while waiting for /" + pattern + "/");
        }
    }

    /**
     * Wait until the server logs that it is ready to accept connections.
     *
     * @return this
     */
    public ServerProcess awaitReady() {
        awaitLogLine(READY, TIMEOUT);
        return this;
    }

    /**
     * Poll a condition on state outside the process's output (a file, a port) every 10 ms until it
     * holds or the deadline passes. For log lines use {@link #awaitLogLine}, which needs no poll.
     *
     * @param description what is awaited, for the failure message
     * @param condition the condition
     * @param timeout how long to wait at most
     * @throws AssertionError if it does not hold in time
     */
    public void awaitCondition(String description, BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline >= 0) {
                throw failure("not within " + timeout + ": " + description);
            }
            LockSupport.parkNanos(POLL_INTERVAL_NANOS);
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                throw failure("interrupted while waiting until " + description);
            }
        }
    }

    /**
     * Send a signal with {@code kill}.
     *
     * @param signal its name without SIG: {@code TERM}, {@code INT}, {@code HUP}, ...
     */
    public void signal(String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid()))
                    .redirectErrorStream(true).start();
            String output = new String(kill.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw failure("kill -" + signal + " " + pid() + " failed: " + output.trim());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure("interrupted while signalling");
        }
    }

    /**
     * Wait for the process to exit, and for its output to be read to the end.
     *
     * @param timeout how long to wait at most
     * @return the exit status
     * @throws AssertionError if it does not exit in time
     */
    public int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                throw failure("the process did not exit within " + timeout);
            }
            // Output written just before exit is still in the pipes: read it to the end.
            stderr.awaitEnd(Duration.ofSeconds(10));
            stdout.awaitEnd(Duration.ofSeconds(10));
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure("interrupted while waiting for the exit");
        }
    }

    /** @return the exit status after waiting {@link #TIMEOUT} at most */
    public int awaitExit() {
        return awaitExit(TIMEOUT);
    }

    /**
     * @param message what went wrong
     * @return an AssertionError with the message, the command and everything the process wrote
     */
    public AssertionError failure(String message) {
        StringBuilder text = new StringBuilder(message).append("\ncommand: ").append(String.join(" ", command));
        text.append("\n--- server log (stderr) ---\n");
        log().forEach(line -> text.append(line).append('\n'));
        List<String> out = output();
        if (!out.isEmpty()) {
            text.append("--- stdout ---\n");
            out.forEach(line -> text.append(line).append('\n'));
        }
        return new AssertionError(text.toString());
    }

    /** End the process if it still runs: SIGTERM, then SIGKILL after 10 s. */
    @Override
    public void close() {
        try {
            if (process.isAlive()) {
                process.destroy();
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(10, TimeUnit.SECONDS);
                }
            }
            stderr.join(Duration.ofSeconds(5));
            stdout.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static String requiredProperty(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + name + " is not set: run integration tests "
                    + "through Maven (failsafe sets it), or set it to " + (name.equals(DISTRIBUTION_PROPERTY)
                            ? "host/target/elephas" : "a scratch folder"));
        }
        return value;
    }
}
