package org.elephas.library;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.elephas.api.LogLevel;
import org.elephas.api.PgException;
import org.elephas.api.SqlState;
import org.elephas.log.ServerLog;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;

/**
 * Finds extension bundles in {@code bundle_directory} by the {@code Elephas-Extension} header and
 * loads them: install, then start, which runs the activator's {@code _PG_init}. The directory is
 * scanned on each miss, so a jar copied in later is found without a restart.
 *
 * <p>Loading is idempotent: an extension already starting or active is returned as is, without
 * taking the load lock, so a worker launched from inside {@code _PG_init} can resolve its entry
 * point in the bundle that is still starting.
 */
public final class ExtensionLibrary {
    /** The manifest header naming an extension. */
    public static final String EXTENSION_HEADER = "Elephas-Extension";

    private final Path directory;
    private final BundleContext context;
    private final ServerLog log;
    private final Object loadLock = new Object();
    /** How each bundle the library installed came in, by bundle id. */
    private final Map<Long, BundleOrigin> origins = new ConcurrentHashMap<>();
    /** The last load error by bundle location (a jar that failed to install has no bundle id). */
    private final Map<String, String> lastErrors = new ConcurrentHashMap<>();
    private final JarExtensionNames jarNames = new JarExtensionNames();

    /**
     * @param directory {@code bundle_directory}
     * @param context the system bundle's context
     * @param log the server log
     */
    public ExtensionLibrary(Path directory, BundleContext context, ServerLog log) {
        this.directory = directory;
        this.context = context;
        this.log = log;
    }

    /** @return {@code bundle_directory} */
    public Path directory() {
        return directory;
    }

    /**
     * The extension's bundle if it is installed and starting or active.
     *
     * @param name an extension name
     * @return the bundle, or empty
     */
    public Optional<Bundle> loaded(String name) {
        for (Bundle b : context.getBundles()) {
            if (name.equals(extensionName(b)) && (b.getState() & (Bundle.STARTING | Bundle.ACTIVE)) != 0) {
                return Optional.of(b);
            }
        }
        return Optional.empty();
    }

    /**
     * Load an extension: find its bundle, install and start it (running {@code _PG_init}) unless
     * it is already loaded.
     *
     * @param name the extension name
     * @return the started bundle
     * @throws PgException ERROR {@code 58P01} when no bundle declares the name, or when it cannot
     *     be installed, resolved or started
     */
    public Bundle load(String name) {
        return load(name, BundleOrigin.LOAD);
    }

    /**
     * {@link #load(String)}, recording how the bundle came in for {@code elephas_bundles}.
     *
     * @param name the extension name
     * @param origin why it is loaded (a bundle keeps the origin it was first installed with)
     * @return the started bundle
     * @throws PgException as {@link #load(String)}
     */
    public Bundle load(String name, BundleOrigin origin) {
        Optional<Bundle> running = loaded(name);
        if (running.isPresent()) {
            return running.get();
        }
        synchronized (loadLock) {
            running = loaded(name);
            if (running.isPresent()) {
                return running.get();
            }
            Bundle bundle = installed(name).orElseGet(() -> install(name, find(name)));
            origins.putIfAbsent(bundle.getBundleId(), origin);
            try {
                bundle.start(Bundle.START_TRANSIENT);
            } catch (BundleException | RuntimeException e) {
                PgException failure = loadFailure(name, e);
                lastErrors.put(bundle.getLocation(), failure.getMessage());
                throw failure;
            }
            lastErrors.remove(bundle.getLocation());
            log.log(LogLevel.DEBUG1, "loaded extension \"" + name + "\" from bundle " + bundle.getSymbolicName()
                    + " " + bundle.getVersion());
            return bundle;
        }
    }

    /**
     * The extension's bundle, installed but not started (its {@code _PG_init} has not run unless
     * it was loaded before): what {@code CREATE EXTENSION} reads the control file and scripts from.
     *
     * @param name the extension name
     * @return the installed bundle
     * @throws PgException ERROR {@code 58P01} when no bundle declares the name or it cannot be installed
     */
    public Bundle install(String name) {
        synchronized (loadLock) {
            return installed(name).orElseGet(() -> install(name, find(name)));
        }
    }

    /**
     * Be told of bundle events (start, stop, update) of the framework's bundles.
     *
     * @param listener the listener
     */
    public void addBundleListener(org.osgi.framework.BundleListener listener) {
        context.addBundleListener(listener);
    }

    /**
     * The jar in {@code bundle_directory} that declares an extension.
     *
     * @param name the extension name
     * @return the jar
     * @throws PgException when none does
     */
    public Path find(String name) {
        List<Path> candidates = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            files.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".jar"))
                    .sorted()
                    .filter(p -> name.equals(jarNames.of(p)))
                    .forEach(candidates::add);
        } catch (IOException e) {
            throw PgException.error(SqlState.UNDEFINED_FILE, "could not access extension \"" + name
                    + "\": cannot read bundle_directory \"" + directory + "\": " + e.getMessage());
        }
        if (candidates.isEmpty()) {
            throw PgException.error(SqlState.UNDEFINED_FILE, "could not access extension \"" + name
                    + "\": no bundle in \"" + directory + "\" has \"" + EXTENSION_HEADER + ": " + name + "\"");
        }
        if (candidates.size() > 1) {
            log.log(LogLevel.WARNING, "extension \"" + name + "\" is declared by more than one bundle",
                    "Using " + candidates.get(0).getFileName() + ", ignoring " + candidates.subList(1, candidates.size()),
                    null);
        }
        return candidates.get(0);
    }

    private Optional<Bundle> installed(String name) {
        for (Bundle b : context.getBundles()) {
            if (name.equals(extensionName(b)) && b.getState() != Bundle.UNINSTALLED) {
                return Optional.of(b);
            }
        }
        return Optional.empty();
    }

    private Bundle install(String name, Path jar) {
        String location = jar.toUri().toString();
        try (InputStream in = Files.newInputStream(jar)) {
            return context.installBundle(location, in);
        } catch (IOException | BundleException e) {
            PgException failure = loadFailure(name, e);
            lastErrors.put(location, failure.getMessage());
            throw failure;
        }
    }

    /**
     * Record how a bundle installed by someone else (the deployer) came in.
     *
     * @param bundle the bundle
     * @param origin its origin
     */
    public void recordOrigin(Bundle bundle, BundleOrigin origin) {
        origins.put(bundle.getBundleId(), origin);
    }

    /**
     * @param bundle a bundle
     * @return how it came in, or empty for a bundle the library was not told of
     */
    public Optional<BundleOrigin> origin(Bundle bundle) {
        return Optional.ofNullable(origins.get(bundle.getBundleId()));
    }

    /**
     * Record the last error of a bundle or of a jar that could not be installed, shown by
     * {@code elephas_bundles.last_error}.
     *
     * @param location the bundle's location (the jar's URI)
     * @param message the error, or null to clear it
     */
    public void recordError(String location, String message) {
        if (message == null) {
            lastErrors.remove(location);
        } else {
            lastErrors.put(location, message);
        }
    }

    /**
     * Forget a bundle that was uninstalled: its origin and last error.
     *
     * @param bundleId the bundle's id
     * @param location its location
     */
    public void forget(long bundleId, String location) {
        origins.remove(bundleId);
        lastErrors.remove(location);
    }

    /** @return the system bundle's context, for the deployer */
    public BundleContext context() {
        return context;
    }

    /**
     * The bundles in the framework (the system bundle, which is the host, left out) and the jars
     * that failed to install, for {@code elephas_bundles}.
     *
     * @return one row each, bundles by id first
     */
    public List<BundleInfo> bundles() {
        List<BundleInfo> rows = new ArrayList<>();
        java.util.Set<String> locations = new java.util.HashSet<>();
        for (Bundle b : context.getBundles()) {
            if (b.getBundleId() == 0) {
                continue;
            }
            locations.add(b.getLocation());
            rows.add(new BundleInfo(b.getBundleId(), b.getSymbolicName(), b.getVersion().toString(), extensionName(b),
                    stateName(b.getState()), origins.get(b.getBundleId()), b.getLocation(),
                    lastErrors.get(b.getLocation())));
        }
        lastErrors.forEach((location, error) -> {
            if (!locations.contains(location)) {
                rows.add(new BundleInfo(null, null, null, null, "FAILED", null, location, error));
            }
        });
        return rows;
    }

    private static String stateName(int state) {
        return switch (state) {
            case Bundle.UNINSTALLED -> "UNINSTALLED";
            case Bundle.INSTALLED -> "INSTALLED";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            case Bundle.ACTIVE -> "ACTIVE";
            default -> Integer.toString(state);
        };
    }

    private static PgException loadFailure(String name, Exception e) {
        Throwable cause = e;
        // Felix wraps an activator's exception; the extension's own message is what helps.
        if (e instanceof BundleException && e.getCause() != null) {
            cause = e.getCause();
        }
        String reason = cause instanceof PgException pg ? pg.getMessage() : cause.toString();
        return new PgException(LogLevel.ERROR, SqlState.UNDEFINED_FILE,
                "could not load extension \"" + name + "\": " + reason,
                cause instanceof PgException pg ? pg.detail() : null, null, cause);
    }

    /**
     * @param bundle a bundle
     * @return its {@code Elephas-Extension} name, or null
     */
    public static String extensionName(Bundle bundle) {
        String value = bundle.getHeaders("").get(EXTENSION_HEADER);
        return value == null ? null : value.trim();
    }

}
