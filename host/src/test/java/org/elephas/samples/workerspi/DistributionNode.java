package org.elephas.samples.workerspi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Pattern;

import org.elephas.it.ServerProcess;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * A {@link PgNode} on the real distribution: {@code bin/elephas} as a child process
 * ({@link ServerProcess}) on a fresh data directory, listening on 127.0.0.1 and a free port,
 * reached with pgjdbc. Each call opens a new connection as the bootstrap superuser, as each
 * {@code psql} run does; the data directory's default {@code hba.conf} trusts it.
 *
 * <p>Like a new PostgreSQL cluster, the node preloads nothing: it starts with {@code -c
 * shared_preload_bundles=} (the shipped {@code elephas.conf} preloads {@code ticker}) and
 * {@code -c listen_addresses=127.0.0.1}, plus the settings given to {@link #start}. Command-line
 * settings override the configuration file, so {@link #appendConf} drops a name it writes to
 * {@code DATADIR/elephas.conf} from the command line of the next start.
 *
 * <p>{@link #reduceDatabaseInterlockRetries()} cannot reach into the child process: it is a
 * no-op, and a command that waits for a busy database takes PostgreSQL's full 50 × 100 ms.
 */
final class DistributionNode implements PgNode {
    /** How often {@link #pollQueryUntil} runs its query (PostgreSQL's helper: every 0.1 s). */
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    /** psql's exit status when a script stops at an error ({@code ON_ERROR_STOP}). */
    static final int EXIT_SCRIPT_ERROR = 3;
    /** psql's exit status when it cannot connect. */
    static final int EXIT_CONNECTION = 2;

    private final Path dataDirectory;
    private final int port;
    private final Map<String, String> commandLine = new LinkedHashMap<>();
    /** Log lines of the processes that ran before the current one (restarts). */
    private final List<String> earlierLog = new ArrayList<>();
    private ServerProcess server;

    private DistributionNode(Path dataDirectory, int port, Map<String, String> settings) {
        this.dataDirectory = dataDirectory;
        this.port = port;
        commandLine.put("shared_preload_bundles", "");
        commandLine.put("listen_addresses", "127.0.0.1");
        commandLine.putAll(settings);
    }

    /**
     * Start a node on a new data directory.
     *
     * @param name a readable prefix for the data directory
     * @param settings settings given on the command line ({@code -c name=value})
     * @return the node, once the server is ready for connections
     */
    static DistributionNode start(String name, Map<String, String> settings) {
        DistributionNode node = new DistributionNode(ServerProcess.newDataDirectory(name), ServerProcess.freePort(),
                settings);
        node.startServer();
        return node;
    }

    private void startServer() {
        List<String> args = new ArrayList<>();
        commandLine.forEach((name, value) -> {
            args.add("-c");
            args.add(name + "=" + value);
        });
        server = ServerProcess.builder().dataDirectory(dataDirectory).port(port).args(args.toArray(String[]::new))
                .start();
        try {
            server.awaitReady();
        } catch (RuntimeException | Error e) {
            server.close();
            throw e;
        }
    }

    @Override
    public String safePsql(String database, String sql) {
        PsqlResult r = psql(database, sql);
        if (r.ret() != 0) {
            throw server.failure("safe_psql failed with exit code " + r.ret() + " on\n" + sql + "\n" + r.stderr());
        }
        return r.stdout();
    }

    @Override
    public PsqlResult psql(String database, String sql) {
        Connection c;
        try {
            c = connect(database);
        } catch (SQLException e) {
            return new PsqlResult(EXIT_CONNECTION, "", "psql: error: " + describe(e));
        }
        List<String> out = new ArrayList<>();
        List<String> err = new ArrayList<>();
        try (c; Statement s = c.createStatement()) {
            try {
                // psql -XAtq: every result's rows, columns joined by '|'; notices go to stderr.
                boolean isResult = s.execute(sql);
                while (isResult || s.getUpdateCount() != -1) {
                    if (isResult) {
                        try (ResultSet rs = s.getResultSet()) {
                            rows(rs, out);
                        }
                    }
                    isResult = s.getMoreResults();
                }
                notices(s.getWarnings(), err);
                return new PsqlResult(0, String.join("\n", out), String.join("\n", err));
            } catch (SQLException e) {
                notices(s.getWarnings(), err);
                err.add(describe(e));
                return new PsqlResult(EXIT_SCRIPT_ERROR, String.join("\n", out), String.join("\n", err));
            }
        } catch (SQLException e) {
            // Closing failed: the connection was lost (a FATAL after the statement).
            err.add(describe(e));
            return new PsqlResult(EXIT_CONNECTION, String.join("\n", out), String.join("\n", err));
        }
    }

    @Override
    public boolean pollQueryUntil(String database, String sql, String expected) {
        long deadline = System.nanoTime() + ServerProcess.TIMEOUT.toNanos();
        while (true) {
            PsqlResult r = psql(database, sql);
            if (r.ret() == 0 && r.stderr().isEmpty() && r.stdout().equals(expected)) {
                return true;
            }
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
    }

    @Override
    public long logOffset() {
        return earlierLog.size() + server.log().size();
    }

    @Override
    public void waitForLog(String regex, long offset) {
        Pattern pattern = Pattern.compile(regex);
        // The log runs on across restarts, as PostgreSQL's log file does.
        for (int i = (int) offset; i < earlierLog.size(); i++) {
            if (pattern.matcher(earlierLog.get(i)).find()) {
                return;
            }
        }
        server.awaitLogLine(pattern, (int) Math.max(0, offset - earlierLog.size()), ServerProcess.TIMEOUT);
    }

    @Override
    public void appendConf(Map<String, String> settings) {
        StringBuilder text = new StringBuilder("\n");
        settings.forEach((name, value) -> {
            text.append(name).append(" = '").append(value.replace("'", "''")).append("'\n");
            commandLine.remove(name);
        });
        try {
            Files.writeString(dataDirectory.resolve("elephas.conf"), text, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void restart() {
        // pg_ctl restart -m fast: SIGINT, wait for the exit, start on the same data directory.
        server.signal("INT");
        int status = server.awaitExit();
        if (status != 0) {
            throw server.failure("the server exited with status " + status + " at the restart");
        }
        earlierLog.addAll(server.log());
        startServer();
    }

    @Override
    public void reload() {
        // pg_ctl reload: SIGHUP to the postmaster, which passes it on to every backend.
        server.signal("HUP");
    }

    @Override
    public AutoCloseable reduceDatabaseInterlockRetries() {
        // The interlock's bound is not a setting: the child process keeps PostgreSQL's 50 tries.
        return () -> {
        };
    }

    @Override
    public String log() {
        List<String> all = new ArrayList<>(earlierLog);
        all.addAll(server.log());
        return String.join("\n", all);
    }

    @Override
    public void close() {
        server.close();
    }

    private Connection connect(String database) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", "postgres");
        // Text results, exactly as the server formats them (t/f for booleans), as psql shows.
        props.setProperty("preferQueryMode", "simple");
        props.setProperty("connectTimeout", "60");
        props.setProperty("socketTimeout", "120");
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + database, props);
    }

    private static void rows(ResultSet rs, List<String> out) throws SQLException {
        int columns = rs.getMetaData().getColumnCount();
        while (rs.next()) {
            StringBuilder line = new StringBuilder();
            for (int i = 1; i <= columns; i++) {
                if (i > 1) {
                    line.append('|');
                }
                String value = rs.getString(i);
                line.append(value == null ? "" : value);
            }
            out.add(line.toString());
        }
    }

    private static void notices(SQLWarning warning, List<String> err) {
        for (SQLWarning w = warning; w != null; w = w.getNextWarning()) {
            err.add(describe(w));
        }
    }

    /** What psql prints for a server message: {@code SEVERITY:  message}, then DETAIL and HINT lines. */
    private static String describe(SQLException e) {
        ServerErrorMessage m = e instanceof PSQLException p ? p.getServerErrorMessage()
                : e instanceof org.postgresql.util.PSQLWarning w ? w.getServerErrorMessage() : null;
        if (m == null) {
            return e.getMessage();
        }
        StringBuilder text = new StringBuilder(m.getSeverity()).append(":  ").append(m.getMessage());
        if (m.getDetail() != null) {
            text.append("\nDETAIL:  ").append(m.getDetail());
        }
        if (m.getHint() != null) {
            text.append("\nHINT:  ").append(m.getHint());
        }
        return text.toString();
    }
}
