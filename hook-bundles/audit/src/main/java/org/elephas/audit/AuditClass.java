package org.elephas.audit;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The classes of statements {@code audit.log} chooses from, as pgaudit names them. Each utility
 * statement falls in exactly one class, decided by its command tag ({@link #of}).
 */
enum AuditClass {
    /** Reads: {@code SELECT} and {@code COPY}. */
    READ,
    /** Writes: {@code INSERT}, {@code UPDATE}, {@code DELETE}, {@code MERGE}, {@code TRUNCATE}. */
    WRITE,
    /** Code blocks and procedures: {@code DO}, {@code CALL}. */
    FUNCTION,
    /** Roles and privileges: {@code CREATE/ALTER/DROP ROLE}, {@code GRANT}, {@code REVOKE}. */
    ROLE,
    /** Every other {@code CREATE}, {@code ALTER}, {@code DROP}, and {@code COMMENT}. */
    DDL,
    /** Everything else: {@code VACUUM}, {@code ANALYZE}, {@code CHECKPOINT}, {@code DISCARD}, {@code LOAD}, ... */
    MISC,
    /** {@code SET} and {@code RESET}. */
    MISC_SET;

    /** Command tags of the ROLE class (PostgreSQL reports CREATE USER as CREATE ROLE). */
    private static final Set<String> ROLE_TAGS = Set.of("CREATE ROLE", "ALTER ROLE", "DROP ROLE", "GRANT", "REVOKE",
            "ALTER DEFAULT PRIVILEGES", "REASSIGN OWNED");

    /**
     * The class of a statement.
     *
     * @param commandTag its command tag, e.g. {@code CREATE TABLE}
     * @return its class
     */
    static AuditClass of(String commandTag) {
        String tag = commandTag.toUpperCase(Locale.ROOT);
        if (ROLE_TAGS.contains(tag)) {
            return ROLE;
        }
        if (tag.startsWith("CREATE ") || tag.startsWith("ALTER ") || tag.startsWith("DROP ")
                || tag.equals("COMMENT") || tag.equals("REFRESH MATERIALIZED VIEW")) {
            return DDL;
        }
        return switch (tag) {
            case "SET", "RESET" -> MISC_SET;
            case "DO", "CALL" -> FUNCTION;
            case "SELECT", "COPY" -> READ;
            case "INSERT", "UPDATE", "DELETE", "MERGE", "TRUNCATE TABLE" -> WRITE;
            default -> MISC;
        };
    }

    /**
     * Parse a value of {@code audit.log}: a comma list of class names, {@code all} or
     * {@code none}, each optionally preceded by {@code -} to take it away again; read from left
     * to right, case-insensitively.
     *
     * @param value the parameter's value
     * @return the classes it turns on, or null when a word is not a class
     */
    static Set<AuditClass> parseList(String value) {
        EnumSet<AuditClass> classes = EnumSet.noneOf(AuditClass.class);
        if (value == null || value.isBlank()) {
            return classes;
        }
        for (String item : value.split(",", -1)) {
            String word = item.trim().toLowerCase(Locale.ROOT);
            /* a leading minus takes the class away instead of adding it */
            boolean subtract = word.startsWith("-");
            if (subtract) {
                word = word.substring(1);
            }
            Set<AuditClass> named = named(word);
            if (named == null) {
                return null;
            }
            if (subtract) {
                classes.removeAll(named);
            } else {
                classes.addAll(named);
            }
        }
        return classes;
    }

    /** @return the classes one word names, or null when it names none */
    private static Set<AuditClass> named(String word) {
        switch (word) {
            case "all":
                return EnumSet.allOf(AuditClass.class);
            case "none":
                return EnumSet.noneOf(AuditClass.class);
            default:
                for (AuditClass c : values()) {
                    if (c.name().toLowerCase(Locale.ROOT).equals(word)) {
                        return EnumSet.of(c);
                    }
                }
                return null;
        }
    }
}
