package org.elephas.api.guc;

/**
 * The unit of an integer or real parameter: values may be written with a unit suffix
 * ({@code '10s'}, {@code '64MB'}) and are converted to this one, as in PostgreSQL.
 */
public enum GucUnit {
    /** Unitless. */
    NONE(""),
    /** Bytes. */
    BYTE("B"),
    /** Kilobytes. */
    KB("kB"),
    /** Megabytes. */
    MB("MB"),
    /** 8 kB blocks. */
    BLOCKS("8kB"),
    /** Milliseconds. */
    MS("ms"),
    /** Seconds. */
    S("s"),
    /** Minutes. */
    MIN("min");

    private final String displayName;

    GucUnit(String displayName) {
        this.displayName = displayName;
    }

    /** @return the unit as {@code pg_settings.unit} shows it, empty for {@link #NONE} */
    public String displayName() {
        return displayName;
    }

    /** @return whether this is a memory unit */
    public boolean isMemory() {
        return this == BYTE || this == KB || this == MB || this == BLOCKS;
    }

    /** @return whether this is a time unit */
    public boolean isTime() {
        return this == MS || this == S || this == MIN;
    }
}
