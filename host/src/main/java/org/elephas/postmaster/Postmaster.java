package org.elephas.postmaster;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Consumer;

import org.elephas.api.LogLevel;
import org.elephas.api.PgException;
import org.elephas.api.ipc.Signal;
import org.elephas.api.host.HostAccess;
import org.elephas.backend.Backend;
import org.elephas.backend.BackendThread;
import org.elephas.backend.ProcArray;
import org.elephas.backend.WaitEventRegistry;
import org.elephas.bgworker.EntryPoints;
import org.elephas.bgworker.WorkerSupervisor;
import org.elephas.framework.EmbeddedFramework;
import org.elephas.guc.GucConfigException;
import org.elephas.hooks.HookOwners;
import org.elephas.hooks.HookRegistry;
import org.elephas.hooks.PipelineHookKinds;
import org.elephas.hooks.RoleHookKinds;
import org.elephas.guc.GucRegistry;
import org.elephas.guc.GucSession;
import org.elephas.library.ExtensionLibrary;
import org.elephas.log.ServerLog;
import org.elephas.spi.HostSpi;
import org.elephas.spi.WorkerConnections;
import org.elephas.system.SystemObjectsSeed;
import org.osgi.framework.BundleException;

/**
 * The postmaster: takes the server through its phases and owns what runs in it.
 *
 * <p>Startup (DESIGN G2): INIT reads the configuration and starts the framework; PRELOAD loads
 * each of {@code shared_preload_bundles} in order, its {@code _PG_init} seeing preload in
 * progress (a missing or failing bundle stops startup); then the worker slots are created
 * (PostgreSQL's shared-memory initialisation) and STARTUP launches PostmasterStart workers;
 * CONSISTENT, once the engine is open, launches ConsistentState workers (the storage opens on
 * its own thread from INIT on, see {@link StorageStartup}); RUN launches
 * RecoveryFinished workers and logs that the server is ready. Shutdown terminates workers
 * (bounded by {@code bgworker_shutdown_timeout}), declares the postmaster dead to anything still
 * waiting, and stops the framework.
 */
public final class Postmaster {
    private final PostmasterOptions options;
    private final ServerLog log;
    private final ProcArray procs = new ProcArray();
    private final WaitEventRegistry waitEvents = new WaitEventRegistry();
    private final List<Consumer<Phase>> phaseListeners = new CopyOnWriteArrayList<>();
    private final CountDownLatch terminated = new CountDownLatch(1);
    private final Object shutdownLock = new Object();
    private volatile Phase phase = Phase.INIT;
    /** How long shutdown waits for client connections to send their last message and close. */
    private static final long WIRE_CLOSE_MILLIS = 5_000;
    private volatile org.elephas.wire.WireServer wire;
    private volatile boolean preloadInProgress;
    private static final String CONFIG_FILE = "elephas.conf";
    private static final String AUTO_CONFIG_FILE = "elephas.auto.conf";
    private static final String HBA_FILE = "hba.conf";

    private ServerSettings settings;
    private GucRegistry gucs;
    private EmbeddedFramework framework;
    private ExtensionLibrary library;
    private WorkerSupervisor supervisor;
    private ThreadPoolExecutor workerThreads;
    private ScheduledExecutorService timer;
    private HostBridge bridge;
    private volatile SqlLayer sql;
    /** The storage while it opens, until the SQL layer takes it (null before and after). */
    private StorageStartup storageStartup;
    private HookRegistry hooks;
    private volatile org.elephas.deploy.HotDeploy hotDeploy;
    /** How long a stopping bundle waits for calls inside its hooks. */
    private static final long HOOK_DRAIN_MILLIS = 10_000;
    private boolean shutDown;

    /** @param options what the launcher prepared */
    public Postmaster(PostmasterOptions options) {
        this.options = options;
        this.log = options.log();
    }

    /**
     * Be told of each phase once its workers have been launched (for tests and tools).
     *
     * @param listener called on the thread that changes the phase
     */
    public void addPhaseListener(Consumer<Phase> listener) {
        phaseListeners.add(listener);
    }

    /**
     * Bring the server up to RUN and log that it is ready.
     *
     * @throws StartupFailure when it cannot start; nothing is left running
     */
    public void start() throws StartupFailure {
        // Held for the whole startup: a shutdown request meanwhile waits for it to finish.
        synchronized (shutdownLock) {
            if (shutDown) {
                throw new StartupFailure("the server was shut down before it started", null, null, null);
            }
            startLocked();
        }
    }

    private void startLocked() throws StartupFailure {
        try {
            // The storage opens on its own thread meanwhile: the framework start and preloading
            // need none of it, and a boot is CPU-bound work that one thread left half done.
            storageStartup = StorageStartup.begin(options.dataDirectory(), SystemObjectsSeed.in(options.home()), log);
            init();
            preload();
            enter(Phase.STARTUP);
            // The engine has no recovery of its own to wait for: open means consistent.
            StorageStartup storage = storageStartup;
            storageStartup = null;
            sql = SqlLayer.open(storage, procs, gucs, log, this);
            enter(Phase.CONSISTENT);
            // As PostgreSQL's postmaster: open for business, say so, then launch the workers
            // that wait for it, so that their start does not hold up the first client.
            phase = Phase.RUN;
            startHotDeploy();
            startWire();
            log.write(LogLevel.LOG, procs.postmasterPidForLog(), "database system is ready to accept connections",
                    null, null);
            enter(Phase.RUN);
        } catch (StartupFailure e) {
            abandonStartup();
            throw e;
        } catch (RuntimeException e) {
            abandonStartup();
            throw new StartupFailure("could not start server: " + e, null, null, e);
        }
    }

    /** Listen for clients (DESIGN G2: connections are accepted from RUN on). */
    private void startWire() throws StartupFailure {
        try {
            wire = org.elephas.wire.WireServer.start(sql.sessions(), gucs, log, options.dataDirectory().resolve(HBA_FILE));
        } catch (java.io.IOException | IllegalArgumentException e) {
            throw new StartupFailure(e.getMessage(), null, null, e);
        }
    }

    /** @return the wire protocol server, or null before RUN */
    public org.elephas.wire.WireServer wire() {
        return wire;
    }

    private void abandonStartup() {
        shutDown = true;
        try {
            stopEverything();
        } finally {
            terminated.countDown();
        }
    }

    private void init() throws StartupFailure {
        gucs = new GucRegistry(log, Postmaster::callingGucSession, () -> preloadInProgress);
        Path data = options.dataDirectory();
        try {
            gucs.loadAtStartup(data.resolve(CONFIG_FILE), data.resolve(AUTO_CONFIG_FILE),
                    options.commandLineSettings());
        } catch (GucConfigException e) {
            throw new StartupFailure(e.getMessage(), e.detail(), e.hint(), e);
        }
        gucs.setOverride("data_directory", data.toAbsolutePath().toString());
        gucs.setOverride("config_file", data.resolve(CONFIG_FILE).toAbsolutePath().toString());
        gucs.setOverride("hba_file", data.resolve(HBA_FILE).toAbsolutePath().toString());
        gucs.addReloadListener(() -> procs.all().forEach(b -> b.signal(Signal.SIGHUP)));
        settings = ServerSettings.from(gucs, options);
        try {
            framework = EmbeddedFramework.start(options.dataDirectory().resolve("bundle-cache"));
        } catch (BundleException e) {
            throw new StartupFailure("could not start the OSGi framework: " + e.getMessage(), null, null, e);
        }
        library = new ExtensionLibrary(settings.bundleDirectory(), framework.context(), log);
        EntryPoints entryPoints = new EntryPoints(library);
        framework.context().addBundleListener(entryPoints::bundleChanged);
        workerThreads = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(),
                backendThreads("bgworker idle"));
        timer = Executors.newSingleThreadScheduledExecutor(daemonThreads("postmaster timer"));
        supervisor = new WorkerSupervisor(log, procs, entryPoints, workerThreads, timer, new WorkerSupervisor.Phases() {
            @Override
            public boolean mayLaunch(org.elephas.api.bgworker.BgWorkerStartTime startTime) {
                return phase.permits(startTime);
            }

            @Override
            public boolean shuttingDown() {
                return phase == Phase.SHUTDOWN;
            }
        }, settings.maxWorkerProcesses(), this::newBackendGucs);
        WorkerConnections connections = new WorkerConnections(this::sessions);
        hooks = new HookRegistry(HookOwners.finder(), log, HOOK_DRAIN_MILLIS);
        // Synchronous: a stopping bundle's hooks leave their chains, and calls inside them finish,
        // before its activator's stop and before its classes go.
        framework.context().addBundleListener(HookOwners.unloader(hooks));
        // Then its workers, then (once stopped) its parameters: see BundleUnloading.
        gucs.setDefinerLookup(BundleUnloading::callingBundle);
        framework.context().addBundleListener(new BundleUnloading(hooks, supervisor, gucs,
                () -> ((Integer) gucs.globalValue("bgworker_shutdown_timeout")).longValue()));
        log.setEmitLog(hooks.addChain(org.elephas.hooks.LogHookKinds.EMIT_LOG, log::emit)::head);
        // The SQL layer's chains are made when it opens, after preload; preloaded bundles install
        // their hooks in _PG_init, before that.
        hooks.expectChains(PipelineHookKinds.POST_PARSE_ANALYZE, PipelineHookKinds.PLANNER,
                PipelineHookKinds.PROCESS_UTILITY, PipelineHookKinds.EXECUTOR_CHECK_PERMS,
                PipelineHookKinds.EXECUTOR_START, PipelineHookKinds.EXECUTOR_RUN, PipelineHookKinds.EXECUTOR_FINISH,
                PipelineHookKinds.EXECUTOR_END, RoleHookKinds.CHECK_PASSWORD, RoleHookKinds.CLIENT_AUTHENTICATION);
        bridge = new HostBridge(log, procs, supervisor, waitEvents, gucs, () -> preloadInProgress, connections,
                new HostSpi(connections), hooks);
        HostAccess.install(bridge);
    }

    private void preload() throws StartupFailure {
        phase = Phase.PRELOAD;
        preloadInProgress = true;
        try {
            for (String name : settings.sharedPreloadBundles()) {
                try {
                    library.load(name, org.elephas.library.BundleOrigin.PRELOAD);
                } catch (PgException e) {
                    throw new StartupFailure(e.getMessage(), e.detail(),
                            "Check \"shared_preload_bundles\" and \"bundle_directory\" (" + library.directory() + ").", e);
                }
            }
        } finally {
            preloadInProgress = false;
        }
        supervisor.initializeSlots();
        notifyPhase(Phase.PRELOAD);
    }

    private void enter(Phase next) {
        phase = next;
        supervisor.maybeStartWorkers();
        notifyPhase(next);
    }

    private void notifyPhase(Phase p) {
        log.log(LogLevel.DEBUG1, "postmaster phase " + p);
        for (Consumer<Phase> l : phaseListeners) {
            l.accept(p);
        }
    }

    /**
     * Re-read the configuration files (SIGHUP, {@code pg_reload_conf()}): apply what may change,
     * then send {@code SIGHUP} to every backend, each of which adopts the new values when it
     * processes the reload.
     */
    public void reload() {
        log.write(LogLevel.LOG, procs.postmasterPidForLog(), "received SIGHUP, reloading configuration files", null,
                null);
        if (gucs != null) {
            gucs.reload();
        }
    }

    /**
     * Hot deploy (DESIGN G8) from RUN on: the initial look at {@code deploy_directory} finishes
     * before the server says it is ready, so the directory is the truth from the first client on.
     */
    private void startHotDeploy() {
        hotDeploy = new org.elephas.deploy.HotDeploy(library, log);
        hotDeploy.directory(deployDirectory(), true);
        gucs.addReloadListener(() -> {
            org.elephas.deploy.HotDeploy d = hotDeploy;
            if (d != null && phase == Phase.RUN) {
                d.directory(deployDirectory(), false);
            }
        });
    }

    /** {@code deploy_directory} resolved against the data directory, or null when empty. */
    private Path deployDirectory() {
        String value = (String) gucs.globalValue("deploy_directory");
        return value == null || value.isBlank() ? null
                : options.dataDirectory().resolve(value.trim()).toAbsolutePath().normalize();
    }

    /** Give a new backend its own parameter state, adopted anew when it processes a reload. */
    private void newBackendGucs(Backend backend) {
        GucSession session = gucs.newSession(() -> true);
        backend.setGucSession(session);
        backend.setConfigFileProcessor(session::adoptLatest);
    }

    private static GucSession callingGucSession() {
        Backend b = Backend.current();
        return b == null ? null : b.gucSession();
    }

    /**
     * Fast shutdown: terminate workers, stop the framework. Idempotent; a request during startup
     * waits for startup to finish (or fail) first.
     */
    public void shutdown() {
        synchronized (shutdownLock) {
            if (shutDown) {
                return;
            }
            shutDown = true;
            log.write(LogLevel.LOG, procs.postmasterPidForLog(), "received fast shutdown request", null, null);
            try {
                stopEverything();
                log.write(LogLevel.LOG, procs.postmasterPidForLog(), "database system is shut down", null, null);
            } finally {
                // Only now: whoever waits for termination may exit the JVM, so the last line
                // must already be written.
                terminated.countDown();
            }
        }
    }

    private void stopEverything() {
        phase = Phase.SHUTDOWN;
        try {
            if (hotDeploy != null) {
                hotDeploy.close();
            }
            if (supervisor != null) {
                supervisor.shutdown(((Integer) gucs.globalValue("bgworker_shutdown_timeout")).longValue());
            }
            if (wire != null) {
                wire.stopListening();
            }
            terminateClientBackends();
            if (wire != null) {
                wire.awaitConnectionsEnd(WIRE_CLOSE_MILLIS);
            }
            procs.postmasterLife().markDead();
            if (supervisor != null) {
                supervisor.wakeWaiters();
            }
            if (sql != null) {
                sql.close();
            } else if (storageStartup != null) {
                storageStartup.abandon();
            }
            if (framework != null) {
                framework.stop(10_000);
            }
        } finally {
            if (timer != null) {
                timer.shutdownNow();
            }
            if (workerThreads != null) {
                workerThreads.shutdown();
            }
            if (bridge != null) {
                HostAccess.uninstall(bridge);
            }
        }
    }

    private void terminateClientBackends() {
        for (Backend b : procs.all()) {
            if (b.kind() == Backend.Kind.CLIENT_BACKEND) {
                b.signal(Signal.SIGTERM);
            }
        }
    }

    /**
     * Wait until {@link #shutdown()} has completed.
     *
     * @throws InterruptedException if interrupted
     */
    public void awaitTermination() throws InterruptedException {
        terminated.await();
    }

    /** @return the current phase */
    public Phase phase() {
        return phase;
    }

    /** @return the worker supervisor (null before INIT) */
    public WorkerSupervisor workers() {
        return supervisor;
    }

    /** @return live backends by PID */
    public ProcArray procs() {
        return procs;
    }

    /** @return the wait events known to the server */
    public WaitEventRegistry waitEvents() {
        return waitEvents;
    }

    /** @return the extension library (null before INIT) */
    public ExtensionLibrary library() {
        return library;
    }

    /** @return the data directory */
    public Path dataDirectory() {
        return options.dataDirectory();
    }

    /** @return hot deploy (null before RUN) */
    public org.elephas.deploy.HotDeploy hotDeploy() {
        return hotDeploy;
    }

    /** @return the hook chains (null before INIT) */
    public HookRegistry hooks() {
        return hooks;
    }

    /** @return the session factory (null before CONSISTENT) */
    public org.elephas.session.Sessions sessions() {
        SqlLayer layer = sql;
        return layer == null ? null : layer.sessions();
    }

    /** @return the catalog (null before CONSISTENT) */
    public org.elephas.catalog.Catalog catalog() {
        SqlLayer layer = sql;
        return layer == null ? null : layer.catalog();
    }

    /** @return the configuration parameters (null before INIT) */
    public GucRegistry gucs() {
        return gucs;
    }

    /** Threads that run backends carry them in fields ({@link BackendThread}). */
    private static ThreadFactory backendThreads(String name) {
        return daemonThreads(name, BackendThread::new);
    }

    private static ThreadFactory daemonThreads(String name) {
        return daemonThreads(name, Thread::new);
    }

    private static ThreadFactory daemonThreads(String name, BiFunction<Runnable, String, Thread> newThread) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = newThread.apply(r, name + " " + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
