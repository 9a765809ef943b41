package org.elephas.function;

import java.util.ArrayList;
import java.util.List;

import org.elephas.api.PgException;
import org.elephas.api.SqlState;
import org.elephas.sql.LexedStatement;
import org.elephas.sql.Token;
import org.elephas.sql.TokenKind;

/**
 * Evaluates a Java function's {@code DEFAULT} expressions: constants, possibly cast
 * ({@code 0}, {@code false}, {@code 'x'}, {@code '{}'::text[]}, {@code ARRAY['a']}, {@code NULL}),
 * with PostgreSQL's array literal syntax for array parameters.
 */
final class DefaultValues {
    private DefaultValues() {
    }

    /**
     * @param expression the expression as written
     * @param type the parameter's type
     * @return its value as the type's Java class
     * @throws PgException 0A000 for anything but a constant
     */
    static Object evaluate(String expression, SqlType type) {
        List<Token> tokens = new ArrayList<>(LexedStatement.of(expression).tokens());
        // Drop casts (::type, ::type[]) and enclosing parentheses: the parameter's type decides.
        int cast = indexOf(tokens, "::");
        if (cast >= 0) {
            tokens = tokens.subList(0, cast);
        }
        while (tokens.size() >= 2 && tokens.get(0).is("(") && tokens.get(tokens.size() - 1).is(")")) {
            tokens = tokens.subList(1, tokens.size() - 1);
        }
        if (tokens.size() == 1) {
            Token t = tokens.get(0);
            if (t.isWord("null")) {
                return null;
            }
            if (t.isWord("true") || t.isWord("false")) {
                return type.convert(t.text());
            }
            if (t.kind() == TokenKind.NUMBER) {
                return type.convert(t.text());
            }
            if (t.kind() == TokenKind.STRING) {
                return type.isArray() ? type.convert(arrayLiteral(t.text(), expression)) : type.convert(t.text());
            }
        }
        if (tokens.size() == 2 && tokens.get(0).is("-") && tokens.get(1).kind() == TokenKind.NUMBER) {
            return type.convert("-" + tokens.get(1).text());
        }
        if (tokens.size() >= 3 && tokens.get(0).isWord("array") && tokens.get(1).is("[")
                && tokens.get(tokens.size() - 1).is("]")) {
            List<Object> elements = new ArrayList<>();
            for (Token t : tokens.subList(2, tokens.size() - 1)) {
                if (t.is(",")) {
                    continue;
                }
                if (!t.isConstant() && !t.isWord("null")) {
                    throw unsupported(expression);
                }
                elements.add(t.isWord("null") ? null : t.text());
            }
            return type.convert(elements);
        }
        throw unsupported(expression);
    }

    private static int indexOf(List<Token> tokens, String symbol) {
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.get(i).is(symbol)) {
                return i;
            }
        }
        return -1;
    }

    /** PostgreSQL's array input syntax, one dimension: {@code {a,"b c",NULL}}. */
    static List<String> arrayLiteral(String text, String expression) {
        String s = text.trim();
        if (!s.startsWith("{") || !s.endsWith("}")) {
            throw PgException.error(SqlState.INVALID_TEXT_REPRESENTATION, "malformed array literal: \"" + text + "\"");
        }
        List<String> out = new ArrayList<>();
        String body = s.substring(1, s.length() - 1);
        if (body.isBlank()) {
            return out;
        }
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '\\' && i + 1 < body.length()) {
                current.append(body.charAt(++i));
            } else if (c == '"') {
                quoted = !quoted;
                wasQuoted = true;
            } else if (c == ',' && !quoted) {
                out.add(element(current, wasQuoted));
                current.setLength(0);
                wasQuoted = false;
            } else if (c == '{' && !quoted) {
                throw unsupported(expression);
            } else {
                current.append(c);
            }
        }
        out.add(element(current, wasQuoted));
        return out;
    }

    private static String element(StringBuilder text, boolean quoted) {
        String value = quoted ? text.toString() : text.toString().trim();
        return !quoted && value.equalsIgnoreCase("null") ? null : value;
    }

    private static PgException unsupported(String expression) {
        return PgException.error(SqlState.FEATURE_NOT_SUPPORTED,
                "only constants are supported as default values of LANGUAGE java functions: " + expression);
    }
}
