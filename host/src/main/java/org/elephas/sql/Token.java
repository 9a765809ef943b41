package org.elephas.sql;

/**
 * One token of a statement.
 *
 * @param kind what it is
 * @param text its value: lower-cased for identifiers, the unquoted value for quoted identifiers
 *     and plain string constants, the source text otherwise
 * @param start offset of its first character in the source
 * @param end offset after its last character
 */
public record Token(TokenKind kind, String text, int start, int end) {

    /**
     * @param word a lower-case key word
     * @return whether this is that unquoted word
     */
    public boolean isWord(String word) {
        return kind == TokenKind.IDENTIFIER && text.equals(word);
    }

    /**
     * @param symbol punctuation or operator text
     * @return whether this is that symbol
     */
    public boolean is(String symbol) {
        return (kind == TokenKind.PUNCTUATION || kind == TokenKind.OPERATOR) && text.equals(symbol);
    }

    /** @return whether this is a constant (string or number) */
    public boolean isConstant() {
        return kind == TokenKind.STRING || kind == TokenKind.NUMBER;
    }
}
