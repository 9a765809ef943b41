package org.elephas.sql;

import java.util.regex.Pattern;

/** Writing identifiers into SQL text. */
public final class Identifiers {
    private static final Pattern PLAIN = Pattern.compile("[a-z_][a-z0-9_$]*");

    private Identifiers() {
    }

    /**
     * @param identifier a name
     * @return it double-quoted, inner quotes doubled
     */
    public static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    /**
     * PostgreSQL's {@code quote_identifier}: quoted only when it would not read back as itself.
     *
     * @param identifier a name
     * @return it, quoted if needed
     */
    public static String quoteIfNeeded(String identifier) {
        return PLAIN.matcher(identifier).matches() ? identifier : quote(identifier);
    }
}
