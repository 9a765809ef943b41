package org.elephas.guc;

import org.elephas.api.guc.GucVariable;

/**
 * A defined parameter as the extension reads it: an index into the calling backend's snapshot.
 *
 * @param <T> the value type
 */
final class SlotVariable<T> implements GucVariable<T> {
    private final GucRegistry registry;
    private final String name;
    private final int slot;
    private final T bootValue;

    SlotVariable(GucRegistry registry, String name, int slot, T bootValue) {
        this.registry = registry;
        this.name = name;
        this.slot = slot;
        this.bootValue = bootValue;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    @SuppressWarnings("unchecked")
    public T get() {
        return (T) registry.read(slot, bootValue);
    }

    @Override
    public String toString() {
        return name + "=" + get();
    }
}
