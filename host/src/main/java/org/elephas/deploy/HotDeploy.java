package org.elephas.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import org.elephas.api.LogLevel;
import org.elephas.library.ExtensionLibrary;
import org.elephas.log.ServerLog;

/**
 * Hot deploy as the postmaster runs it: started at RUN on {@code deploy_directory}, moved when a
 * reload changes the parameter, stopped at shutdown. At each (re)start the directory is the
 * truth: what it holds is deployed, what was deployed from elsewhere is undeployed.
 */
public final class HotDeploy implements AutoCloseable {
    /**
     * How long a file must keep its size, time and identity before it is acted on, unless it is
     * a complete jar when its change is seen.
     */
    public static final long SETTLE_MILLIS = 100;
    /**
     * How long a deleted file must stay gone before it is undeployed: a tool that replaces a
     * file by deleting it and writing it again creates it anew within microseconds, and then
     * the two are one update.
     */
    public static final long DELETION_SETTLE_MILLIS = 25;

    private final ServerLog log;
    private final Deployer deployer;
    private volatile DeployWatcher watcher;
    private volatile Path directory;
    private boolean closed;

    /**
     * @param library the extension library
     * @param log the server log
     */
    public HotDeploy(ExtensionLibrary library, ServerLog log) {
        this.log = log;
        this.deployer = new Deployer(library, log, this::settleAgain);
    }

    /** Called on the deployer's thread: must not take this object's lock, which waits for it. */
    private void settleAgain(Path file) {
        DeployWatcher w = watcher;
        if (w != null) {
            w.settleAgain(file);
        }
    }

    /**
     * Watch a directory (the old one, if any, no longer) and make the framework match it.
     *
     * @param dir the directory, or null to disable hot deploy (everything deployed is undeployed)
     * @param await whether to wait until the framework matches it (at startup)
     */
    public synchronized void directory(Path dir, boolean await) {
        boolean same = dir == null ? directory == null : dir.equals(directory) && watcher != null;
        if (closed || same) {
            return;
        }
        if (watcher != null) {
            watcher.close();
            watcher = null;
        }
        directory = dir;
        if (dir != null) {
            try {
                if (!Files.isDirectory(dir)) {
                    throw new IOException("not a directory");
                }
                watcher = new DeployWatcher(dir, SETTLE_MILLIS, DELETION_SETTLE_MILLIS, deployer::submit,
                        this::lostEvents, log);
                log.log(LogLevel.DEBUG1, "watching \"deploy_directory\" \"" + dir + "\"");
            } catch (IOException | RuntimeException e) {
                log.log(LogLevel.WARNING, "could not watch \"deploy_directory\" \"" + dir + "\": " + e.getMessage(),
                        null, "Create the directory and reload the configuration.");
            }
        }
        // The watcher runs first, so nothing that happens during the look goes unseen.
        Future<?> done = deployer.synchronize(watcher == null ? null : dir);
        if (await) {
            try {
                done.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException e) {
                log.log(LogLevel.WARNING, "hot deploy of \"" + dir + "\" failed: " + e.getCause(), null, null);
            }
        }
    }

    /** Called on the watcher's thread: must not take this object's lock, which waits for it. */
    private void lostEvents() {
        deployer.synchronize(directory);
    }

    /** @return the watched directory, or null */
    public Path directory() {
        return directory;
    }

    /** Stop watching and acting; deployed bundles stay (the framework stops them at shutdown). */
    @Override
    public synchronized void close() {
        closed = true;
        if (watcher != null) {
            watcher.close();
            watcher = null;
        }
        deployer.close();
    }
}
