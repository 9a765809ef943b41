package org.elephas.bgworker;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.elephas.api.Datum;
import org.elephas.api.PgException;
import org.elephas.api.SqlState;
import org.elephas.library.ExtensionLibrary;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleEvent;

/**
 * {@code LookupBackgroundWorkerFunction}: finds a worker's entry point from
 * {@code bgw_library_name} and {@code bgw_function_name}, as strings, in the worker's own thread.
 *
 * <p>Library {@code postgres} names an entry point built into the host (PostgreSQL's
 * {@code InternalBGWorkers} table). Any other library is an extension name: its bundle is loaded
 * if needed and the function {@code fully.qualified.Class.method} must be a
 * {@code public static void method(Datum)}. Resolved entry points are cached, and forgotten when
 * their bundle stops or changes, so a restart costs a map lookup.
 */
public final class EntryPoints {
    /** The library name of entry points built into the host. */
    public static final String POSTGRES = "postgres";

    private static final MethodType MAIN_TYPE = MethodType.methodType(void.class, Datum.class);

    private final ExtensionLibrary library;
    private final Map<String, WorkerMain> internal = new ConcurrentHashMap<>();
    private final Map<String, WorkerMain> resolved = new ConcurrentHashMap<>();

    /** @param library where extensions are loaded from */
    public EntryPoints(ExtensionLibrary library) {
        this.library = library;
    }

    /**
     * Add an entry point built into the host, reachable as library {@code postgres}.
     *
     * @param functionName its name
     * @param main the function
     */
    public void registerInternal(String functionName, WorkerMain main) {
        internal.put(functionName, main);
    }

    /**
     * @param libraryName {@code bgw_library_name}
     * @param functionName {@code bgw_function_name}
     * @return the entry point
     * @throws PgException ERROR when it cannot be found; the worker then exits with code 1
     */
    public WorkerMain resolve(String libraryName, String functionName) {
        if (POSTGRES.equals(libraryName)) {
            WorkerMain main = internal.get(functionName);
            if (main == null) {
                throw PgException.error(SqlState.UNDEFINED_FUNCTION, "internal function \"" + functionName + "\" not found");
            }
            return main;
        }
        String key = libraryName + '\0' + functionName;
        WorkerMain cached = resolved.get(key);
        if (cached != null) {
            return cached;
        }
        Bundle bundle = library.load(libraryName);
        WorkerMain main = lookup(bundle, libraryName, functionName);
        resolved.put(key, main);
        return main;
    }

    /**
     * Forget entry points of a bundle that stopped, was updated or went away.
     *
     * @param event a bundle event
     */
    public void bundleChanged(BundleEvent event) {
        switch (event.getType()) {
            case BundleEvent.STOPPING, BundleEvent.STOPPED, BundleEvent.UNRESOLVED, BundleEvent.UPDATED,
                    BundleEvent.UNINSTALLED -> {
                String name = ExtensionLibrary.extensionName(event.getBundle());
                if (name != null) {
                    resolved.keySet().removeIf(k -> k.startsWith(name + '\0'));
                }
            }
            default -> { }
        }
    }

    private static WorkerMain lookup(Bundle bundle, String libraryName, String functionName) {
        int dot = functionName.lastIndexOf('.');
        if (dot <= 0 || dot == functionName.length() - 1) {
            throw notFound(functionName, libraryName, "a function name is fully.qualified.Class.method");
        }
        String className = functionName.substring(0, dot);
        String methodName = functionName.substring(dot + 1);
        try {
            Class<?> type = bundle.loadClass(className);
            Method method = type.getMethod(methodName, Datum.class);
            if (!Modifier.isStatic(method.getModifiers()) || method.getReturnType() != void.class) {
                throw notFound(functionName, libraryName, "the entry point must be public static void "
                        + methodName + "(Datum)");
            }
            MethodHandle handle = MethodHandles.publicLookup().unreflect(method).asType(MAIN_TYPE);
            // A statement lambda: invokeExact must see the call site type (Datum)void.
            return arg -> {
                handle.invokeExact(arg);
            };
        } catch (ClassNotFoundException | NoSuchMethodException | IllegalAccessException e) {
            throw notFound(functionName, libraryName, e.toString());
        }
    }

    private static PgException notFound(String function, String library, String detail) {
        return PgException.error(SqlState.UNDEFINED_FUNCTION,
                "could not find function \"" + function + "\" in extension \"" + library + "\"").withDetail(detail);
    }
}
