package org.elephas.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real psql against a server as a subprocess with a deadline: {@code psql -X -h
 * 127.0.0.1 -p PORT -U user -d database args...}, without a password prompt ({@code -w}), in
 * the C locale so that its output does not depend on the machine. A psql still running at
 * the deadline is killed and fails the test.
 */
public final class PsqlRunner {
    /** How long one psql run may take: generous, since the machines are small and shared. */
    public static final Duration DEADLINE = Duration.ofSeconds(60);

    private final Path psql;
    private final int port;

    /**
     * What a psql run did.
     *
     * @param exitCode its exit status
     * @param stdout what it printed on standard output
     * @param stderr what it printed on standard error
     */
    public record Result(int exitCode, String stdout, String stderr) {
        /**
         * @return this, after checking that psql exited with 0 and reported no error
         * @throws AssertionError otherwise, with both outputs
         */
        public Result ok() {
            if (exitCode != 0 || stderr.contains("ERROR") || stderr.contains("FATAL")) {
                throw new AssertionError("psql exited with " + exitCode + "\nstderr:\n" + stderr + "\nstdout:\n" + stdout);
            }
            return this;
        }
    }

    /**
     * @param psql the psql program ({@link PgClientTools#require})
     * @param port the server's port on 127.0.0.1
     */
    public PsqlRunner(Path psql, int port) {
        this.psql = psql;
        this.port = port;
    }

    /**
     * @param user the role to connect as
     * @param database the database
     * @param password the password (PGPASSWORD), or null for none
     * @param stdin what to feed psql on standard input, or null for nothing
     * @param args psql's further arguments
     * @return what psql did
     */
    public Result run(String user, String database, String password, String stdin, String... args) {
        List<String> command = new ArrayList<>(List.of(psql.toString(), "-X", "-w", "-h", "127.0.0.1", "-p",
                String.valueOf(port), "-U", user, "-d", database));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("PG"));
        env.put("LC_ALL", "C.UTF-8");
        env.put("LANG", "C.UTF-8");
        env.put("PGCONNECT_TIMEOUT", "30");
        env.put("PGAPPNAME", "psql");
        if (password != null) {
            env.put("PGPASSWORD", password);
        }
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        CompletableFuture<String> out = read(p.getInputStream());
        CompletableFuture<String> err = read(p.getErrorStream());
        try (var in = p.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            // psql may exit before reading everything; its output says why.
        }
        try {
            if (!p.waitFor(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("psql did not finish within " + DEADLINE + ": " + command);
            }
            return new Result(p.exitValue(), out.get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS),
                    err.get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new AssertionError("interrupted", e);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new AssertionError("reading psql's output", e);
        }
    }

    /** Reads a stream to its end on a thread of its own (pipes must drain while psql runs). */
    private static CompletableFuture<String> read(java.io.InputStream stream) {
        CompletableFuture<String> result = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (stream) {
                result.complete(new String(stream.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException | RuntimeException e) {
                result.completeExceptionally(e);
            }
        }, "psql output reader");
        reader.setDaemon(true);
        reader.start();
        return result;
    }
}
