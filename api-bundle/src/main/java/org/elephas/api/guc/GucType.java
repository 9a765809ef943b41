package org.elephas.api.guc;

/** The type of a parameter, as {@code pg_settings.vartype} names it. */
public enum GucType {
    /** {@code bool}. */
    BOOL("bool"),
    /** {@code integer}: a 32-bit int, possibly with a unit. */
    INT("integer"),
    /** {@code real}: a double, possibly with a unit. */
    REAL("real"),
    /** {@code string}. */
    STRING("string"),
    /** {@code enum}: one of a fixed set of names. */
    ENUM("enum");

    private final String displayName;

    GucType(String displayName) {
        this.displayName = displayName;
    }

    /** @return the name {@code pg_settings.vartype} shows */
    public String displayName() {
        return displayName;
    }
}
