package org.elephas.sql;

import java.util.List;

import org.elephas.api.PgException;
import org.elephas.api.SqlState;

/**
 * Reads a statement's tokens left to right, for the host's own small grammars (utility
 * statements the host answers itself). Errors are PostgreSQL's {@code syntax error at or near
 * "x"} / {@code syntax error at end of input} with the position of the offending token.
 */
public final class TokenCursor {
    private final LexedStatement statement;
    private final List<Token> tokens;
    private int index;

    /** @param statement the statement */
    public TokenCursor(LexedStatement statement) {
        this.statement = statement;
        this.tokens = statement.tokens();
    }

    /** @return the next token, or null at the end */
    public Token peek() {
        return index < tokens.size() ? tokens.get(index) : null;
    }

    /** @return whether every token was read (a trailing {@code ;} does not count) */
    public boolean atEnd() {
        return index >= tokens.size() || (index == tokens.size() - 1 && tokens.get(index).is(";"));
    }

    /**
     * @param word a lower-case key word
     * @return whether the next token is that word; if so it is read
     */
    public boolean acceptWord(String word) {
        Token t = peek();
        if (t != null && t.isWord(word)) {
            index++;
            return true;
        }
        return false;
    }

    /**
     * @param words lower-case key words
     * @return whether the next tokens are these words; if so they are read
     */
    public boolean acceptWords(String... words) {
        for (int i = 0; i < words.length; i++) {
            Token t = index + i < tokens.size() ? tokens.get(index + i) : null;
            if (t == null || !t.isWord(words[i])) {
                return false;
            }
        }
        index += words.length;
        return true;
    }

    /**
     * @param symbol punctuation or operator
     * @return whether the next token is it; if so it is read
     */
    public boolean accept(String symbol) {
        Token t = peek();
        if (t != null && t.is(symbol)) {
            index++;
            return true;
        }
        return false;
    }

    /** @param word a key word that must come next */
    public void expectWord(String word) {
        if (!acceptWord(word)) {
            throw syntaxError();
        }
    }

    /** @param symbol punctuation that must come next */
    public void expect(String symbol) {
        if (!accept(symbol)) {
            throw syntaxError();
        }
    }

    /** @return the next token, read; a syntax error at the end */
    public Token next() {
        Token t = peek();
        if (t == null) {
            throw syntaxError();
        }
        index++;
        return t;
    }

    /** @return an identifier (plain, lower-cased, or quoted, as written) */
    public String identifier() {
        Token t = peek();
        if (t == null || (t.kind() != TokenKind.IDENTIFIER && t.kind() != TokenKind.QUOTED_IDENTIFIER)) {
            throw syntaxError();
        }
        index++;
        return t.text();
    }

    /** @return a string constant's value */
    public String string() {
        Token t = peek();
        if (t == null || t.kind() != TokenKind.STRING) {
            throw syntaxError();
        }
        index++;
        return t.text();
    }

    /** @return an identifier or a string constant's value ({@code NonReservedWord_or_Sconst}) */
    public String identifierOrString() {
        Token t = peek();
        return t != null && t.kind() == TokenKind.STRING ? string() : identifier();
    }

    /** @throws PgException a syntax error unless every token was read */
    public void expectEnd() {
        if (!atEnd()) {
            throw syntaxError();
        }
    }

    /** @return where the cursor is, for {@link #reset(int)} */
    public int mark() {
        return index;
    }

    /** @param mark a position from {@link #mark()} */
    public void reset(int mark) {
        index = mark;
    }

    /**
     * @param from a token index
     * @param to a token index after it
     * @return the source text of those tokens
     */
    public String sourceText(int from, int to) {
        if (from >= to) {
            return "";
        }
        return statement.text().substring(tokens.get(from).start(), tokens.get(to - 1).end());
    }

    /** @return PostgreSQL's syntax error at the next token */
    public PgException syntaxError() {
        Token t = peek();
        if (t == null || t.is(";")) {
            return PgException.error(SqlState.SYNTAX_ERROR, "syntax error at end of input")
                    .withPosition(statement.text().length() + 1);
        }
        String shown = switch (t.kind()) {
            case STRING -> statement.text().substring(t.start(), t.end());
            case QUOTED_IDENTIFIER -> statement.text().substring(t.start(), t.end());
            default -> t.text();
        };
        return PgException.error(SqlState.SYNTAX_ERROR, "syntax error at or near \"" + shown + "\"")
                .withPosition(t.start() + 1);
    }
}
