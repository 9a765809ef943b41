package org.elephas.api.guc;

/**
 * A check hook: validates a proposed value before it is applied. Returning false rejects it
 * with {@code invalid value for parameter "NAME": "VALUE"}.
 *
 * @param <T> the value type
 */
@FunctionalInterface
public interface GucCheckHook<T> {

    /**
     * @param newValue the proposed value, already parsed and range-checked
     * @param source where the value comes from
     * @return whether it is acceptable
     */
    boolean check(T newValue, GucSource source);
}
