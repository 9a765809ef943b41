package org.elephas.launcher;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.elephas.api.LogLevel;
import org.elephas.log.ServerLog;
import org.elephas.postmaster.Postmaster;
import org.elephas.postmaster.PostmasterOptions;
import org.elephas.postmaster.StartupFailure;

/**
 * Runs one server in the foreground, from a checked command line to an exit status.
 *
 * <p>Protocol:
 * <ol>
 * <li>Check (or create) the data directory, take its lock file, initialise the directory if it is
 *     new. A failure here is logged as FATAL and gives status 1; nothing is left behind but what
 *     the directory had before (and a directory created for it).</li>
 * <li>Install the shutdown hook and the signal handlers, then start the postmaster. SIGTERM and
 *     SIGINT call {@link Postmaster#shutdown()} at once, even during startup (a request that comes
 *     before startup begins means it never begins); SIGHUP during startup is kept and delivered as
 *     {@link Postmaster#reload()} when startup has finished, and at once after that.</li>
 * <li>A {@link StartupFailure} is logged as FATAL with its DETAIL and HINT: status 1.</li>
 * <li>Otherwise the lock file says {@code ready} and the launcher waits for the postmaster to
 *     terminate, whoever asked; then it removes the lock file: status 0.</li>
 * </ol>
 * The shutdown hook covers every other way the JVM ends (System.exit elsewhere, a signal the
 * launcher does not handle such as SIGPWR): it shuts the postmaster down and removes the lock
 * file. {@link Postmaster#shutdown()} is called at most once by the launcher.
 */
public final class ForegroundServer {
    private final Distribution distribution;
    private final DataDirectory dataDirectory;
    private final Map<String, String> settings;
    private final ServerLog log;
    private final long pid = ProcessHandle.current().pid();

    private volatile Postmaster postmaster;
    private volatile LockFile lockFile;
    private volatile boolean startBegun;
    private volatile boolean shutdownWanted;
    private volatile boolean running;
    private final AtomicBoolean reloadPending = new AtomicBoolean();
    private final AtomicBoolean shutdownCalled = new AtomicBoolean();

    /**
     * @param distribution the distribution the server runs from
     * @param dataDirectory the data directory as given (made absolute)
     * @param settings run-time parameters from the command line
     * @param log the server log
     */
    public ForegroundServer(Distribution distribution, Path dataDirectory, Map<String, String> settings,
            ServerLog log) {
        this.distribution = distribution;
        this.dataDirectory = new DataDirectory(dataDirectory);
        this.settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings)); // keeps the order
        this.log = log;
    }

    /**
     * Run the server until it terminates.
     *
     * @return the process exit status: 0 after an orderly shutdown, 1 if it could not start
     */
    public int run() {
        long startTime = System.currentTimeMillis() / 1000;
        try {
            dataDirectory.prepare();
            lockFile = LockFile.acquire(dataDirectory.path(), pid, startTime, settings.get("port"),
                    settings.get("listen_addresses"));
        } catch (StartupFailure failure) {
            fatal(failure);
            return 1;
        }
        try {
            dataDirectory.initialiseIfNeeded(distribution.defaultConfiguration(), log);
        } catch (StartupFailure failure) {
            lockFile.close();
            fatal(failure);
            return 1;
        }

        postmaster = new Postmaster(new PostmasterOptions(dataDirectory.path(), distribution.home(),
                settings, log));
        Thread hook = new Thread(this::exitingJvm, "elephas-shutdown-hook");
        Runtime.getRuntime().addShutdownHook(hook);
        OsSignals signals = OsSignals.install(new OsSignals.Listener() {
            @Override
            public void shutdownRequested(String signal) {
                requestShutdown();
            }

            @Override
            public void reloadRequested() {
                requestReload();
            }
        });
        if (signals.installed().size() < 3) {
            log.log(LogLevel.DEBUG1, "signals handled: " + String.join(", ", signals.installed())
                    + " (the others were ignored when the server started, or the JVM reserves them)");
        }

        int status = startAndWait();
        lockFile.close();
        removeHook(hook);
        return status;
    }

    private int startAndWait() {
        startBegun = true;
        if (shutdownWanted) {
            return 0; // asked to stop before anything started
        }
        try {
            postmaster.start();
        } catch (StartupFailure failure) {
            fatal(failure);
            return 1;
        } catch (RuntimeException | Error e) {
            // The stack goes into DETAIL so that stderr holds only server log lines.
            java.io.StringWriter stack = new java.io.StringWriter();
            e.printStackTrace(new java.io.PrintWriter(stack));
            log.log(LogLevel.FATAL, "could not start server: " + e, stack.toString().strip(), null);
            callShutdown();
            return 1;
        }
        setStatus(LockFile.Status.READY);
        running = true;
        if (reloadPending.getAndSet(false)) {
            postmaster.reload();
        }
        try {
            postmaster.awaitTermination();
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            callShutdown();
            return 1;
        }
    }

    private void requestShutdown() {
        shutdownWanted = true;
        if (startBegun) {
            callShutdown();
        }
    }

    private void requestReload() {
        if (running) {
            postmaster.reload();
        } else {
            reloadPending.set(true);
            if (running && reloadPending.getAndSet(false)) {
                postmaster.reload(); // startup finished while we were setting the flag
            }
        }
    }

    private void callShutdown() {
        if (shutdownCalled.compareAndSet(false, true)) {
            setStatus(LockFile.Status.STOPPING);
            postmaster.shutdown();
        }
    }

    /** The shutdown hook: the JVM is ending without the launcher's orderly path. */
    private void exitingJvm() {
        try {
            callShutdown();
        } finally {
            lockFile.close();
        }
    }

    private void setStatus(LockFile.Status status) {
        try {
            lockFile.update(status);
        } catch (IOException e) {
            log.log(LogLevel.WARNING, "could not write lock file \"" + lockFile.path() + "\": "
                    + DataDirectory.reason(e));
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down; the hook's work is idempotent
        }
    }

    private void fatal(StartupFailure failure) {
        log.log(LogLevel.FATAL, failure.getMessage(), failure.detail(), failure.hint());
    }
}
