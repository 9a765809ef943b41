package org.elephas.guc;

import java.util.Map;
import java.util.Set;

/**
 * An immutable view of every parameter's value: the registry's global values (the postmaster's),
 * or one backend's view (the global values it last adopted, with its own {@code SET}s on top).
 * Values are indexed by {@link Parameter#slot()}, so that reading one is an array access without
 * a lock or a map lookup.
 */
final class GucSnapshot {
    final long generation;
    /** The parameters visible in this view, by lower-case name. */
    final Map<String, Parameter> params;
    /** Typed values by slot; slots of parameters no longer defined keep their last value. */
    final Object[] values;
    /** Value and source by slot. */
    final Setting[] settings;
    /** What RESET goes back to, by slot: the global value, without this backend's SETs. */
    final Setting[] resets;
    /** Names of postmaster parameters whose file value differs from the running one. */
    final Set<String> pendingRestart;

    GucSnapshot(long generation, Map<String, Parameter> params, Object[] values, Setting[] settings, Setting[] resets,
            Set<String> pendingRestart) {
        this.generation = generation;
        this.params = Map.copyOf(params);
        this.values = values;
        this.settings = settings;
        this.resets = resets;
        this.pendingRestart = Set.copyOf(pendingRestart);
    }

    /** @return the parameter of that lower-case name, or null */
    Parameter parameter(String name) {
        return params.get(name);
    }

    /** @return the value SHOW prints, or null when the parameter is unknown here */
    String show(String name) {
        Parameter p = params.get(name);
        return p == null ? null : ValueFormat.show(p.definition(), values[p.slot()]);
    }
}
