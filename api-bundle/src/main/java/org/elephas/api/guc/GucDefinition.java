package org.elephas.api.guc;

import java.util.List;
import java.util.Objects;

/**
 * A complete parameter definition, PostgreSQL's {@code DefineCustom*Variable} arguments. Made by
 * the builders of {@link Gucs}; the host validates it when it is defined.
 *
 * @param <T> the value type
 * @param name {@code prefix.name}
 * @param type the type
 * @param shortDesc the short description
 * @param longDesc the long description, or null
 * @param bootValue the default
 * @param min the minimum (int and real), otherwise null
 * @param max the maximum (int and real), otherwise null
 * @param enumValues the accepted names (enum), otherwise empty
 * @param context when it may change
 * @param flags {@link GucFlags} bits
 * @param unit the unit (int and real)
 * @param checkHook optional check hook
 * @param assignHook optional assign hook
 */
public record GucDefinition<T>(String name, GucType type, String shortDesc, String longDesc, T bootValue,
        T min, T max, List<String> enumValues, GucContext context, int flags, GucUnit unit,
        GucCheckHook<T> checkHook, GucAssignHook<T> assignHook) {

    /** Validates the shape of the record; the host applies PostgreSQL's naming rules. */
    public GucDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(unit, "unit");
        enumValues = List.copyOf(enumValues);
    }
}
