package org.elephas.samples.workerspi;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

import org.elephas.api.PgException;
import org.elephas.catalog.commands.DatabaseInterlock;
import org.elephas.testing.SqlClient;
import org.elephas.testing.TestServer;

/**
 * A {@link PgNode} on an in-process {@link TestServer}: each call connects a new session as the
 * bootstrap superuser, as each {@code psql} run does. Settings from {@link #appendConf} are
 * passed as {@code -c} at the next start. Log offsets count lines of the running server's log.
 */
final class InProcessNode implements PgNode {
    /** How often {@link #pollQueryUntil} runs its query (PostgreSQL's helper: every 0.1 s). */
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final Path root;
    private final Map<String, String> settings = new LinkedHashMap<>();
    private TestServer server;

    private InProcessNode(Path root, Map<String, String> settings) {
        this.root = root;
        this.settings.putAll(settings);
    }

    /**
     * Start a node.
     *
     * @param root an empty directory (its {@code home/bundles} may already hold bundles)
     * @param settings the initial configuration
     * @return the running node
     * @throws Exception when it cannot start
     */
    static InProcessNode start(Path root, Map<String, String> settings) throws Exception {
        InProcessNode node = new InProcessNode(root, settings);
        node.server = TestServer.start(root, node.settings);
        return node;
    }

    /** @return the running server, for what the node interface does not cover */
    TestServer server() {
        return server;
    }

    @Override
    public String safePsql(String database, String sql) {
        try (SqlClient c = server.connect(database, "postgres")) {
            return format(c.rows(sql));
        }
    }

    @Override
    public PsqlResult psql(String database, String sql) {
        try (SqlClient c = server.connect(database, "postgres")) {
            return new PsqlResult(format(c.rows(sql)), "");
        } catch (PgException e) {
            return new PsqlResult("", e.level() + ":  " + e.getMessage());
        }
    }

    @Override
    public boolean pollQueryUntil(String database, String sql, String expected) {
        long deadline = System.nanoTime() + TestServer.PATIENCE.toNanos();
        while (true) {
            PsqlResult r = psql(database, sql);
            if (r.stderr().isEmpty() && r.stdout().equals(expected)) {
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
        return server.log().lines().size();
    }

    @Override
    public void waitForLog(String regex, long offset) {
        // Lines only ever get appended: a match after offset is one more match than before it.
        java.util.regex.Pattern p = java.util.regex.Pattern.compile(regex);
        long before = server.log().lines().subList(0, (int) offset).stream().filter(l -> p.matcher(l).find()).count();
        server.log().awaitCount(regex, (int) before + 1, TestServer.PATIENCE);
    }

    @Override
    public void appendConf(Map<String, String> more) {
        settings.putAll(more);
    }

    @Override
    public void restart() {
        server.close();
        try {
            server = TestServer.start(root, settings);
        } catch (Exception e) {
            throw new AssertionError("restart failed", e);
        }
    }

    @Override
    public void reload() {
        server.postmaster().reload();
    }

    @Override
    public AutoCloseable reduceDatabaseInterlockRetries() {
        // procarray-reduce-count: 3 tries instead of 50.
        return DatabaseInterlock.shortenForTesting(3, DatabaseInterlock.INTERVAL_MILLIS);
    }

    @Override
    public String log() {
        return server.log().toString();
    }

    @Override
    public void close() {
        server.close();
    }

    /** psql -XAtq: rows on lines, columns joined by '|', t/f for booleans, NULL as nothing. */
    private static String format(List<List<Object>> rows) {
        return rows.stream()
                .map(row -> row.stream().map(InProcessNode::text).collect(Collectors.joining("|")))
                .collect(Collectors.joining("\n"));
    }

    private static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Boolean b) {
            return b ? "t" : "f";
        }
        return value.toString();
    }
}
