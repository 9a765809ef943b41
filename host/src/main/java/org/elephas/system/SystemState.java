package org.elephas.system;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.elephas.api.PgException;
import org.elephas.api.SqlState;
import org.elephas.backend.ProcArray;
import org.elephas.backend.WaitEventRegistry;
import org.elephas.bgworker.WorkerInfo;
import org.elephas.catalog.Catalog;
import org.elephas.library.BundleInfo;

/**
 * The server-wide state the system functions and views read. The engine calls them as static
 * methods, so they cannot be handed the server: the SQL layer installs this once it is open and
 * removes it at close. A JVM runs one server at a time (as {@code HostAccess} assumes too).
 *
 * @param procs the live backends
 * @param catalog databases, roles, extensions
 * @param waitEvents the wait events, for decoding and {@code pg_wait_events}
 * @param workers the registered workers now ({@code elephas_workers})
 * @param bundles the framework's bundles now ({@code elephas_bundles})
 * @param reload what SIGHUP to the postmaster does ({@code pg_reload_conf()})
 * @param hooks the hook chains now ({@code elephas_hooks})
 */
public record SystemState(ProcArray procs, Catalog catalog, WaitEventRegistry waitEvents,
        Supplier<List<WorkerInfo>> workers, Supplier<List<BundleInfo>> bundles, Runnable reload,
        Supplier<List<org.elephas.hooks.HookRegistry.HookRow>> hooks) {

    private static final AtomicReference<SystemState> CURRENT = new AtomicReference<>();

    /** Every part is required. */
    public SystemState {
        Objects.requireNonNull(procs);
        Objects.requireNonNull(catalog);
        Objects.requireNonNull(waitEvents);
        Objects.requireNonNull(workers);
        Objects.requireNonNull(bundles);
        Objects.requireNonNull(reload);
        Objects.requireNonNull(hooks);
    }

    /**
     * Make this the state the functions read.
     *
     * @throws IllegalStateException when another server's state is installed
     */
    public void install() {
        if (!CURRENT.compareAndSet(null, this)) {
            throw new IllegalStateException("another server's system state is installed in this JVM");
        }
    }

    /** Remove this state, if it is the one installed. */
    public void uninstall() {
        CURRENT.compareAndSet(this, null);
    }

    /**
     * @return the installed state
     * @throws PgException when no server is running (a function called outside one)
     */
    static SystemState current() {
        SystemState s = CURRENT.get();
        if (s == null) {
            throw PgException.error(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE, "the server is not running");
        }
        return s;
    }
}
