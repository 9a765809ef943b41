package org.elephas.dialect;

import java.util.List;

import org.elephas.sql.LexedStatement;
import org.elephas.sql.Token;
import org.elephas.sql.TokenKind;

/** Navigation over a statement's tokens for {@link TokenRewrite}s. */
final class Tokens {
    private Tokens() {
    }

    /**
     * @param s a statement
     * @param open index of an opening parenthesis
     * @return index of its closing parenthesis, or -1 when it is not closed
     */
    static int closing(LexedStatement s, int open) {
        List<Token> t = s.tokens();
        int depth = 0;
        for (int i = open; i < t.size(); i++) {
            if (t.get(i).is("(")) {
                depth++;
            } else if (t.get(i).is(")")) {
                depth--;
                if (depth == 0) {
                    return i;
                }
            }
        }
        return -1;
    }

    /**
     * @param s a statement
     * @param index a token index
     * @param symbol punctuation or operator text
     * @return whether the token at that index is that symbol
     */
    static boolean is(LexedStatement s, int index, String symbol) {
        return index >= 0 && index < s.tokens().size() && s.tokens().get(index).is(symbol);
    }

    /**
     * @param s a statement
     * @param index a token index
     * @return whether the token is a name (an unquoted or a quoted identifier)
     */
    static boolean isName(LexedStatement s, int index) {
        if (index < 0 || index >= s.tokens().size()) {
            return false;
        }
        TokenKind k = s.tokens().get(index).kind();
        return k == TokenKind.IDENTIFIER || k == TokenKind.QUOTED_IDENTIFIER;
    }

    /**
     * @param s a statement
     * @param index a token index
     * @return whether the token is a string constant
     */
    static boolean isString(LexedStatement s, int index) {
        return index >= 0 && index < s.tokens().size() && s.tokens().get(index).kind() == TokenKind.STRING;
    }

    /**
     * The end of a possibly qualified name ({@code a}, {@code s.a}, {@code "S"."a"}).
     *
     * @param s a statement
     * @param first index of its first part
     * @return index of its last part, or -1 when no name starts there
     */
    static int nameEnd(LexedStatement s, int first) {
        if (!isName(s, first)) {
            return -1;
        }
        int i = first;
        while (is(s, i + 1, ".") && isName(s, i + 2)) {
            i += 2;
        }
        return i;
    }

    /**
     * @param s a statement
     * @param from first index to look at
     * @param word a lower-case key word
     * @return index of the first occurrence of the word at parenthesis depth 0 from there, or -1
     */
    static int findTopLevel(LexedStatement s, int from, String word) {
        List<Token> t = s.tokens();
        int depth = 0;
        for (int i = from; i < t.size(); i++) {
            Token k = t.get(i);
            if (k.is("(") || k.is("[")) {
                depth++;
            } else if (k.is(")") || k.is("]")) {
                depth--;
            } else if (depth == 0 && k.isWord(word)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * @param s a statement
     * @param index a token index
     * @param words lower-case key words
     * @return whether the words stand there, in order
     */
    static boolean wordsAt(LexedStatement s, int index, String... words) {
        for (int i = 0; i < words.length; i++) {
            if (!s.word(index + i).equals(words[i])) {
                return false;
            }
        }
        return true;
    }

    /**
     * @param s a statement
     * @param word a lower-case key word
     * @return whether the statement contains it anywhere
     */
    static boolean containsWord(LexedStatement s, String word) {
        for (Token t : s.tokens()) {
            if (t.isWord(word)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A name as PostgreSQL reads it: unquoted parts fold to lower case (the lexer did that),
     * quoted ones are kept.
     *
     * @param s a statement
     * @param first index of the first part
     * @param last index of the last part
     * @return its parts, e.g. {@code [s, t]}
     */
    static List<String> nameParts(LexedStatement s, int first, int last) {
        java.util.ArrayList<String> parts = new java.util.ArrayList<>();
        for (int i = first; i <= last; i += 2) {
            parts.add(s.tokens().get(i).text());
        }
        return parts;
    }

    /**
     * @param name an identifier
     * @return it as a quoted SQL identifier
     */
    static String quote(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /**
     * @param value a string
     * @return it as an SQL string constant
     */
    static String literal(String value) {
        return '\'' + value.replace("'", "''") + '\'';
    }
}
