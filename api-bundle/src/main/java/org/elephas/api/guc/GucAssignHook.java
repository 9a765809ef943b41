package org.elephas.api.guc;

/**
 * An assign hook: told of every value that becomes current, after its check passed. It must not
 * fail.
 *
 * @param <T> the value type
 */
@FunctionalInterface
public interface GucAssignHook<T> {

    /** @param newValue the value now in effect */
    void assign(T newValue);
}
