package org.elephas.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import org.elephas.benchmarks.report.HookPairs;
import org.elephas.benchmarks.report.Series;
import org.elephas.benchmarks.report.SeriesFile;

/**
 * Not JMH: what PostgreSQL 15's own {@code pg_stat_statements} and {@code auto_explain} add to
 * a statement, measured on this machine the way {@link HookPairBenchmark} measures Elephas's
 * samples, so that the report can put the two side by side from one run (this machine's speed
 * drifts between runs by more than either figure).
 *
 * <p>Three PostgreSQL servers in a temporary directory: {@code plain} (defaults), {@code hooked}
 * ({@code shared_preload_libraries = 'pg_stat_statements,auto_explain'},
 * {@code auto_explain.log_min_duration = 1s}: every statement timed, none logged; the rest
 * default, so pg_stat_statements tracks top-level statements and computes query ids) and
 * {@code control}, a second plain server. Per server, pgjdbc opens a simple-protocol connection
 * ({@code preferQueryMode=simple}) for {@code SELECT 1} and the primary-key lookup with a literal,
 * and an extended-protocol one whose lookup is a server-side prepared statement
 * ({@code prepareThreshold=1}, checked in {@code pg_prepared_statements}); the {@code accounts}
 * table and key sequence are {@link AccountLookups}'.
 *
 * <p>The figure is the backend's CPU time ({@code /proc/PID/schedstat}, nanoseconds on a CPU;
 * the client's and the wire's waiting are not in it). After a warm-up, rounds run, per
 * statement, one batch of about {@value #BATCH_MILLIS} ms of backend CPU on each server, in an
 * order rotated from round to round. A pair is the hooked server's batch minus the plain
 * server's of the same round; the control's pairs (control minus plain) show what two servers
 * without hooks differ by, the pairing's bias. A "fork" here is one start of the three servers
 * (a fresh postmaster, fresh connections): PostgreSQL has no JIT warm-up, so one is enough.
 * Afterwards it checks that pg_stat_statements counted the statements and that the plain
 * servers preload nothing. The servers are always stopped (fast shutdown) and their directory
 * removed, also when it fails or is interrupted.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar org.elephas.benchmarks.PgHookPairBenchmark [FORKS [WARMUP_S [MEASURE_S]]] [OUT.json]
 * </pre>
 * Defaults: 1 fork, 5 s warm-up, 30 s of rounds; {@code OUT.json} (or the {@code RESULTS}
 * environment variable) receives the samples in the report's results format, system
 * {@value HookPairs#POSTGRES}, under {@link HookPairs}' names. {@code PG_BIN} selects the
 * PostgreSQL installation ({@link PgServer#bin()}).
 */
public final class PgHookPairBenchmark {
    static final int BATCH_MILLIS = HookPairBenchmark.BATCH_MILLIS;
    private static final List<String> LIBRARIES = List.of("pg_stat_statements", "auto_explain");
    /** The servers' configurations, in the order of {@link #SERVERS}. */
    private static final List<String> CONFIGURATIONS = List.of(HookPairs.NONE, HookPairs.BOTH, HookPairs.CONTROL);
    private static final List<String> SERVERS = List.of("plain", "hooked", "control");

    private PgHookPairBenchmark() {
    }

    /**
     * @param args forks, warm-up seconds, measured seconds (numbers first, all optional), output path
     * @throws Exception when a server or a check fails
     */
    public static void main(String[] args) throws Exception {
        PairedBatches.Arguments arguments = PairedBatches.Arguments.parse(args, 1, 5, 30);
        int forks = arguments.forks();
        int warmup = arguments.warmup();
        int measure = arguments.measure();
        String out = arguments.out();

        Path bin = PgServer.bin();
        Path pkglibdir = PgServer.pkglibdir(bin);
        for (String library : LIBRARIES) {
            if (!Files.exists(pkglibdir.resolve(library + ".so"))) {
                throw new IllegalStateException(library + ".so is not in " + pkglibdir
                        + " (Debian: it ships with postgresql-15; other builds: contrib)");
            }
        }
        Cluster cluster = new Cluster();
        Thread onExit = new Thread(cluster::close, "stop PostgreSQL servers");
        Runtime.getRuntime().addShutdownHook(onExit);
        List<Series> all = new ArrayList<>();
        String version;
        try {
            cluster.add(PgServer.initdb(bin, cluster.dir, SERVERS.get(0), Map.of()));
            cluster.add(PgServer.initdb(bin, cluster.dir, SERVERS.get(1), Map.of(
                    "shared_preload_libraries", "'" + String.join(",", LIBRARIES) + "'",
                    "auto_explain.log_min_duration", "'1s'")));
            cluster.add(PgServer.initdb(bin, cluster.dir, SERVERS.get(2), Map.of()));
            version = "?";
            for (int f = 1; f <= forks; f++) {
                Fork fork = new Fork(f, warmup, measure);
                all = HookPairBenchmark.merge(all, fork.run(cluster.servers()));
                version = fork.version;
            }
        } finally {
            cluster.close();
            try {
                Runtime.getRuntime().removeShutdownHook(onExit);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs or ran; close() is idempotent
            }
        }
        print(all, forks);
        if (out != null && !out.isEmpty()) {
            SeriesFile.write(Path.of(out), "What pg_stat_statements + auto_explain add per statement in PostgreSQL 15, paired",
                    notes(forks, warmup, measure, version), all);
            System.out.println("wrote " + out);
        }
    }

    private static List<String> notes(int forks, int warmup, int measure, String version) {
        String starts = forks == 1 ? "1 start" : forks + " starts";
        return List.of(version + "; " + starts + " of three servers; per start " + warmup + " s warm-up, then "
                + measure + " s of rounds; a round = per statement one ~" + BATCH_MILLIS
                + " ms batch (backend CPU) on each server, order rotated per round",
                "backend CPU time per statement (/proc/PID/schedstat); a sample of what the hooks add = the batch of the"
                + " server preloading pg_stat_statements and auto_explain (auto_explain.log_min_duration = 1s,"
                + " pg_stat_statements defaults: track = top, compute_query_id = auto) minus the batch of a server"
                + " preloading nothing, same round; control = a second server preloading nothing, paired the same way",
                "pgjdbc over 127.0.0.1: preferQueryMode=simple for the simple statements, the extended protocol with a"
                + " server-side prepared statement (prepareThreshold=1) for the prepared lookup");
    }

    private static void print(List<Series> all, int forks) {
        for (String statement : HookPairs.STATEMENTS) {
            StringBuilder line = new StringBuilder(statement + ": backend CPU per statement");
            for (int c = 0; c < CONFIGURATIONS.size(); c++) {
                String measure = HookPairs.cpu(statement, CONFIGURATIONS.get(c));
                String server = SERVERS.get(c);
                all.stream().filter(s -> s.measure().equals(measure)).findFirst()
                        .ifPresent(s -> line.append(String.format(Locale.ROOT, "  %s %.3f us", server, s.stats().median())));
            }
            System.out.println(line);
            for (String c : CONFIGURATIONS.subList(1, CONFIGURATIONS.size())) {
                String wall = HookPairs.addedWall(statement, c);
                double wallMedian = all.stream().filter(s -> s.measure().equals(wall)).findFirst()
                        .map(s -> s.stats().median()).orElse(Double.NaN);
                PairedBatches.Pooled pooled = PairedBatches.Pooled.of(all, HookPairs.POSTGRES, statement, c, forks);
                if (pooled != null) {
                    var st = pooled.stats();
                    String perFork = pooled.perFork();
                    String label = c.equals(HookPairs.BOTH) ? "pg_stat_statements + auto_explain" : "control (plain B - plain)";
                    System.out.printf(Locale.ROOT, "  %-34s adds %.3f us (p25 %.3f, p75 %.3f, n %d; starts:%s; wall %.3f us)%n",
                            label, st.median(), st.p25(), st.p75(), st.n(), perFork, wallMedian);
                }
            }
        }
    }

    /** The servers and their temporary directory, stopped and removed once, by whoever comes first. */
    private static final class Cluster {
        final Path dir;
        private final List<PgServer> servers = new ArrayList<>();
        private boolean closed;

        Cluster() throws IOException {
            dir = Files.createTempDirectory("pg-hook-pairs");
            // The user postgres must enter it to reach its servers' directories.
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        }

        synchronized void add(PgServer server) {
            servers.add(server);
        }

        synchronized List<PgServer> servers() {
            return List.copyOf(servers);
        }

        synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            servers.forEach(PgServer::close);
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            } catch (IOException e) {
                System.err.println("could not remove " + dir + ": " + e.getMessage());
            }
        }
    }

    /** A statement run once on a client's connection. */
    @FunctionalInterface
    private interface Kind {
        void run(Client client) throws SQLException;
    }

    /** One server's two connections, their backends' CPU clocks and the lookups' keys. */
    private static final class Client implements AutoCloseable {
        final String server;
        final Connection simple;
        final Connection extended;
        final Statement statement;
        final PreparedStatement lookup;
        final Path simpleClock;
        final Path extendedClock;
        final AccountLookups keys = new AccountLookups();
        /** Statements run, per kind (for the pg_stat_statements check). */
        final long[] executed = new long[HookPairs.STATEMENTS.size()];
        int sink;

        Client(PgServer server) throws SQLException {
            this.server = server.name();
            simple = server.connect(Map.of("preferQueryMode", "simple"));
            extended = server.connect(Map.of("preferQueryMode", "extended", "prepareThreshold", "1"));
            statement = simple.createStatement();
            lookup = extended.prepareStatement(AccountLookups.LOOKUP + "?");
            simpleClock = clock(simple);
            extendedClock = clock(extended);
        }

        private static Path clock(Connection c) throws SQLException {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select pg_backend_pid()")) {
                rs.next();
                return Path.of("/proc", Integer.toString(rs.getInt(1)), "schedstat");
            }
        }

        void select1() throws SQLException {
            try (ResultSet rs = statement.executeQuery("select 1")) {
                rs.next();
                sink += rs.getInt(1);
            }
            executed[0]++;
        }

        void lookupSimple() throws SQLException {
            try (ResultSet rs = statement.executeQuery(keys.literal(keys.nextKey()))) {
                rs.next();
                sink += rs.getInt(1);
            }
            executed[1]++;
        }

        void lookupPrepared() throws SQLException {
            lookup.setInt(1, keys.nextKey());
            try (ResultSet rs = lookup.executeQuery()) {
                rs.next();
                sink += rs.getInt(1);
            }
            executed[2]++;
        }

        /** @return the CPU time so far of the backend that runs statements of kind {@code k}, in ns */
        long cpuNanos(int k) throws IOException {
            String stat = Files.readString(k == 2 ? extendedClock : simpleClock);
            return Long.parseLong(stat.substring(0, stat.indexOf(' ')));
        }

        /** A query's one value, as text, on the simple connection. */
        String value(String sql) throws SQLException {
            return value(simple, sql);
        }

        static String value(Connection c, String sql) throws SQLException {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                if (!rs.next()) {
                    throw new IllegalStateException("no row: " + sql);
                }
                return rs.getString(1);
            }
        }

        @Override
        public void close() throws SQLException {
            try {
                simple.close();
            } finally {
                extended.close();
            }
        }
    }

    /** One start of the servers: connections, warm-up, rounds, checks. */
    private static final class Fork {
        private final int fork;
        private final long warmupNanos;
        private final long measureNanos;
        String version = "?";

        Fork(int fork, int warmupSeconds, int measureSeconds) {
            this.fork = fork;
            this.warmupNanos = warmupSeconds * 1_000_000_000L;
            this.measureNanos = measureSeconds * 1_000_000_000L;
        }

        List<Series> run(List<PgServer> servers) throws Exception {
            List<Client> clients = new ArrayList<>();
            try {
                for (PgServer s : servers) {
                    s.start();
                    clients.add(new Client(s));
                }
                version = "PostgreSQL " + clients.get(0).value("show server_version") + ", pgjdbc "
                        + clients.get(0).simple.getMetaData().getDriverVersion();
                for (Client c : clients) {
                    setUp(c);
                }
                checkPreloads(clients);
                return measure(clients);
            } finally {
                for (Client c : clients) {
                    c.close();
                }
                for (PgServer s : servers) {
                    s.stop();
                }
            }
        }

        /** The {@code accounts} table of HookPairBenchmark, once (it outlives a restart), and the lookups' check. */
        private void setUp(Client c) throws SQLException {
            if (Client.value(c.simple, "select count(*) from pg_class where relname = 'accounts'").equals("0")) {
                try (Statement s = c.simple.createStatement()) {
                    s.execute("create table accounts (aid int primary key, bid int, abalance int, filler char(84))");
                    s.execute("insert into accounts select x, 1, x * 3, '' from generate_series(1, " + AccountLookups.ROWS
                            + ") as x");
                    // Settled visibility and statistics now, rather than autovacuum's visit during the rounds.
                    s.execute("vacuum analyze accounts");
                }
            }
            int aid = 4_321;
            SessionStatements.expect(Integer.valueOf(Client.value(c.simple, AccountLookups.LOOKUP + aid)),
                    AccountLookups.balance(aid), c.server + ": simple lookup");
            c.lookup.setInt(1, aid);
            try (ResultSet rs = c.lookup.executeQuery()) {
                rs.next();
                SessionStatements.expect(rs.getInt(1), AccountLookups.balance(aid), c.server + ": prepared lookup");
            }
        }

        /**
         * The hooked server preloads both libraries and computes query ids (pg_stat_statements
         * asks for them); the others preload nothing and compute none.
         */
        private static void checkPreloads(List<Client> clients) throws SQLException {
            for (int i = 0; i < clients.size(); i++) {
                Client c = clients.get(i);
                boolean hooked = CONFIGURATIONS.get(i).equals(HookPairs.BOTH);
                String preload = c.value("show shared_preload_libraries");
                String queryId = c.value("select coalesce(query_id::text, 'none') from pg_stat_activity where pid = pg_backend_pid()");
                if (hooked ? !preload.equals(String.join(",", LIBRARIES)) || queryId.equals("none")
                        || !c.value("show auto_explain.log_min_duration").equals("1s")
                        : !preload.isEmpty() || !queryId.equals("none")) {
                    throw new IllegalStateException(c.server + ": shared_preload_libraries = '" + preload + "', query id "
                            + queryId);
                }
            }
        }

        private List<Series> measure(List<Client> clients) throws Exception {
            List<Kind> kinds = List.of(Client::select1, Client::lookupSimple, Client::lookupPrepared);
            int nk = kinds.size();
            int ns = clients.size();

            // Warm-up: every statement on every server, in turn; then a batch size per statement
            // from the plain server's median (one batch alone moves by 2x on a busy machine).
            long[] batch = new long[nk];
            Arrays.fill(batch, 200);
            List<List<Double>> nanosPerStatement = new ArrayList<>();
            for (int k = 0; k < nk; k++) {
                nanosPerStatement.add(new ArrayList<>());
            }
            long end = System.nanoTime() + warmupNanos;
            for (int round = 0; System.nanoTime() < end || round < 2; round++) {
                for (int k = 0; k < nk; k++) {
                    for (int j = 0; j < ns; j++) {
                        int s = (j + round) % ns;
                        Client c = clients.get(s);
                        long t0 = c.cpuNanos(k);
                        run(kinds.get(k), c, batch[k]);
                        if (s == 0) {
                            nanosPerStatement.get(k).add((c.cpuNanos(k) - t0) / (double) batch[k]);
                        }
                    }
                }
            }
            for (int k = 0; k < nk; k++) {
                double median = Series.of(HookPairs.POSTGRES, "", "ns", nanosPerStatement.get(k)).stats().median();
                if (median <= 0) {
                    throw new IllegalStateException("/proc/PID/schedstat shows no CPU time for " + HookPairs.STATEMENTS.get(k));
                }
                batch[k] = Math.max(100, (long) (BATCH_MILLIS * 1e6 / median));
            }
            checkServerPrepared(clients);

            // Rounds: per statement a batch on each server, the order rotated per round.
            List<List<List<Double>>> cpuList = PairedBatches.lists(nk, ns);
            List<List<List<Double>>> wall = PairedBatches.lists(nk, ns);
            end = System.nanoTime() + measureNanos;
            for (int round = 0; System.nanoTime() < end || round < 4; round++) {
                for (int i = 0; i < nk; i++) {
                    int k = (i + round) % nk;
                    for (int j = 0; j < ns; j++) {
                        int s = (j + round) % ns;
                        Client c = clients.get(s);
                        long c0 = c.cpuNanos(k);
                        long w0 = System.nanoTime();
                        run(kinds.get(k), c, batch[k]);
                        long w1 = System.nanoTime();
                        long c1 = c.cpuNanos(k);
                        cpuList.get(k).get(s).add((c1 - c0) / 1000.0 / batch[k]);
                        wall.get(k).get(s).add((w1 - w0) / 1000.0 / batch[k]);
                    }
                }
            }
            checkTracked(clients);
            System.out.printf(Locale.ROOT, "start %d: batches of %s statements; %d rounds%n", fork, Arrays.toString(batch),
                    cpuList.get(0).get(0).size());
            return series(cpuList, wall);
        }

        private static void run(Kind kind, Client c, long n) throws SQLException {
            for (long i = 0; i < n; i++) {
                kind.run(c);
            }
        }

        /** pgjdbc runs the lookup as a named statement on the server, not an unnamed one per execution. */
        private static void checkServerPrepared(List<Client> clients) throws SQLException {
            for (Client c : clients) {
                String n = Client.value(c.extended, "select count(*) from pg_prepared_statements where statement = '"
                        + AccountLookups.LOOKUP + "$1'");
                if (!n.equals("1")) {
                    throw new IllegalStateException(c.server + ": the lookup is not a server-side prepared statement ("
                            + n + " in pg_prepared_statements)");
                }
            }
        }

        /** pg_stat_statements counted every statement the hooked server ran (the view needs the extension). */
        private static void checkTracked(List<Client> clients) throws SQLException {
            Client c = clients.get(CONFIGURATIONS.indexOf(HookPairs.BOTH));
            long[] expected = c.executed.clone();
            try (Statement s = c.simple.createStatement()) {
                s.execute("create extension if not exists pg_stat_statements");
            }
            long select1 = Long.parseLong(c.value("select coalesce(sum(calls), 0) from pg_stat_statements where query = 'select $1'"));
            long lookups = Long.parseLong(c.value("select coalesce(sum(calls), 0) from pg_stat_statements where query = '"
                    + AccountLookups.LOOKUP + "$1'"));
            if (select1 < expected[0] || lookups < expected[1] + expected[2]) {
                throw new IllegalStateException("pg_stat_statements counted " + select1 + " select 1 and " + lookups
                        + " lookups, expected at least " + expected[0] + " and " + (expected[1] + expected[2]));
            }
            System.out.printf(Locale.ROOT, "pg_stat_statements counted %d select 1 and %d lookups (this start ran %d and %d)%n",
                    select1, lookups, expected[0], expected[1] + expected[2]);
        }

        private List<Series> series(List<List<List<Double>>> cpu, List<List<List<Double>>> wall) {
            return PairedBatches.series(HookPairs.POSTGRES, CONFIGURATIONS, cpu, wall, fork);
        }
    }
}
