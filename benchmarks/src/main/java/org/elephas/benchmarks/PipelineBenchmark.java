package org.elephas.benchmarks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.elephas.api.sql.QueryCompletion;
import org.elephas.catalog.DatabaseInfo;
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

    private BenchServer server;
    private Session session;
    private Connection raw;
    private Statement rawStatement;
    private PreparedStatement rawLookup;
    private final AccountLookups lookups = new AccountLookups();
    private SessionStatements statements;

    /** Start the server, connect a session and a raw connection, fill the table. */
    @Setup(Level.Trial)
    public void start() throws Exception {
        server = BenchServer.start(8);
        session = server.postmaster.sessions().connect("postgres", "postgres", Map.of());
        DatabaseInfo db = server.postmaster.catalog().database("postgres").orElseThrow();
        raw = server.postmaster.sessions().server().engine().connect(db.oid());
        session.simpleQuery("create table accounts (aid int primary key, bid int, abalance int, filler char(84))",
                new BlackholeClient(null));
        fill();
        rawStatement = raw.createStatement();
        rawLookup = raw.prepareStatement(AccountLookups.LOOKUP + "?");
        statements = new SessionStatements(session);
        statements.check();
        check();
    }

    private void fill() throws SQLException {
        raw.setAutoCommit(false);
        try (PreparedStatement insert = raw.prepareStatement("insert into accounts values (?, ?, ?, ?)")) {
            for (int aid = 1; aid <= AccountLookups.ROWS; aid++) {
                insert.setInt(1, aid);
                insert.setInt(2, 1 + (aid - 1) / 100_000);
                insert.setInt(3, AccountLookups.balance(aid));
                insert.setString(4, "");
                insert.addBatch();
            }
            insert.executeBatch();
        }
        raw.commit();
        raw.setAutoCommit(true);
    }


    /** The raw engine's lookup returns the row it asked for (not measured; the session's are checked by {@link SessionStatements#check}). */
    private void check() throws SQLException {
        int aid = 4_321;
        rawLookup.setInt(1, aid);
        try (ResultSet rs = rawLookup.executeQuery()) {
            rs.next();
            SessionStatements.expect(rs.getObject(1), AccountLookups.balance(aid), "raw lookup");
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
        rawLookup.setInt(1, lookups.nextKey());
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
        try (ResultSet rs = rawStatement.executeQuery(lookups.literal(lookups.nextKey()))) {
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
        statements.select1(new BlackholeClient(bh));
    }

    /** @param bh consumes the columns, the value and the completion */
    @Benchmark
    public void pipeline_pkLookup_simple(Blackhole bh) {
        statements.lookupSimple(new BlackholeClient(bh));
    }

    /**
     * @param bh consumes the columns and the value
     * @return the completion
     */
    @Benchmark
    public QueryCompletion pipeline_pkLookup_prepared(Blackhole bh) {
        return statements.lookupPrepared(new BlackholeClient(bh));
    }
}
