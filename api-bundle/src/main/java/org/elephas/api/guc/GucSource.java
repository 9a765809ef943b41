package org.elephas.api.guc;

/**
 * {@code GucSource}: where a parameter's current value came from, in increasing priority.
 * {@code pg_settings.source} shows {@link #displayName()}.
 */
public enum GucSource {
    /** The built-in default. */
    DEFAULT("default"),
    /** A default computed at startup. */
    DYNAMIC_DEFAULT("default"),
    /** An environment variable. */
    ENV_VAR("environment variable"),
    /** The configuration file ({@code elephas.conf} or {@code elephas.auto.conf}). */
    FILE("configuration file"),
    /** The command line ({@code -c name=value}). */
    ARGV("command line"),
    /** Global settings (ALTER ... SET for all databases). */
    GLOBAL("global"),
    /** Per-database settings. */
    DATABASE("database"),
    /** Per-role settings. */
    USER("user"),
    /** Per-database-and-role settings. */
    DATABASE_USER("database user"),
    /** The client's connection request. */
    CLIENT("client"),
    /** Forced by the server. */
    OVERRIDE("override"),
    /** Interactive (SET, not yet committed). */
    INTERACTIVE("interactive"),
    /** Test value. */
    TEST("test"),
    /** SET in the session. */
    SESSION("session");

    private final String displayName;

    GucSource(String displayName) {
        this.displayName = displayName;
    }

    /** @return the name {@code pg_settings.source} shows */
    public String displayName() {
        return displayName;
    }
}
