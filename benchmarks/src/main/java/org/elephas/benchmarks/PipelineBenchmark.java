package org.elephas.benchmarks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.elephas.api.sql.Column;
import org.elephas.api.sql.CommandType;
import org.elephas.api.sql.QueryCompletion;
import org.elephas.catalog.DatabaseInfo;
import org.elephas.session.ClientOutput;
import org.elephas.session.Session;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * What the SQL pipeline adds to the engine: the same statements through a real session of a
 * real, started postmaster ({@link Session#simpleQuery}, {@link Session#prepare} +
 * {@link Session#executePrepared}) and on a raw H2 JDBC connection to the same database, opened
 * by the engine itself ({@code Engine.connect}, so with exactly the engine's URL settings).
 * Every value of every row goes into a {@link Blackhole}.
 *
 * <p>The table is pgbench's {@code pgbench_accounts} shape with 10 000 rows, as
 * {@code accounts(aid int primary key, bid int, abalance int, filler char(84))}. Key lookups
 * walk all keys in a scattered order (a stride coprime to the row count); the query texts and
 * parameter lists for every key are made at setup, so the harness allocates nothing per
 * operation.
 *
 * <ul>
 * <li>{@code rawH2_select1}: {@code Statement.executeQuery("select 1")} on one reused
 * statement.</li>
 * <li>{@code rawH2_pkLookup}: one {@code PreparedStatement} of
 * {@code select abalance from accounts where aid = ?}, a new key each time.</li>
 * <li>{@code rawH2_pkLookup_literal}: {@code Statement.executeQuery} with the key written into
 * the text, the engine-side cost of {@code pipeline_pkLookup_simple}.</li>
 * <li>{@code pipeline_select1_simple}: {@code simpleQuery("select 1")}.</li>
 * <li>{@code pipeline_pkLookup_simple}: simple query with the key as a literal (pgbench
 * {@code -M simple}).</li>
 * <li>{@code pipeline_pkLookup_prepared}: the statement prepared once with {@code $1},
 * executed with a new key each time (pgbench {@code -M prepared}).</li>
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
@Threads(1)
@Fork(2)
@Warmup(iterations = 10, time = 1)
@Measurement(iterations = 5, time = 1)
public class PipelineBenchmark {
    /** Rows in {@code accounts}. */
    static final int ROWS = 10_000;
    /** Visits every key once per round, far from the previous one (coprime to {@link #ROWS}). */
    private static final int STRIDE = 7_919;
    private static final String LOOKUP = "select abalance from accounts where aid = ";

    private BenchServer server;
    private Session session;
    private Connection raw;
    private Statement rawStatement;
    private PreparedStatement rawLookup;
    private String[] literalLookups;
    private List<List<Object>> keyParams;
    private int next;

    /** Start the server, connect a session and a raw connection, fill the table. */
    @Setup(Level.Trial)
    public void start() throws Exception {
        server = BenchServer.start(8);
        session = server.postmaster.sessions().connect("postgres", "postgres", Map.of());
        DatabaseInfo db = server.postmaster.catalog().database("postgres").orElseThrow();
        raw = server.postmaster.sessions().server().engine().connect(db.oid());
        session.simpleQuery("create table accounts (aid int primary key, bid int, abalance int, filler char(84))",
                new Sink(null));
        fill();
        rawStatement = raw.createStatement();
        rawLookup = raw.prepareStatement(LOOKUP + "?");
        session.prepare("lookup", LOOKUP + "$1");
        literalLookups = new String[ROWS + 1];
        keyParams = new ArrayList<>(ROWS + 1);
        keyParams.add(List.of());
        for (int aid = 1; aid <= ROWS; aid++) {
            literalLookups[aid] = LOOKUP + aid;
            keyParams.add(List.of(aid));
        }
        check();
    }

    private void fill() throws SQLException {
        raw.setAutoCommit(false);
        try (PreparedStatement insert = raw.prepareStatement("insert into accounts values (?, ?, ?, ?)")) {
            for (int aid = 1; aid <= ROWS; aid++) {
                insert.setInt(1, aid);
                insert.setInt(2, 1 + (aid - 1) / 100_000);
                insert.setInt(3, balance(aid));
                insert.setString(4, "");
                insert.addBatch();
            }
            insert.executeBatch();
        }
        raw.commit();
        raw.setAutoCommit(true);
    }

    /** A balance that identifies its row, so {@link #check()} sees the right row came back. */
    private static int balance(int aid) {
        return aid * 3;
    }

    /** Every variant returns the row it asked for (not measured). */
    private void check() throws SQLException {
        int aid = 4_321;
        Sink sink = new Sink(null);
        session.simpleQuery(literalLookups[aid], sink);
        expect(sink.last, balance(aid), "simple query");
        session.executePrepared("lookup", keyParams.get(aid), sink);
        expect(sink.last, balance(aid), "prepared statement");
        session.simpleQuery("select 1", sink);
        expect(sink.last, 1, "select 1");
        rawLookup.setInt(1, aid);
        try (ResultSet rs = rawLookup.executeQuery()) {
            rs.next();
            expect(rs.getObject(1), balance(aid), "raw lookup");
        }
    }

    private static void expect(Object actual, int expected, String what) {
        if (!(actual instanceof Number n) || n.intValue() != expected) {
            throw new IllegalStateException(what + " returned " + actual + ", expected " + expected);
        }
    }

    /** Close both connections and shut the server down. */
    @TearDown(Level.Trial)
    public void stop() throws SQLException {
        try {
            if (raw != null) {
                raw.close();
            }
            if (session != null) {
                session.close();
            }
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    private int nextKey() {
        next = (next + STRIDE) % ROWS;
        return next + 1;
    }

    /**
     * @param bh consumes the value
     * @throws SQLException from the engine
     */
    @Benchmark
    public void rawH2_select1(Blackhole bh) throws SQLException {
        try (ResultSet rs = rawStatement.executeQuery("select 1")) {
            consume(rs, bh);
        }
    }

    /**
     * @param bh consumes the value
     * @throws SQLException from the engine
     */
    @Benchmark
    public void rawH2_pkLookup(Blackhole bh) throws SQLException {
        rawLookup.setInt(1, nextKey());
        try (ResultSet rs = rawLookup.executeQuery()) {
            consume(rs, bh);
        }
    }

    /**
     * @param bh consumes the value
     * @throws SQLException from the engine
     */
    @Benchmark
    public void rawH2_pkLookup_literal(Blackhole bh) throws SQLException {
        try (ResultSet rs = rawStatement.executeQuery(literalLookups[nextKey()])) {
            consume(rs, bh);
        }
    }

    private static void consume(ResultSet rs, Blackhole bh) throws SQLException {
        int width = rs.getMetaData().getColumnCount();
        while (rs.next()) {
            for (int i = 1; i <= width; i++) {
                bh.consume(rs.getObject(i));
            }
        }
    }

    /** @param bh consumes the columns, the value and the completion */
    @Benchmark
    public void pipeline_select1_simple(Blackhole bh) {
        session.simpleQuery("select 1", new Sink(bh));
    }

    /** @param bh consumes the columns, the value and the completion */
    @Benchmark
    public void pipeline_pkLookup_simple(Blackhole bh) {
        session.simpleQuery(literalLookups[nextKey()], new Sink(bh));
    }

    /**
     * @param bh consumes the columns and the value
     * @return the completion
     */
    @Benchmark
    public QueryCompletion pipeline_pkLookup_prepared(Blackhole bh) {
        return session.executePrepared("lookup", keyParams.get(nextKey()), new Sink(bh));
    }

    /** A client that reads everything the session sends into a blackhole (or keeps the last value, for checks). */
    private static final class Sink implements ClientOutput {
        private final Blackhole bh;
        Object last;

        Sink(Blackhole bh) {
            this.bh = bh;
        }

        @Override
        public void startup(CommandType operation, List<Column> columns) {
            if (bh != null) {
                bh.consume(columns);
            }
        }

        @Override
        public boolean receive(Object[] row) {
            for (Object value : row) {
                last = value;
                if (bh != null) {
                    bh.consume(value);
                }
            }
            return true;
        }

        @Override
        public void shutdown() {
        }

        @Override
        public void commandComplete(QueryCompletion completion) {
            if (bh != null) {
                bh.consume(completion);
            }
        }
    }
}
