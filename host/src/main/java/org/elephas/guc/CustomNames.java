package org.elephas.guc;

import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.elephas.api.PgException;

/**
 * PostgreSQL's rules for custom parameter names ({@code valid_custom_variable_name},
 * {@code assignable_custom_variable_name}) and the reserved prefixes of
 * {@code MarkGUCPrefixReserved}. Thread-safe: sessions consult it without the registry's lock.
 */
final class CustomNames {
    /** The detail PostgreSQL gives for a malformed custom name. */
    static final String NAME_RULE_DETAIL =
            "Custom parameter names must be two or more simple identifiers separated by dots.";

    private final Set<String> reserved = ConcurrentHashMap.newKeySet();

    /**
     * {@code valid_custom_variable_name}: two or more identifiers separated by dots; identifiers
     * start with a letter or underscore, then letters, digits, underscores or dollars.
     *
     * @param name a name
     * @return whether it is a valid custom name
     */
    static boolean isValid(String name) {
        boolean sawSeparator = false;
        boolean nameStart = true;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '.') {
                if (nameStart) {
                    return false; // empty component
                }
                sawSeparator = true;
                nameStart = true;
            } else if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' || c >= 0x80) {
                nameStart = false;
            } else if (!nameStart && ((c >= '0' && c <= '9') || c == '$')) {
                continue;
            } else {
                return false;
            }
        }
        return !nameStart && sawSeparator;
    }

    /**
     * {@code assignable_custom_variable_name}: may a placeholder of this name be created?
     *
     * @param name a lower-case name not defined as a parameter
     * @throws PgException {@code unrecognized configuration parameter} without a dot (42704);
     *     {@code invalid configuration parameter name} when malformed or under a reserved prefix
     *     (42602)
     */
    void checkAssignable(String name) {
        int dot = name.indexOf('.');
        if (dot < 0) {
            throw GucErrors.unrecognized(name);
        }
        if (!isValid(name)) {
            throw GucErrors.invalidName(name).withDetail(NAME_RULE_DETAIL);
        }
        String prefix = name.substring(0, dot);
        if (reserved.contains(prefix)) {
            throw GucErrors.reservedPrefix(name, prefix);
        }
    }

    /** @return whether a placeholder of this name would be refused */
    boolean isAssignable(String name) {
        try {
            checkAssignable(name);
            return true;
        } catch (PgException e) {
            return false;
        }
    }

    /** @param prefix a prefix to reserve (lower-cased) */
    void reserve(String prefix) {
        reserved.add(prefix.toLowerCase(Locale.ROOT));
    }

    /** @param prefix a prefix to release (when its extension unloads) */
    void release(String prefix) {
        reserved.remove(prefix.toLowerCase(Locale.ROOT));
    }

    /** @return whether {@code name} is under {@code prefix.} */
    static boolean isUnder(String name, String prefix) {
        return name.length() > prefix.length() + 1 && name.startsWith(prefix) && name.charAt(prefix.length()) == '.';
    }
}
