package org.elephas.api.guc;

/**
 * A defined parameter, PostgreSQL's {@code valueAddr}: read its value with {@link #get()}.
 * The value seen is the calling backend's: a background worker sees a reloaded value only once
 * it processes the reload ({@link org.elephas.api.ipc.Interrupts#processConfigReloadIfPending()});
 * a session sees its own {@code SET}.
 *
 * @param <T> Boolean, Integer, Double or String (enum parameters read as their lower-case name)
 */
public interface GucVariable<T> {

    /** @return the parameter's name */
    String name();

    /** @return the value in the calling backend */
    T get();
}
