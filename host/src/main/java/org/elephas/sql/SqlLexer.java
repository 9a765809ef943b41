package org.elephas.sql;

import java.util.ArrayList;
import java.util.List;

import org.elephas.api.PgException;
import org.elephas.api.SqlState;

/**
 * Splits SQL text into {@link Token}s following PostgreSQL's lexical rules (scan.l): comments
 * (nested block comments too), quoted identifiers, string constants in every form
 * ({@code '..'}, {@code E'..'}, {@code B'..'}, {@code X'..'}, {@code N'..'}, {@code U&'..'},
 * dollar quoting), numbers, positional parameters and operators. Whitespace and comments are
 * dropped; token offsets point into the source.
 */
public final class SqlLexer {
    private static final String OPERATOR_CHARS = "+-*/<>=~!@#%^&|`?";

    private final String src;
    private final int len;
    private int pos;

    private SqlLexer(String src) {
        this.src = src;
        this.len = src.length();
    }

    /**
     * @param sql SQL text, one or more statements
     * @return its tokens
     * @throws PgException 42601 for an unterminated string, identifier or comment
     */
    public static List<Token> tokenize(String sql) {
        return new SqlLexer(sql).run();
    }

    private List<Token> run() {
        List<Token> tokens = new ArrayList<>();
        while (true) {
            skipSpaceAndComments();
            if (pos >= len) {
                return tokens;
            }
            tokens.add(next());
        }
    }

    private void skipSpaceAndComments() {
        while (pos < len) {
            char c = src.charAt(pos);
            if (Character.isWhitespace(c)) {
                pos++;
            } else if (c == '-' && peek(1) == '-') {
                while (pos < len && src.charAt(pos) != '\n') {
                    pos++;
                }
            } else if (c == '/' && peek(1) == '*') {
                skipBlockComment();
            } else {
                return;
            }
        }
    }

    private void skipBlockComment() {
        int start = pos;
        int depth = 0;
        while (pos < len) {
            if (src.startsWith("/*", pos)) {
                depth++;
                pos += 2;
            } else if (src.startsWith("*/", pos)) {
                depth--;
                pos += 2;
                if (depth == 0) {
                    return;
                }
            } else {
                pos++;
            }
        }
        throw syntaxError("unterminated /* comment", start);
    }

    private Token next() {
        int start = pos;
        char c = src.charAt(pos);
        char n = peek(1);
        if (c == '\'') {
            return quoted(start, start, false);
        }
        if ((c == 'e' || c == 'E') && n == '\'') {
            return quoted(start, start + 1, true);
        }
        if ((c == 'b' || c == 'B' || c == 'x' || c == 'X' || c == 'n' || c == 'N') && n == '\'') {
            return quoted(start, start + 1, false);
        }
        if ((c == 'u' || c == 'U') && n == '&' && (peek(2) == '\'' || peek(2) == '"')) {
            return peek(2) == '\'' ? quoted(start, start + 2, false) : quotedIdentifier(start, start + 2);
        }
        if (c == '"') {
            return quotedIdentifier(start, start);
        }
        if (c == '$') {
            if (Character.isDigit(n)) {
                pos++;
                while (pos < len && Character.isDigit(src.charAt(pos))) {
                    pos++;
                }
                return new Token(TokenKind.PARAMETER, src.substring(start + 1, pos), start, pos);
            }
            Token dollar = dollarQuoted(start);
            if (dollar != null) {
                return dollar;
            }
        }
        if (Character.isDigit(c) || (c == '.' && Character.isDigit(n))) {
            return number(start);
        }
        if (isIdentStart(c)) {
            pos++;
            while (pos < len && isIdentPart(src.charAt(pos))) {
                pos++;
            }
            return new Token(TokenKind.IDENTIFIER, src.substring(start, pos).toLowerCase(java.util.Locale.ROOT), start,
                    pos);
        }
        if (c == ':' && n == ':') {
            pos += 2;
            return new Token(TokenKind.OPERATOR, "::", start, pos);
        }
        if ("()[],;.:".indexOf(c) >= 0) {
            pos++;
            return new Token(TokenKind.PUNCTUATION, String.valueOf(c), start, pos);
        }
        if (OPERATOR_CHARS.indexOf(c) >= 0) {
            return operator(start);
        }
        pos++;
        return new Token(TokenKind.OPERATOR, String.valueOf(c), start, pos);
    }

    private Token quoted(int start, int quote, boolean backslashEscapes) {
        StringBuilder value = new StringBuilder();
        pos = quote + 1;
        while (true) {
            if (pos >= len) {
                throw syntaxError("unterminated quoted string", start);
            }
            char c = src.charAt(pos);
            if (c == '\'') {
                if (peek(1) == '\'') {
                    value.append('\'');
                    pos += 2;
                    continue;
                }
                pos++;
                // PostgreSQL joins constants separated by a newline: 'a'\n'b' is 'ab'.
                int save = pos;
                int afterSpace = skipWhitespaceWithNewline();
                if (afterSpace > 0 && pos < len && src.charAt(pos) == '\'') {
                    pos++;
                    continue;
                }
                pos = save;
                return new Token(TokenKind.STRING, value.toString(), start, pos);
            }
            if (backslashEscapes && c == '\\' && pos + 1 < len) {
                value.append(unescape(src.charAt(pos + 1)));
                pos += 2;
                continue;
            }
            value.append(c);
            pos++;
        }
    }

    /** @return 1 when whitespace containing a newline was skipped, else 0 (pos unchanged then) */
    private int skipWhitespaceWithNewline() {
        int p = pos;
        boolean newline = false;
        while (p < len && Character.isWhitespace(src.charAt(p))) {
            newline |= src.charAt(p) == '\n';
            p++;
        }
        if (!newline) {
            return 0;
        }
        pos = p;
        return 1;
    }

    private static char unescape(char c) {
        return switch (c) {
            case 'n' -> '\n';
            case 't' -> '\t';
            case 'r' -> '\r';
            case 'b' -> '\b';
            case 'f' -> '\f';
            default -> c;
        };
    }

    private Token quotedIdentifier(int start, int quote) {
        StringBuilder value = new StringBuilder();
        pos = quote + 1;
        while (true) {
            if (pos >= len) {
                throw syntaxError("unterminated quoted identifier", start);
            }
            char c = src.charAt(pos);
            if (c == '"') {
                if (peek(1) == '"') {
                    value.append('"');
                    pos += 2;
                    continue;
                }
                pos++;
                if (value.length() == 0) {
                    throw syntaxError("zero-length delimited identifier", start);
                }
                return new Token(TokenKind.QUOTED_IDENTIFIER, value.toString(), start, pos);
            }
            value.append(c);
            pos++;
        }
    }

    private Token dollarQuoted(int start) {
        int p = start + 1;
        while (p < len && src.charAt(p) != '$') {
            if (!isIdentPart(src.charAt(p)) || (p == start + 1 && Character.isDigit(src.charAt(p)))) {
                return null;
            }
            p++;
        }
        if (p >= len) {
            return null;
        }
        String delimiter = src.substring(start, p + 1);
        int body = p + 1;
        int close = src.indexOf(delimiter, body);
        if (close < 0) {
            throw syntaxError("unterminated dollar-quoted string", start);
        }
        pos = close + delimiter.length();
        return new Token(TokenKind.STRING, src.substring(body, close), start, pos);
    }

    private Token number(int start) {
        while (pos < len && Character.isDigit(src.charAt(pos))) {
            pos++;
        }
        if (pos < len && src.charAt(pos) == '.' && peek(1) != '.') {
            pos++;
            while (pos < len && Character.isDigit(src.charAt(pos))) {
                pos++;
            }
        }
        if (pos < len && (src.charAt(pos) == 'e' || src.charAt(pos) == 'E')) {
            int save = pos;
            pos++;
            if (pos < len && (src.charAt(pos) == '+' || src.charAt(pos) == '-')) {
                pos++;
            }
            if (pos < len && Character.isDigit(src.charAt(pos))) {
                while (pos < len && Character.isDigit(src.charAt(pos))) {
                    pos++;
                }
            } else {
                pos = save;
            }
        }
        return new Token(TokenKind.NUMBER, src.substring(start, pos), start, pos);
    }

    private Token operator(int start) {
        pos++;
        while (pos < len && OPERATOR_CHARS.indexOf(src.charAt(pos)) >= 0
                && !src.startsWith("--", pos) && !src.startsWith("/*", pos)) {
            pos++;
        }
        return new Token(TokenKind.OPERATOR, src.substring(start, pos), start, pos);
    }

    private char peek(int ahead) {
        int p = pos + ahead;
        return p < len ? src.charAt(p) : '\0';
    }

    private static boolean isIdentStart(char c) {
        return Character.isLetter(c) || c == '_' || c > 127;
    }

    private static boolean isIdentPart(char c) {
        return isIdentStart(c) || Character.isDigit(c) || c == '$';
    }

    private PgException syntaxError(String message, int at) {
        String near = src.substring(at, Math.min(len, at + 20));
        return PgException.error(SqlState.SYNTAX_ERROR, message + " at or near \"" + near + "\"")
                .withPosition(at + 1);
    }
}
