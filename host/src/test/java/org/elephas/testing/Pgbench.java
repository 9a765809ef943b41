package org.elephas.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Real {@code pgbench} ({@link PgClientTools#require}) run as a subprocess against a server on
 * 127.0.0.1, with a deadline: a run that does not end in time is killed and fails the test.
 *
 * <pre>{@code
 * Pgbench.Result r = Pgbench.run(port, Duration.ofSeconds(60), "-S", "-c", "2", "-j", "2", "-t", "100");
 * r.assertCompleted(200);
 * }</pre>
 */
public final class Pgbench {
    private static final Pattern PROCESSED =
            Pattern.compile("(?m)^number of transactions actually processed: (\\d+)(?:/(\\d+))?$");
    private static final Pattern FAILED = Pattern.compile("(?m)^number of failed transactions: (\\d+) ");

    private Pgbench() {
    }

    /**
     * What one pgbench run printed and how it ended.
     *
     * @param command the command line
     * @param exitCode its exit status
     * @param output stdout and stderr together
     */
    public record Result(List<String> command, int exitCode, String output) {
        /** @return the transactions it reports as processed, or -1 when it printed none */
        public long processed() {
            Matcher m = PROCESSED.matcher(output);
            return m.find() ? Long.parseLong(m.group(1)) : -1;
        }

        /** @return the transactions it reports as failed, or -1 when it printed none */
        public long failed() {
            Matcher m = FAILED.matcher(output);
            return m.find() ? Long.parseLong(m.group(1)) : -1;
        }

        /** @throws AssertionError unless it exited with status 0 */
        public void assertSucceeded() {
            if (exitCode != 0) {
                throw new AssertionError(this + ": exit status " + exitCode);
            }
        }

        /**
         * @param transactions how many transactions it must report processed
         * @throws AssertionError unless it exited with 0, processed exactly that many and failed none
         */
        public void assertCompleted(long transactions) {
            assertSucceeded();
            if (processed() != transactions || failed() != 0) {
                throw new AssertionError(this + ": expected " + transactions + " transactions processed, 0 failed");
            }
        }

        @Override
        public String toString() {
            return String.join(" ", command) + "\n" + output;
        }
    }

    /**
     * Run {@code pgbench -h 127.0.0.1 -p PORT -U postgres ARGS... postgres}.
     *
     * @param port the server's port
     * @param deadline how long it may take; it is killed after that and the test fails
     * @param args pgbench's options
     * @return how it ended
     */
    public static Result run(int port, Duration deadline, String... args) {
        List<String> command = new ArrayList<>(List.of(PgClientTools.require("pgbench").toString(),
                "-h", "127.0.0.1", "-p", String.valueOf(port), "-U", "postgres"));
        command.addAll(List.of(args));
        command.add("postgres");
        Path output = null;
        try {
            output = Files.createTempFile("pgbench", ".out");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(output.toFile());
            builder.environment().put("PGCONNECT_TIMEOUT", "10");
            builder.environment().remove("PGPASSWORD");
            Process process = builder.start();
            if (!process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError(String.join(" ", command) + " did not end within " + deadline + ":\n"
                        + Files.readString(output, StandardCharsets.UTF_8));
            }
            return new Result(command, process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } finally {
            if (output != null) {
                try {
                    Files.deleteIfExists(output);
                } catch (IOException e) {
                    // A temporary file left behind.
                }
            }
        }
    }
}
