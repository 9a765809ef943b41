package org.elephas.api.sql;

/** PostgreSQL's {@code ProcessUtilityContext}: where a utility statement comes from. */
public enum ProcessUtilityContext {
    /** A statement a client sent (nesting level 0). */
    TOPLEVEL,
    /** A statement run from extension code through SPI, inside a transaction. */
    QUERY,
    /** Like {@link #QUERY}, where transaction control is allowed (SPI in a worker). */
    QUERY_NONATOMIC,
    /** Part of a larger utility command (an extension script's statement). */
    SUBCOMMAND
}
