package org.elephas.api.sql;

/** PostgreSQL's {@code CmdType}: what a statement does. */
public enum CommandType {
    /** A query returning rows ({@code SELECT}, {@code VALUES}, {@code TABLE}). */
    SELECT,
    /** {@code INSERT}. */
    INSERT,
    /** {@code UPDATE}. */
    UPDATE,
    /** {@code DELETE}. */
    DELETE,
    /** {@code MERGE}. */
    MERGE,
    /** Everything else: DDL, {@code SET}, transaction control, host commands. */
    UTILITY
}
