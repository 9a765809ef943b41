package org.elephas.deploy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.elephas.api.LogLevel;
import org.elephas.library.BundleOrigin;
import org.elephas.library.ExtensionLibrary;
import org.elephas.log.ServerLog;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * Makes the framework match {@code deploy_directory}, one file at a time, on one thread.
 *
 * <p>Protocol. Each file the deployer is given is looked at afresh: absent (or no longer in the
 * directory) and deployed means undeploy; present with the stamp last acted on means nothing;
 * otherwise it is read whole and checked ({@link DeployJar}). A file that is not a complete
 * bundle jar fails alone: logged, shown in {@code elephas_bundles}, and a running version of it
 * stays. A file whose stamp moved while it was read goes back to the watcher to settle. Then:
 * <ul>
 * <li>install: install from the bytes, start (its {@code _PG_init} runs here, at run time);
 * <li>update: stop (the host's bundle listeners take its hook links out of their chains and
 * drain them, then terminate its workers and wait for them, then its {@code _PG_fini} runs and
 * its parameters become placeholders), update from the bytes, refresh only the bundles wired to
 * its old revision, start;
 * <li>undeploy: the same stop, uninstall, refresh of what was wired to it.
 * </ul>
 * A batch installs and updates every file first and starts them after, so bundles dropped
 * together may depend on each other in any order; bundles left unresolved by an earlier batch
 * are retried after each batch that changed something. A bundle of the same symbolic or
 * extension name as one loaded otherwise (preloaded: pinned) or deployed from another file is
 * refused.
 */
public final class Deployer implements AutoCloseable {
    /** What the deployer knows of one file; only touched on its thread. */
    private static final class Deployed {
        final String location;
        Long bundleId;
        FileStamp actedOn;
        /** Refused for a name another bundle had: looked at again when a bundle leaves. */
        boolean refused;

        Deployed(String location) {
            this.location = location;
        }
    }

    private final ExtensionLibrary library;
    private final BundleContext context;
    private final ServerLog log;
    private final Consumer<Path> unsettled;
    private final ExecutorService thread;
    private final WiringRefresh refresh;
    private final Map<Path, Deployed> files = new HashMap<>();
    private Path directory;
    private boolean undeployedInBatch;

    /**
     * @param library the extension library (origins, errors, the framework)
     * @param log the server log
     * @param unsettled takes back a file that changed while it was read
     */
    public Deployer(ExtensionLibrary library, ServerLog log, Consumer<Path> unsettled) {
        this.library = library;
        this.context = library.context();
        this.log = log;
        this.unsettled = unsettled;
        this.refresh = new WiringRefresh(context, library, log);
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "deployer");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Make the framework match a directory: every file deployed from elsewhere is undeployed,
     * every bundle file in it is looked at.
     *
     * @param dir the directory, or null when hot deploy is disabled
     * @return done when the framework matches
     */
    public Future<?> synchronize(Path dir) {
        return thread.submit(() -> {
            directory = dir;
            Set<Path> all = new TreeSet<>(files.keySet());
            if (dir != null) {
                try (Stream<Path> list = Files.list(dir)) {
                    list.filter(DeployNames::isBundleName).forEach(all::add);
                } catch (IOException e) {
                    log.log(LogLevel.WARNING, "could not read \"deploy_directory\" \"" + dir + "\": " + e, null, null);
                }
            }
            apply(all);
        });
    }

    /**
     * Act on files that settled.
     *
     * @param changed the files
     * @return done when they were acted on
     */
    public Future<?> submit(Collection<Path> changed) {
        List<Path> batch = List.copyOf(changed);
        return thread.submit(() -> apply(batch));
    }

    private void apply(Collection<Path> batch) {
        List<Bundle> toStart = new ArrayList<>();
        Set<Bundle> changed = new LinkedHashSet<>();
        // Removals first: a bundle renamed to another file, or moved to a new directory, must
        // leave before its new file is looked at, or the new one would be refused as a duplicate.
        List<Path> ordered = new ArrayList<>();
        batch.stream().filter(f -> !present(f)).forEach(ordered::add);
        batch.stream().filter(this::present).forEach(ordered::add);
        undeployedInBatch = false;
        for (Path file : ordered) {
            lookSafely(file, toStart, changed);
        }
        if (undeployedInBatch) {
            // The name a refused file wanted may be free now.
            for (Map.Entry<Path, Deployed> e : new ArrayList<>(files.entrySet())) {
                if (e.getValue().refused) {
                    e.getValue().actedOn = null;
                    lookSafely(e.getKey(), toStart, changed);
                }
            }
        }
        refresh.refresh(changed);
        for (Bundle b : toStart) {
            start(b);
        }
        if (!changed.isEmpty() || !toStart.isEmpty()) {
            retryUnresolved(toStart);
        }
    }

    private void lookSafely(Path file, List<Bundle> toStart, Set<Bundle> changed) {
        try {
            look(file, toStart, changed);
        } catch (RuntimeException e) {
            // Whatever goes wrong with one file must not stop the others.
            fail(file, locationOf(file), "could not deploy \"" + file.getFileName() + "\": " + e, e);
        }
    }

    private boolean present(Path file) {
        return stampOf(file).present();
    }

    private FileStamp stampOf(Path file) {
        return inDirectory(file) && DeployNames.isBundleName(file) ? FileStamp.of(file) : FileStamp.ABSENT;
    }

    private void look(Path file, List<Bundle> toStart, Set<Bundle> changed) {
        FileStamp stamp = stampOf(file);
        Deployed known = files.get(file);
        if (!stamp.present()) {
            if (known != null) {
                undeploy(file, known, changed);
                files.remove(file);
            }
            return;
        }
        if (known != null && stamp.equals(known.actedOn)) {
            return;
        }
        if (known == null) {
            known = new Deployed(locationOf(file));
            files.put(file, known);
        }
        DeployJar jar;
        try {
            jar = DeployJar.read(file, stamp);
        } catch (DeployJar.NotABundle | IOException e) {
            if (!FileStamp.of(file).equals(stamp)) {
                unsettled.accept(file); // still being written: wait for it to settle again
                return;
            }
            known.actedOn = stamp;
            String running = known.bundleId != null ? "; the running version stays" : "";
            fail(file, known.location, "could not deploy \"" + file.getFileName() + "\": " + e.getMessage() + running,
                    null);
            return;
        }
        if (!FileStamp.of(file).equals(stamp)) {
            unsettled.accept(file);
            return;
        }
        known.actedOn = stamp;
        Bundle current = known.bundleId == null ? null : context.getBundle(known.bundleId);
        NameClaims.Refusal refusal = NameClaims.check(jar, current, context, library, this::fileOf);
        known.refused = refusal != null && refusal.byDeployed();
        if (refusal != null) {
            fail(file, known.location, refusal.message(), null);
            return;
        }
        try {
            if (current == null || current.getState() == Bundle.UNINSTALLED) {
                Bundle b = context.installBundle(known.location, new ByteArrayInputStream(jar.bytes()));
                known.bundleId = b.getBundleId();
                library.recordOrigin(b, BundleOrigin.DEPLOY);
                toStart.add(b);
            } else {
                stop(current);
                current.update(new ByteArrayInputStream(jar.bytes()));
                changed.add(current);
                toStart.add(current);
            }
            library.recordError(known.location, null);
        } catch (BundleException | RuntimeException e) {
            fail(file, known.location, "could not deploy \"" + file.getFileName() + "\": " + e.getMessage(), null);
        }
    }

    private String fileOf(Bundle b) {
        for (Map.Entry<Path, Deployed> e : files.entrySet()) {
            if (Long.valueOf(b.getBundleId()).equals(e.getValue().bundleId)) {
                return e.getKey().getFileName().toString();
            }
        }
        return b.getLocation();
    }

    private void undeploy(Path file, Deployed known, Set<Bundle> changed) {
        Bundle b = known.bundleId == null ? null : context.getBundle(known.bundleId);
        if (b == null) {
            library.recordError(known.location, null);
            return;
        }
        String label = "\"" + b.getSymbolicName() + "\" " + b.getVersion();
        undeployedInBatch = true;
        stop(b);
        try {
            b.uninstall();
            changed.add(b);
            log.log(LogLevel.LOG, "undeployed bundle " + label + ": \"" + file.getFileName() + "\" was removed");
        } catch (BundleException | RuntimeException e) {
            log.log(LogLevel.WARNING, "could not uninstall bundle " + label + ": " + e.getMessage(), null, null);
        }
        library.forget(b.getBundleId(), known.location);
    }

    /** Stop a bundle; the host's listeners take its hooks and workers away first. */
    private void stop(Bundle b) {
        if ((b.getState() & (Bundle.STARTING | Bundle.ACTIVE)) == 0) {
            return;
        }
        try {
            b.stop(Bundle.STOP_TRANSIENT);
        } catch (BundleException | RuntimeException e) {
            // Stopped anyway: the framework has released it; only its _PG_fini failed.
            log.log(LogLevel.WARNING, "error stopping bundle \"" + b.getSymbolicName() + "\": " + causeOf(e), null,
                    null);
        }
    }

    private void start(Bundle b) {
        if (b.getState() == Bundle.UNINSTALLED) {
            return;
        }
        String location = b.getLocation();
        try {
            // Cleared first, so that no one sees the bundle ACTIVE with the error of an earlier try.
            library.recordError(location, null);
            b.start(Bundle.START_TRANSIENT);
            String ext = ExtensionLibrary.extensionName(b);
            log.log(LogLevel.LOG, "deployed bundle \"" + b.getSymbolicName() + "\" " + b.getVersion()
                    + (ext == null ? "" : " (extension \"" + ext + "\")") + " from \"" + fileNameOf(location) + "\"");
        } catch (BundleException | RuntimeException e) {
            fail(null, location, "could not start bundle \"" + b.getSymbolicName() + "\" deployed from \""
                    + fileNameOf(location) + "\": " + causeOf(e), null);
        }
    }

    /** Bundles left unresolved earlier (a missing import) may resolve now that others came or went. */
    private void retryUnresolved(List<Bundle> justTried) {
        List<Bundle> unresolved = new ArrayList<>();
        for (Deployed d : files.values()) {
            Bundle b = d.bundleId == null ? null : context.getBundle(d.bundleId);
            if (b != null && b.getState() == Bundle.INSTALLED && !justTried.contains(b)) {
                unresolved.add(b);
            }
        }
        if (unresolved.isEmpty()) {
            return;
        }
        context.getBundle(0).adapt(FrameworkWiring.class).resolveBundles(unresolved);
        for (Bundle b : unresolved) {
            if (b.getState() == Bundle.RESOLVED) {
                start(b);
            }
        }
    }

    private void fail(Path file, String location, String message, Throwable e) {
        library.recordError(location, message);
        log.log(LogLevel.WARNING, message, null, null);
        if (e != null && log.isEnabled(LogLevel.DEBUG1)) {
            log.log(LogLevel.DEBUG1, "deploy failure of " + (file != null ? file : location) + ": " + e);
        }
    }

    private boolean inDirectory(Path file) {
        return directory != null && directory.equals(file.getParent());
    }

    private static String locationOf(Path file) {
        return file.toUri().toString();
    }

    private static String fileNameOf(String location) {
        try {
            return Path.of(java.net.URI.create(location)).getFileName().toString();
        } catch (RuntimeException e) {
            return location;
        }
    }

    /** The message that helps: Felix wraps an activator's exception. */
    static String causeOf(Exception e) {
        Throwable cause = e instanceof BundleException && e.getCause() != null ? e.getCause() : e;
        if (cause instanceof org.elephas.api.PgException pg) {
            return pg.getMessage();
        }
        return cause == e ? String.valueOf(e.getMessage()) : cause.toString();
    }

    /**
     * Stop acting: what is queued is dropped, what runs is interrupted and waited for a bounded time.
     *
     * @param timeoutMillis how long to wait for the action in progress
     */
    public void close(long timeoutMillis) {
        thread.shutdownNow();
        try {
            thread.awaitTermination(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        close(10_000);
    }
}
