package org.elephas.guc;

import java.util.List;

import org.elephas.api.guc.GucContext;
import org.elephas.api.guc.GucDefinition;
import org.elephas.api.guc.GucFlags;
import org.elephas.api.guc.GucType;
import org.elephas.api.guc.GucUnit;

/**
 * One parameter as the host knows it: a real definition (core or custom) or a placeholder (a
 * string remembered for a custom name whose extension has not defined it yet). Immutable.
 *
 * <p>Each parameter owns a slot, an index into the value arrays of {@link GucSnapshot}s. A
 * redefinition gets a new slot, so a value typed for an old definition is never read through a
 * new one.
 *
 * @param definition what was defined (a synthesized string definition for a placeholder)
 * @param placeholder whether this is a placeholder
 * @param slot the index into snapshot value arrays
 * @param category the {@code pg_settings.category}, or null
 */
record Parameter(GucDefinition<?> definition, boolean placeholder, int slot, String category) {

    /** The category PostgreSQL gives custom parameters. */
    static final String CUSTOM_CATEGORY = "Customized Options";

    /**
     * A placeholder: PostgreSQL's {@code add_placeholder_variable}, a user-settable string that
     * SHOW ALL does not list.
     */
    static Parameter placeholder(String name, int slot) {
        GucDefinition<String> def = new GucDefinition<>(name, GucType.STRING, "", null, "", null, null, List.of(),
                GucContext.USERSET, GucFlags.NO_SHOW_ALL | GucFlags.NOT_IN_SAMPLE, GucUnit.NONE, null, null);
        return new Parameter(def, true, slot, CUSTOM_CATEGORY);
    }

    /** @return the lower-case name, the key everywhere */
    String name() {
        return definition.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** @return the name as defined ({@code DateStyle}), as pg_settings and messages spell it */
    String displayName() {
        return definition.name();
    }

    GucContext context() {
        return definition.context();
    }

    GucType type() {
        return definition.type();
    }

    GucUnit unit() {
        return definition.unit();
    }

    boolean hasFlag(int flag) {
        return (definition.flags() & flag) != 0;
    }
}
