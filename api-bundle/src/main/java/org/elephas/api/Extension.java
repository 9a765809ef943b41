package org.elephas.api;

import org.elephas.api.host.HostAccess;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/**
 * Base class of every extension bundle's {@code Bundle-Activator}: PostgreSQL's shared-library
 * entry points for a bundle.
 *
 * <p>When the host loads the bundle (from {@code shared_preload_bundles}, {@code LOAD}, a
 * worker whose {@code bgw_library_name} names it, or the deploy directory) the framework starts
 * it and {@link #_PG_init()} runs, on the loading thread. That is where an extension defines its
 * configuration parameters, registers background workers and installs hooks. An exception
 * thrown from {@code _PG_init} fails the load; for a preloaded bundle it stops the server.
 *
 * <p>Unlike PostgreSQL, a bundle can be unloaded: when it stops, the host first takes away its
 * hooks and terminates its workers, then calls {@link #_PG_fini()}.
 */
public abstract class Extension implements BundleActivator {

    private volatile BundleContext context;

    /**
     * The extension's initialisation: define parameters, register workers, install hooks.
     * {@link #processSharedPreloadBundlesInProgress()} tells whether this is the preload phase,
     * the only time static workers and {@code POSTMASTER} parameters may be registered.
     */
    @SuppressWarnings("checkstyle:MethodName")
    protected abstract void _PG_init();

    /**
     * Called when the bundle stops, after the host has removed the extension's hooks and
     * terminated its workers. Release what {@code _PG_init} acquired outside the host's
     * registries (threads, files). The default does nothing.
     */
    @SuppressWarnings("checkstyle:MethodName")
    protected void _PG_fini() {
    }

    /**
     * PostgreSQL's {@code process_shared_preload_libraries_in_progress}: true while the host
     * loads {@code shared_preload_bundles} at startup.
     *
     * @return whether the preload phase is running
     */
    public static boolean processSharedPreloadBundlesInProgress() {
        return HostAccess.host().preloadInProgress();
    }

    /**
     * The bundle context of this extension, for code that needs the OSGi side of the bundle.
     *
     * @return the context, or null before the bundle started or after it stopped
     */
    protected final BundleContext bundleContext() {
        return context;
    }

    @Override
    public final void start(BundleContext bundleContext) {
        this.context = bundleContext;
        _PG_init();
    }

    @Override
    public final void stop(BundleContext bundleContext) {
        try {
            _PG_fini();
        } finally {
            this.context = null;
        }
    }
}
