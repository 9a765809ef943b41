package org.elephas.backend;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A thread-local that, on a {@link BackendThread}, lives in an array slot of the thread: reading
 * it is a field read and an array load, with no hash lookup. On other threads it is an ordinary
 * {@link ThreadLocal}. For the values a statement reads many times: the calling backend's
 * statement context, the hook chains' per-thread counters.
 *
 * <p>Indexes are not reused: make one per long-lived owner (a class, a server), not per use.
 *
 * @param <T> the value type
 */
public final class BackendThreadLocal<T> {
    private static final AtomicInteger NEXT_INDEX = new AtomicInteger();

    private final int index = NEXT_INDEX.getAndIncrement();
    private final Supplier<? extends T> initial;
    private final ThreadLocal<T> elsewhere;

    /** @param initial the value a thread gets on its first read (may return null) */
    public BackendThreadLocal(Supplier<? extends T> initial) {
        this.initial = initial;
        this.elsewhere = ThreadLocal.withInitial(initial);
    }

    /** A thread-local that starts out null. */
    public BackendThreadLocal() {
        this(() -> null);
    }

    /** @return the calling thread's value */
    @SuppressWarnings("unchecked")
    public T get() {
        if (Thread.currentThread() instanceof BackendThread t) {
            Object[] locals = t.locals;
            if (index < locals.length) {
                Object v = locals[index];
                if (v != null) {
                    return (T) v;
                }
            }
            T v = initial.get();
            if (v != null) {
                slots(t)[index] = v;
            }
            return v;
        }
        return elsewhere.get();
    }

    /** @param value the calling thread's new value (null: as if never set) */
    public void set(T value) {
        if (Thread.currentThread() instanceof BackendThread t) {
            if (value != null || index < t.locals.length) {
                slots(t)[index] = value;
            }
        } else {
            elsewhere.set(value);
        }
    }

    private Object[] slots(BackendThread t) {
        Object[] locals = t.locals;
        if (index >= locals.length) {
            locals = Arrays.copyOf(locals, Math.max(index + 1, locals.length * 2));
            t.locals = locals;
        }
        return locals;
    }
}
