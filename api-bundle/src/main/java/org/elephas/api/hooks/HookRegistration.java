package org.elephas.api.hooks;

/** An installed hook: its place in its chain until removed or until its bundle stops. */
public interface HookRegistration extends AutoCloseable {

    /**
     * Take the hook out of its chain and wait (bounded) for calls already inside it. Idempotent.
     */
    void remove();

    /** Same as {@link #remove()}. */
    @Override
    default void close() {
        remove();
    }
}
