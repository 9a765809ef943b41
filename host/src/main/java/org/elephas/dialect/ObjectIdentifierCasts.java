package org.elephas.dialect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.elephas.api.PgException;
import org.elephas.api.SqlState;
import org.elephas.engine.EngineErrors;
import org.elephas.sql.LexedStatement;

/**
 * PostgreSQL's object identifier casts {@code 'name'::regclass}, {@code CAST('name' AS
 * regclass)}, {@code ::regtype}, {@code ::regproc}, {@code ::regprocedure} and
 * {@code ::regnamespace} (qualified with {@code pg_catalog.} or not). H2 has none of these types
 * (it only reads {@code ::regclass} itself, looking the name up in every schema at once).
 *
 * <p>A cast of a string constant is resolved while the statement is planned, as PostgreSQL's
 * parse analysis does, and replaced with the OID: a relation in the host's {@code pg_class}
 * (schema-qualified or looked for in {@code pg_catalog}, then the session's current schema), a
 * type from PostgreSQL's built-in type OIDs ({@link PgTypeNames}), a function in the host's
 * {@code pg_proc}, a schema in its {@code pg_namespace} (the views of
 * {@code org.elephas.system.PgCatalog}). A string of digits is an OID already. A missing one fails as in PostgreSQL: {@code relation "x" does
 * not exist} (42P01), {@code type "x" does not exist} (42704), {@code function "x" does not
 * exist} (42883), {@code schema "x" does not exist} (3F000).
 *
 * <p>Any other operand keeps its value: {@code ::regclass} is left to H2's own cast (an OID
 * stays an OID, a name is looked up), the other casts are dropped, so {@code atttypid::regtype}
 * is the type's OID. These types' values are therefore OIDs, shown as numbers, not names (see
 * docs/sql.md).
 */
final class ObjectIdentifierCasts implements TokenRewrite {
    /** {@code 42725} ambiguous_function. */
    private static final String AMBIGUOUS_FUNCTION = "42725";
    /** Where the host's catalog views are, whose OIDs every catalog query sees. */
    private static final String CATALOG = SystemViewRewrite.SCHEMA;
    private static final Set<String> TYPES = Set.of("regclass", "regtype", "regproc", "regprocedure", "regnamespace");

    @Override
    public Set<String> triggerWords() {
        return TYPES;
    }

    @Override
    public boolean applies(LexedStatement statement) {
        for (int i = 1; i < statement.tokens().size(); i++) {
            if (TYPES.contains(statement.word(i)) && (Tokens.is(statement, i - 1, "::")
                    || Tokens.is(statement, i - 1, ".") || statement.word(i - 1).equals("as"))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public EngineStatement rewrite(LexedStatement statement, Connection engine) {
        LexedStatement s = LexedStatement.of(castsToColons(statement));
        Splice splice = new Splice(s);
        for (int i = 0; i < s.tokens().size(); i++) {
            if (!Tokens.is(s, i, "::")) {
                continue;
            }
            int typeStart = i + 1;
            int typeEnd = typeStart;
            if (s.word(typeStart).equals("pg_catalog") && Tokens.is(s, typeStart + 1, ".")) {
                typeEnd = typeStart + 2;
            }
            String type = s.word(typeEnd);
            if (!TYPES.contains(type)) {
                continue;
            }
            boolean constant = Tokens.isString(s, i - 1) && !Tokens.is(s, i - 2, "::");
            if (constant) {
                long oid = resolve(type, s.tokens().get(i - 1).text(), engine);
                splice.replace(i - 1, typeEnd, Long.toString(oid));
            } else if (type.equals("regclass") && selectListOperand(s, i) > 0) {
                // Shown to the client: regclass's output is the relation's name (psql's "Referenced by").
                splice.insertAfter(selectListOperand(s, i) - 1, " " + CATALOG + "." + CatalogNames.PREFIX + "regclassout(");
                splice.replace(i, typeEnd, ")");
            } else if (type.equals("regclass")) {
                splice.replace(i, typeEnd, "::regclass");
            } else {
                splice.drop(i, typeEnd);
            }
            i = typeEnd;
        }
        return EngineStatement.of(splice.text());
    }

    /**
     * The first token of the operand of the {@code ::} at {@code colons}, when the cast is an item
     * of a select list (a column name, qualified or not, or a parenthesized expression, right
     * after {@code SELECT} or a comma at the select list's level); -1 otherwise.
     */
    private static int selectListOperand(LexedStatement s, int colons) {
        int start = colons - 1;
        if (Tokens.is(s, start, ")")) {
            int depth = 0;
            for (; start >= 0; start--) {
                depth += Tokens.is(s, start, ")") ? 1 : Tokens.is(s, start, "(") ? -1 : 0;
                if (depth == 0) {
                    break;
                }
            }
        } else {
            if (!Tokens.isName(s, start)) {
                return -1;
            }
            while (Tokens.is(s, start - 1, ".") && Tokens.isName(s, start - 2)) {
                start -= 2;
            }
        }
        int before = start - 1;
        boolean item = s.word(before).equals("select") || s.word(before).equals("distinct")
                || Tokens.is(s, before, ",");
        if (!item || start <= 0) {
            return -1;
        }
        // The next token ends the item; a comma must be the select list's, not a function's argument list.
        int after = colons + 1;
        while (after < s.tokens().size() && (Tokens.is(s, after, ".") || Tokens.isName(s, after))
                && !s.word(after).equals("as") && !s.word(after).equals("from")) {
            after++;
        }
        boolean ends = after >= s.tokens().size() || s.word(after).equals("as") || s.word(after).equals("from")
                || Tokens.is(s, after, ",") || Tokens.is(s, after, ";");
        if (!ends) {
            return -1;
        }
        // Walk back to the SELECT at the item's level, through earlier items only.
        int depth = 0;
        for (int j = before; j >= 0; j--) {
            if (Tokens.is(s, j, ")")) {
                depth++;
            } else if (Tokens.is(s, j, "(")) {
                if (depth == 0) {
                    return -1;
                }
                depth--;
            } else if (depth == 0 && s.word(j).equals("select")) {
                return start;
            } else if (depth == 0 && (s.word(j).equals("from") || s.word(j).equals("where")
                    || s.word(j).equals("by") || s.word(j).equals("on"))) {
                return -1;
            }
        }
        return -1;
    }

    /** {@code CAST(x AS regclass)} to {@code ((x)::regclass)}, so that one pass handles both spellings. */
    private static String castsToColons(LexedStatement s) {
        Splice splice = new Splice(s);
        for (int i = 0; i + 1 < s.tokens().size(); i++) {
            if (!s.word(i).equals("cast") || !Tokens.is(s, i + 1, "(")) {
                continue;
            }
            int close = Tokens.closing(s, i + 1);
            if (close < 0) {
                continue;
            }
            int type = close - 1;
            int as = Tokens.is(s, type - 1, ".") && s.word(type - 2).equals("pg_catalog") ? type - 3 : type - 1;
            if (!TYPES.contains(s.word(type)) || !s.word(as).equals("as")) {
                continue;
            }
            if (as == i + 3 && Tokens.isString(s, i + 2)) {
                // A constant stays a constant: ('name'::regclass).
                splice.replace(i, i + 1, "(");
                splice.replace(as, close, "::" + s.word(type) + ")");
            } else {
                splice.replace(i, i + 1, "((");
                splice.replace(as, close, ")::" + s.word(type) + ")");
            }
            i = close;
        }
        return splice.text();
    }

    private static long resolve(String type, String name, Connection engine) {
        if (!name.isEmpty() && name.chars().allMatch(Character::isDigit) && name.length() < 11) {
            // As PostgreSQL's regclassin and friends: a number is an OID, taken as it is.
            return Long.parseLong(name);
        }
        if (type.equals("regtype")) {
            return PgTypeNames.oid(name);
        }
        if (engine == null) {
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "cannot resolve " + type + " without a session");
        }
        try {
            return switch (type) {
                case "regclass" -> relation(engine, name);
                case "regnamespace" -> single(engine, "SELECT oid FROM " + CATALOG + ".pg_namespace WHERE nspname = ?",
                        List.of(identifier(name)), SqlState.INVALID_SCHEMA_NAME, "schema \"" + name + "\" does not exist",
                        null);
                default -> function(engine, type, name);
            };
        } catch (SQLException e) {
            throw EngineErrors.translate(e);
        }
    }

    /** A relation by PostgreSQL's name syntax: qualified, or in pg_catalog then the current schema. */
    private static long relation(Connection engine, String text) throws SQLException {
        List<String> parts = nameParts(text);
        String missing = "relation \"" + text + "\" does not exist";
        String sql = "SELECT c.oid FROM " + CATALOG + ".pg_class c JOIN " + CATALOG + ".pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE c.relname = ? AND n.nspname = ?";
        if (parts.size() == 2) {
            return single(engine, sql, List.of(parts.get(1), parts.get(0)), SqlState.UNDEFINED_TABLE, missing, null);
        }
        if (parts.size() != 1) {
            throw PgException.error(SqlState.SYNTAX_ERROR, "improper relation name (too many dotted names): " + text);
        }
        for (String schema : List.of("pg_catalog", currentSchema(engine))) {
            Long oid = optional(engine, sql, List.of(parts.get(0), schema));
            if (oid != null) {
                return oid;
            }
        }
        throw PgException.error(SqlState.UNDEFINED_TABLE, missing);
    }

    private static long function(Connection engine, String type, String text) throws SQLException {
        if (text.contains("(")) {
            throw DeltaTables.refused("a " + type + " constant with an argument list");
        }
        List<String> parts = nameParts(text);
        String name = parts.get(parts.size() - 1);
        return single(engine, "SELECT oid FROM " + CATALOG + ".pg_proc WHERE proname = ?", List.of(name),
                SqlState.UNDEFINED_FUNCTION, "function \"" + text + "\" does not exist",
                "more than one function named \"" + text + "\"");
    }

    private static String currentSchema(Connection engine) throws SQLException {
        try (var st = engine.createStatement(); ResultSet rs = st.executeQuery("SELECT CURRENT_SCHEMA")) {
            return rs.next() ? rs.getString(1) : "public";
        }
    }

    private static long single(Connection engine, String sql, List<String> args, String missingState, String missing,
            String ambiguous) throws SQLException {
        try (PreparedStatement ps = engine.prepareStatement(sql)) {
            for (int i = 0; i < args.size(); i++) {
                ps.setString(i + 1, args.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw PgException.error(missingState, missing);
                }
                long oid = rs.getLong(1);
                if (ambiguous != null && rs.next()) {
                    throw PgException.error(AMBIGUOUS_FUNCTION, ambiguous);
                }
                return oid;
            }
        }
    }

    private static Long optional(Connection engine, String sql, List<String> args) throws SQLException {
        try (PreparedStatement ps = engine.prepareStatement(sql)) {
            for (int i = 0; i < args.size(); i++) {
                ps.setString(i + 1, args.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        }
    }

    private static String identifier(String text) {
        List<String> parts = nameParts(text);
        return parts.get(parts.size() - 1);
    }

    /**
     * A name as PostgreSQL's {@code regclassin} reads it: dot-separated parts, unquoted ones
     * folded to lower case, quoted ones kept with {@code ""} unescaped.
     *
     * @param text the name
     * @return its parts
     */
    static List<String> nameParts(String text) {
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    part.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    part.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == '.') {
                parts.add(part.toString());
                part.setLength(0);
            } else if (!Character.isWhitespace(c)) {
                part.append(Character.toLowerCase(c));
            }
        }
        parts.add(part.toString());
        return parts;
    }
}
