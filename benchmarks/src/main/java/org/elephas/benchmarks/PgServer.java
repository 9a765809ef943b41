package org.elephas.benchmarks;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * One PostgreSQL server of a benchmark, in a directory of its own: {@code initdb} there, start
 * it with {@code pg_ctl} on a free 127.0.0.1 port, connect with pgjdbc, stop it with a fast
 * shutdown. Run as root, PostgreSQL's programs run as the user {@code postgres}
 * ({@code runuser}), as {@code benchmarks/lib/servers.sh} does, since PostgreSQL refuses root.
 */
final class PgServer implements AutoCloseable {
    private static final long COMMAND_SECONDS = 120;
    private static final boolean ROOT = new com.sun.security.auth.module.UnixSystem().getUid() == 0;

    private final Path bin;
    private final Path dir;
    private final String name;
    private final int port;
    private boolean running;
    private boolean closed;

    private PgServer(Path bin, Path dir, String name, int port) {
        this.bin = bin;
        this.dir = dir;
        this.name = name;
        this.port = port;
    }

    /**
     * Where {@code initdb}, {@code pg_ctl} and {@code postgres} are: {@code PG_BIN}, else the
     * directory of {@code postgres} on {@code PATH}, else Debian's
     * {@code /usr/lib/postgresql/15/bin}.
     *
     * @return the directory
     * @throws IllegalStateException when it has no {@code initdb}, {@code pg_ctl} or {@code postgres}
     */
    static Path bin() {
        String env = System.getenv("PG_BIN");
        Path bin = null;
        if (env != null && !env.isEmpty()) {
            bin = Path.of(env);
        } else {
            for (String p : System.getenv().getOrDefault("PATH", "").split(":")) {
                if (!p.isEmpty() && Files.isExecutable(Path.of(p, "postgres"))) {
                    bin = Path.of(p);
                    break;
                }
            }
            if (bin == null) {
                bin = Path.of("/usr/lib/postgresql/15/bin");
            }
        }
        for (String program : List.of("initdb", "pg_ctl", "postgres")) {
            if (!Files.isExecutable(bin.resolve(program))) {
                throw new IllegalStateException("no " + program + " in " + bin + " (set PG_BIN)");
            }
        }
        return bin;
    }

    /**
     * PostgreSQL's library directory ({@code pg_config --pkglibdir}), from the {@code pg_config}
     * beside the real {@code postgres} binary (PATH may hold symbolic links), else on PATH.
     *
     * @param bin {@link #bin()}
     * @return the directory
     * @throws IOException when {@code pg_config} cannot be run
     * @throws InterruptedException when interrupted
     */
    static Path pkglibdir(Path bin) throws IOException, InterruptedException {
        Path real = bin.resolve("postgres").toRealPath().getParent();
        Path pgConfig = Files.isExecutable(real.resolve("pg_config")) ? real.resolve("pg_config")
                : Files.isExecutable(bin.resolve("pg_config")) ? bin.resolve("pg_config") : Path.of("pg_config");
        Process p = new ProcessBuilder(pgConfig.toString(), "--pkglibdir").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!p.waitFor(COMMAND_SECONDS, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(pgConfig + " --pkglibdir failed: " + out);
        }
        return Path.of(out);
    }

    /**
     * Make a new server's data directory: {@code initdb -U postgres -A trust -N} into
     * {@code parent/name/data}, then the connection settings (127.0.0.1, a free port, the Unix
     * socket in the server's directory) and {@code settings} appended to its
     * {@code postgresql.conf}.
     *
     * @param bin {@link #bin()}
     * @param parent a directory the user {@code postgres} can enter
     * @param name the server's name, its directory's
     * @param settings further settings, appended as {@code name = value} (values as written)
     * @return the server, not started
     * @throws IOException when initdb fails
     * @throws InterruptedException when interrupted
     */
    static PgServer initdb(Path bin, Path parent, String name, Map<String, String> settings)
            throws IOException, InterruptedException {
        Path dir = Files.createDirectory(parent.resolve(name));
        if (ROOT) {
            Files.setOwner(dir, dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres"));
        }
        PgServer server = new PgServer(bin, dir, name, freePort());
        server.run("initdb", "-D", server.data().toString(), "-U", "postgres", "-A", "trust", "-N");
        StringBuilder conf = new StringBuilder("\n# PgServer\nlisten_addresses = '127.0.0.1'\nport = " + server.port
                + "\nunix_socket_directories = '" + dir + "'\n");
        settings.forEach((k, v) -> conf.append(k).append(" = ").append(v).append('\n'));
        Files.writeString(server.data().resolve("postgresql.conf"), conf, StandardOpenOption.APPEND);
        return server;
    }

    /** @return the server's name */
    String name() {
        return name;
    }

    /**
     * Start the server and wait until it accepts connections ({@code pg_ctl -w}).
     *
     * @throws IOException when it does not start (the message has its log's end)
     * @throws InterruptedException when interrupted
     */
    synchronized void start() throws IOException, InterruptedException {
        if (closed) {
            throw new IllegalStateException(name + ": closed (the JVM is exiting)");
        }
        running = true;
        run("pg_ctl", "-D", data().toString(), "-l", dir.resolve("server.log").toString(), "-w", "-t", "60", "start");
    }

    /**
     * Connect as {@code postgres} to database {@code postgres}.
     *
     * @param properties pgjdbc's connection properties beside user
     * @return the connection
     * @throws SQLException when the server refuses
     */
    Connection connect(Map<String, String> properties) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "postgres");
        p.setProperty("ApplicationName", "PgHookPairBenchmark");
        properties.forEach(p::setProperty);
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", p);
    }

    /**
     * Stop the server with a fast shutdown ({@code pg_ctl -m fast -w}) if it was started;
     * does nothing otherwise.
     *
     * @throws IOException when pg_ctl fails
     * @throws InterruptedException when interrupted
     */
    synchronized void stop() throws IOException, InterruptedException {
        if (running) {
            running = false;
            run("pg_ctl", "-D", data().toString(), "-m", "fast", "-w", "-t", "60", "stop");
        }
    }

    /**
     * Stop the server (see {@link #stop()}) for good: it cannot be started again. Reports a
     * failure on stderr rather than throwing.
     */
    @Override
    public synchronized void close() {
        closed = true;
        try {
            stop();
        } catch (IOException | InterruptedException | RuntimeException e) {
            System.err.println(name + ": " + e.getMessage());
        }
    }

    private Path data() {
        return dir.resolve("data");
    }

    /** Run one of PostgreSQL's programs (as {@code postgres} when root), its output into {@code commands.log}. */
    private void run(String program, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if (ROOT) {
            command.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        command.add(bin.resolve(program).toString());
        command.addAll(List.of(args));
        Path log = dir.resolve("commands.log");
        // A file, not a pipe: the postmaster that pg_ctl leaves running must not hold our pipe open.
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        if (!p.waitFor(COMMAND_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(name + ": " + program + " did not finish in " + COMMAND_SECONDS + " s");
        }
        if (p.exitValue() != 0) {
            throw new IOException(name + ": " + String.join(" ", command) + " failed (exit " + p.exitValue() + "):\n"
                    + tail(log) + tail(dir.resolve("server.log")));
        }
    }

    private static String tail(Path file) throws IOException {
        if (!Files.exists(file)) {
            return "";
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size())) + "\n";
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
