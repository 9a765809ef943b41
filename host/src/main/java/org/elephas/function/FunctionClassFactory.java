package org.elephas.function;

import org.h2.util.JdbcUtils;
import org.h2.util.Utils;

/**
 * The engine's way to the generated function classes: the engine loads the class an alias
 * names through its registered class factories, and this one answers for
 * {@link FunctionWrappers#CLASS_PREFIX} names from the running host's {@link JavaFunctions}.
 *
 * <p>Registered once per JVM and never removed: the engine keeps its factories in a plain list
 * that another thread may be reading. Between hosts (tests start several in one JVM) it answers
 * from whichever host is running.
 */
final class FunctionClassFactory implements Utils.ClassFactory {
    private static final FunctionClassFactory INSTANCE = new FunctionClassFactory();

    static {
        JdbcUtils.addClassFactory(INSTANCE);
    }

    private FunctionClassFactory() {
    }

    /** Make sure the factory is registered (class initialisation does it, once). */
    static void ensureRegistered() {
        // Loading this class ran the static initialiser.
    }

    @Override
    public boolean match(String name) {
        return FunctionWrappers.oidOf(name) >= 0;
    }

    @Override
    public Class<?> loadClass(String name) throws ClassNotFoundException {
        JavaFunctions functions = JavaFunctions.current();
        long oid = FunctionWrappers.oidOf(name);
        Class<?> c = functions == null || oid < 0 ? null : functions.wrapperClass((int) oid);
        if (c == null) {
            throw new ClassNotFoundException(name + ": no such Java function in the catalog");
        }
        return c;
    }
}
