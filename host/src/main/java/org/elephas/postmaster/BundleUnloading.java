package org.elephas.postmaster;

import java.util.Iterator;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

import org.elephas.bgworker.WorkerSupervisor;
import org.elephas.guc.GucRegistry;
import org.elephas.hooks.HookRegistry;
import org.elephas.library.ExtensionLibrary;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.BundleReference;
import org.osgi.framework.SynchronousBundleListener;

/**
 * What the host undoes when an extension's bundle stops (hot-deploy update or removal), as the
 * API promises: while it is STOPPING, before its activator's stop runs its {@code _PG_fini},
 * its hook links leave their chains and drain, then its workers are terminated and waited for
 * (bounded by {@code bgworker_shutdown_timeout}); once STOPPED, the parameters it defined become
 * placeholders again, so its next {@code _PG_init} can define them anew.
 */
final class BundleUnloading implements SynchronousBundleListener {
    private static final StackWalker CALLERS = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

    private final HookRegistry hooks;
    private final WorkerSupervisor workers;
    private final GucRegistry gucs;
    private final LongSupplier workerTimeoutMillis;

    BundleUnloading(HookRegistry hooks, WorkerSupervisor workers, GucRegistry gucs, LongSupplier workerTimeoutMillis) {
        this.hooks = hooks;
        this.workers = workers;
        this.gucs = gucs;
        this.workerTimeoutMillis = workerTimeoutMillis;
    }

    @Override
    public void bundleChanged(BundleEvent event) {
        Bundle b = event.getBundle();
        switch (event.getType()) {
            case BundleEvent.STOPPING -> {
                // Idempotent with HookOwners.unloader: whichever runs first does it, in this order.
                hooks.removeOwner(b.getBundleId());
                String library = ExtensionLibrary.extensionName(b);
                if (library != null) {
                    workers.terminateLibraryWorkers(library, workerTimeoutMillis.getAsLong());
                }
            }
            case BundleEvent.STOPPED -> gucs.undefineOwner(b.getBundleId());
            default -> { }
        }
    }

    /**
     * The definer lookup for {@link GucRegistry#setDefinerLookup}: the id of the first bundle
     * (not the host) on the calling thread's stack, which is the extension calling the API.
     *
     * @return the bundle id, or null
     */
    static Object callingBundle() {
        return CALLERS.walk(BundleUnloading::firstBundle);
    }

    /**
     * A plain loop rather than a stream: every parameter an extension defines at boot walks the
     * stack, while nothing of a stream pipeline is compiled yet.
     */
    private static Object firstBundle(Stream<StackWalker.StackFrame> frames) {
        Iterator<StackWalker.StackFrame> it = frames.iterator();
        while (it.hasNext()) {
            // What FrameworkUtil.getBundle does, without its privileged action.
            if (it.next().getDeclaringClass().getClassLoader() instanceof BundleReference ref) {
                Bundle bundle = ref.getBundle();
                if (bundle != null && bundle.getBundleId() != 0) {
                    return bundle.getBundleId();
                }
            }
        }
        return null;
    }
}
