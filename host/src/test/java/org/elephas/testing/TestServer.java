package org.elephas.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import org.elephas.backend.ProcArray;
import org.elephas.bgworker.WorkerInfo;
import org.elephas.fixtures.gucs.GucExtension;
import org.elephas.fixtures.workers.LibraryExtension;
import org.elephas.fixtures.workers.ManyExtension;
import org.elephas.fixtures.workers.StaticExtension;
import org.elephas.fixtures.workers.ThrowingExtension;
import org.elephas.log.ServerLog;
import org.elephas.postmaster.Phase;
import org.elephas.postmaster.Postmaster;
import org.elephas.postmaster.PostmasterOptions;
import org.elephas.postmaster.StartupFailure;

/**
 * A real postmaster in the test's JVM, with real Felix and the fixture bundles in its
 * {@code bundle_directory}, its log captured.
 */
public final class TestServer implements AutoCloseable {
    /** Patience for anything asynchronous: generous, since CI machines are loaded. */
    public static final Duration PATIENCE = Duration.ofSeconds(30);

    private final LogCapture log = new LogCapture();
    private final Postmaster postmaster;
    private final List<Phase> phases = new CopyOnWriteArrayList<>();
    private final Map<Phase, List<WorkerInfo>> workersAtPhase = new LinkedHashMap<>();

    private TestServer(Path root, Map<String, String> settings) {
        this(root, settings, "# test server: settings come as -c\n");
    }

    private TestServer(Path root, Map<String, String> settings, String configFile) {
        Path home = root.resolve("home");
        Path bundles = home.resolve("bundles");
        try {
            Files.createDirectories(bundles);
            Files.createDirectories(root.resolve("data"));
            Files.createDirectories(root.resolve("data/deploy"));
            Files.writeString(root.resolve("data/elephas.conf"), configFile);
            if (!Files.exists(root.resolve("data/hba.conf"))) {
                Files.writeString(root.resolve("data/hba.conf"), org.elephas.launcher.DataDirectory.HBA_TEXT);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        FixtureBundles.build(bundles, "fx_lib", LibraryExtension.class);
        FixtureBundles.build(bundles, "fx_static", StaticExtension.class);
        FixtureBundles.build(bundles, "fx_many", ManyExtension.class);
        FixtureBundles.build(bundles, "fx_throws", ThrowingExtension.class);
        FixtureBundles.build(bundles, "fx_guc", GucExtension.class);
        ProcArray pids = new ProcArray();
        ServerLog serverLog = new ServerLog(log.stream(), pids::pidOfCaller);
        // Tests listen only when they ask to (listen_addresses), and then on a free port by default.
        Map<String, String> effective = new java.util.HashMap<>(settings);
        effective.putIfAbsent("listen_addresses", "");
        effective.putIfAbsent("port", "0");
        postmaster = new Postmaster(new PostmasterOptions(root.resolve("data"), home, effective, serverLog));
        postmaster.addPhaseListener(p -> {
            phases.add(p);
            synchronized (workersAtPhase) {
                workersAtPhase.put(p, postmaster.workers().snapshot());
            }
        });
    }

    /**
     * Start a server.
     *
     * @param root an empty directory for home and data
     * @param settings {@code -c} settings
     * @return the running server
     * @throws StartupFailure when it cannot start
     */
    public static TestServer start(Path root, Map<String, String> settings) throws StartupFailure {
        TestServer s = new TestServer(root, settings);
        s.postmaster.start();
        return s;
    }

    /**
     * Try to start a server that is expected to fail.
     *
     * @param root an empty directory
     * @param settings {@code -c} settings
     * @return the failure
     */
    public static StartupFailure startExpectingFailure(Path root, Map<String, String> settings) {
        return startExpectingFailure(root, settings, "");
    }

    /**
     * Try to start a server with a given configuration file, expecting it to fail.
     *
     * @param root an empty directory
     * @param settings {@code -c} settings
     * @param configFile the contents of {@code elephas.conf}
     * @return the failure
     */
    public static StartupFailure startExpectingFailure(Path root, Map<String, String> settings, String configFile) {
        TestServer s = new TestServer(root, settings, configFile);
        try {
            s.postmaster.start();
        } catch (StartupFailure e) {
            return e;
        }
        s.close();
        throw new AssertionError("the server started");
    }

    /**
     * Connect in process as the bootstrap superuser to {@code postgres}.
     *
     * @return the client
     */
    public SqlClient connect() {
        return connect("postgres", "postgres");
    }

    /**
     * Connect in process.
     *
     * @param database the database
     * @param role the role
     * @return the client
     */
    public SqlClient connect(String database, String role) {
        return new SqlClient(postmaster.sessions().connect(database, role, Map.of()));
    }

    /** @return the port the wire server listens on (tests start it with {@code listen_addresses}) */
    public int port() {
        return postmaster.wire().port();
    }

    /**
     * @param database the database
     * @return a pgjdbc URL for it on this server
     */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
    }

    /** @return the data directory */
    public Path dataDirectory() {
        return postmaster.dataDirectory();
    }

    /** @return the postmaster */
    public Postmaster postmaster() {
        return postmaster;
    }

    /** @return the captured log */
    public LogCapture log() {
        return log;
    }

    /** @return the phases entered, in order */
    public List<Phase> phases() {
        return new ArrayList<>(phases);
    }

    /**
     * @param phase a phase
     * @return the workers as they were once the phase's launches were done
     */
    public List<WorkerInfo> workersAt(Phase phase) {
        synchronized (workersAtPhase) {
            return workersAtPhase.getOrDefault(phase, List.of());
        }
    }

    /** @return the workers now */
    public List<WorkerInfo> workers() {
        return postmaster.workers().snapshot();
    }

    /**
     * @param name a worker's {@code bgw_name}
     * @return its row now
     */
    public WorkerInfo worker(String name) {
        return workers().stream().filter(w -> w.entry().name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no worker " + name + " in " + workers()));
    }

    /**
     * Poll a condition with a deadline.
     *
     * @param what what is awaited, for the failure message
     * @param condition the condition
     */
    public void awaitTrue(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what + "; log:\n" + log);
            }
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
        }
    }

    @Override
    public void close() {
        postmaster.shutdown();
    }
}
