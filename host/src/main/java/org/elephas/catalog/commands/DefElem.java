package org.elephas.catalog.commands;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.elephas.api.PgException;
import org.elephas.api.SqlState;
import org.elephas.sql.Token;
import org.elephas.sql.TokenKind;

/**
 * One {@code name [=] value} option of CREATE/ALTER DATABASE (PostgreSQL's {@code DefElem}),
 * and the {@code defGet*} conversions with their messages.
 *
 * @param name the option's name as PostgreSQL spells it internally ({@code connection_limit})
 * @param value its value as written (a number, a word or a string), null for {@code DEFAULT}
 * @param number whether the value is a number
 * @param position where the option starts in the statement
 */
record DefElem(String name, String value, boolean number, int position) {

    /**
     * Read options up to the end of the statement: {@code name [=] value ...}, with
     * {@code CONNECTION LIMIT} as one name.
     *
     * @param c the statement, at the first option
     * @param known the options the command takes; any other is {@code option "x" not recognized}
     * @return the options by name
     * @throws PgException 42601 for an unknown or repeated option
     */
    static Map<String, DefElem> parseList(Cursor c, Set<String> known) {
        Map<String, DefElem> options = new HashMap<>();
        while (!c.atEnd()) {
            int position = c.position();
            Token t = c.peek();
            if (t.kind() != TokenKind.IDENTIFIER) {
                throw c.syntaxError();
            }
            String name = c.name();
            if (name.equals("connection") && c.acceptWord("limit")) {
                name = "connection_limit";
            }
            if (!known.contains(name)) {
                throw PgException.error(SqlState.SYNTAX_ERROR, "option \"" + name + "\" not recognized")
                        .withPosition(position);
            }
            DefElem e = parseValue(c, name, position);
            if (options.putIfAbsent(name, e) != null) {
                throw conflicting(position);
            }
        }
        return options;
    }

    private static DefElem parseValue(Cursor c, String name, int position) {
        int sign = c.acceptEquals();
        Token t = c.peek();
        if (t == null) {
            throw c.syntaxError();
        }
        if (t.is("-") || t.is("+") || t.kind() == TokenKind.NUMBER) {
            if (t.is("-")) {
                sign = -sign;
                c.next();
            } else if (t.is("+")) {
                c.next();
            }
            Token n = c.next();
            if (n.kind() != TokenKind.NUMBER) {
                throw c.syntaxError();
            }
            return new DefElem(name, (sign < 0 ? "-" : "") + n.text(), true, position);
        }
        if (t.kind() == TokenKind.STRING || t.kind() == TokenKind.QUOTED_IDENTIFIER) {
            c.next();
            return new DefElem(name, t.text(), false, position);
        }
        if (t.kind() == TokenKind.IDENTIFIER) {
            c.next();
            return new DefElem(name, t.text().equals("default") ? null : t.text(), false, position);
        }
        throw c.syntaxError();
    }

    /** @return PostgreSQL's {@code errorConflictingDefElem} */
    static PgException conflicting(int position) {
        return PgException.error(SqlState.SYNTAX_ERROR, "conflicting or redundant options").withPosition(position);
    }

    /** {@code defGetBoolean}: true/false/on/off or 1/0. */
    boolean asBoolean() {
        if (value == null) {
            return true;
        }
        if (number) {
            if (value.equals("0")) {
                return false;
            }
            if (value.equals("1")) {
                return true;
            }
        } else {
            switch (value.toLowerCase(Locale.ROOT)) {
                case "true", "on" -> {
                    return true;
                }
                case "false", "off" -> {
                    return false;
                }
                default -> {
                }
            }
        }
        throw PgException.error(SqlState.SYNTAX_ERROR, name + " requires a Boolean value");
    }

    /** {@code defGetInt32}. */
    int asInt() {
        if (value != null && number) {
            try {
                return Integer.parseInt(value);
            } catch (NumberFormatException e) {
                // Out of range: as not an integer.
            }
        }
        throw PgException.error(SqlState.SYNTAX_ERROR, name + " requires an integer value");
    }

    /** {@code defGetString}. */
    String asString() {
        if (value == null) {
            throw PgException.error(SqlState.SYNTAX_ERROR, name + " requires a parameter");
        }
        return value;
    }

    /** @return whether the option was given a value other than DEFAULT */
    boolean hasValue() {
        return value != null;
    }
}
