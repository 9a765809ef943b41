package org.elephas.function;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.elephas.api.PgException;
import org.elephas.api.SqlState;
import org.elephas.library.ExtensionLibrary;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleEvent;

/**
 * Calls Java functions: completes the arguments with defaults, applies STRICT, finds the
 * bundle's method and converts values between the SQL types and the method's Java types.
 *
 * <p>A function's method is resolved once and kept until its bundle stops or changes; the next
 * call then loads the bundle again (running its {@code _PG_init}), as PostgreSQL loads a library
 * on the first call of one of its functions. Nothing else keeps a bundle class.
 */
final class FunctionTargets {
    /** A resolved call target: the bundle method, spread over an argument array. */
    private record Target(MethodHandle spread, Class<?>[] params, String library) {
    }

    private final ExtensionLibrary library;
    private final Map<Integer, List<Object>> defaultValues = new ConcurrentHashMap<>();
    private final Map<Integer, Target> targets = new ConcurrentHashMap<>();

    /** @param library where bundles are loaded from */
    FunctionTargets(ExtensionLibrary library) {
        this.library = library;
    }

    /**
     * Check a new definition as PostgreSQL's validator does: the defaults evaluate and the bundle
     * (loaded now) has the method.
     *
     * @param f the function
     */
    void validate(JavaFunction f) {
        evaluateDefaults(f);
        resolve(f);
    }

    /** @param oid a function that changed or went away */
    void forget(int oid) {
        defaultValues.remove(oid);
        targets.remove(oid);
    }

    /**
     * Call a function for the engine.
     *
     * @param f the function
     * @param given the arguments the call gave
     * @return the result as the declared return type's Java class
     * @throws Throwable what the function throws
     */
    Object call(JavaFunction f, Object[] given) throws Throwable {
        int oid = f.oid();
        int n = f.argTypes().size();
        Object[] args = new Object[n];
        System.arraycopy(given, 0, args, 0, given.length);
        if (given.length < n) {
            List<Object> defaults = defaultValues.computeIfAbsent(oid, k -> evaluateDefaults(f));
            int first = n - defaults.size();
            for (int i = given.length; i < n; i++) {
                args[i] = defaults.get(i - first);
            }
        }
        if (f.strict()) {
            for (Object a : args) {
                if (a == null) {
                    return null;
                }
            }
        }
        Target target = targets.get(oid);
        if (target == null) {
            // Not computeIfAbsent: loading the bundle fires bundle events that update this map.
            target = resolve(f);
            targets.put(oid, target);
        }
        for (int i = 0; i < n; i++) {
            if (args[i] == null) {
                if (target.params()[i].isPrimitive()) {
                    // A primitive parameter cannot take NULL: the result is NULL, as the engine does.
                    return null;
                }
            } else {
                args[i] = JavaValues.convert(args[i], target.params()[i], f.argTypes().get(i).name());
            }
        }
        Object result = (Object) target.spread().invokeExact(args);
        // A set-returning function's rows are converted column by column (SetResults).
        return f.returnsSet() ? result : f.returnType().convert(result);
    }

    private static List<Object> evaluateDefaults(JavaFunction f) {
        List<Object> values = new ArrayList<>();
        int first = f.argTypes().size() - f.defaults().size();
        for (int i = 0; i < f.defaults().size(); i++) {
            values.add(DefaultValues.evaluate(f.defaults().get(i), f.argTypes().get(first + i)));
        }
        return values;
    }

    private Target resolve(JavaFunction f) {
        Bundle bundle = library.load(f.library());
        String symbol = f.symbol();
        String className;
        String methodName;
        String activator = bundle.getHeaders("").get(org.osgi.framework.Constants.BUNDLE_ACTIVATOR);
        if (symbol == null || symbol.indexOf('.') < 0) {
            // No class given: the method (named like the function, or as given) of the activator class.
            methodName = symbol == null ? f.name() : symbol;
            if (activator == null) {
                throw notFound(f, methodName, "the bundle has no Bundle-Activator; name the method as 'Class.method'");
            }
            className = activator.trim();
            symbol = className + "." + methodName;
        } else {
            int dot = symbol.lastIndexOf('.');
            if (dot <= 0 || dot == symbol.length() - 1) {
                throw notFound(f, symbol, "a function's symbol is fully.qualified.Class.method");
            }
            className = symbol.substring(0, dot);
            methodName = symbol.substring(dot + 1);
        }
        Class<?> type;
        try {
            type = bundle.loadClass(className.trim());
        } catch (ClassNotFoundException e) {
            throw notFound(f, symbol, "class " + className + " is not in the bundle");
        }
        int n = f.argTypes().size();
        Method chosen = null;
        for (Method m : type.getMethods()) {
            if (m.getName().equals(methodName) && Modifier.isStatic(m.getModifiers()) && m.getParameterCount() == n
                    && (chosen == null || exactMatch(m, f))) {
                chosen = m;
            }
        }
        if (chosen == null) {
            throw notFound(f, symbol, "it must be a public static method with " + n + " parameter" + (n == 1 ? "" : "s"));
        }
        try {
            MethodHandle handle = MethodHandles.publicLookup().unreflect(chosen);
            MethodHandle spread = handle.asType(MethodType.genericMethodType(n)).asSpreader(Object[].class, n);
            return new Target(spread, chosen.getParameterTypes(), f.library());
        } catch (IllegalAccessException e) {
            throw notFound(f, symbol, e.toString());
        }
    }

    private static boolean exactMatch(Method m, JavaFunction f) {
        Class<?>[] p = m.getParameterTypes();
        for (int i = 0; i < p.length; i++) {
            if (JavaValues.box(p[i]) != f.argTypes().get(i).javaClass()) {
                return false;
            }
        }
        return true;
    }

    private static PgException notFound(JavaFunction f, String symbol, String detail) {
        return PgException.error(SqlState.UNDEFINED_FUNCTION,
                "could not find function \"" + symbol + "\" in extension \"" + f.library() + "\"").withDetail(detail);
    }

    /**
     * Forget the call targets in a bundle that stopped, was updated or went away, so that the
     * bundle can be released; the next call loads it again.
     *
     * @param event a bundle event
     */
    void bundleChanged(BundleEvent event) {
        switch (event.getType()) {
            case BundleEvent.STOPPING, BundleEvent.STOPPED, BundleEvent.UNRESOLVED, BundleEvent.UPDATED,
                    BundleEvent.UNINSTALLED -> {
                String name = ExtensionLibrary.extensionName(event.getBundle());
                if (name != null) {
                    targets.values().removeIf(t -> t.library().equals(name));
                }
            }
            default -> { }
        }
    }
}
