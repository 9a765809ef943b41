package org.elephas.catalog.commands;

import java.util.List;

import org.elephas.api.PgException;
import org.elephas.api.SqlState;
import org.elephas.sql.LexedStatement;
import org.elephas.sql.Token;
import org.elephas.sql.TokenKind;

/**
 * Reads a utility statement's tokens left to right, the way the grammar of one command
 * needs them; errors carry PostgreSQL's {@code syntax error at or near} and the position.
 */
final class Cursor {
    private final LexedStatement statement;
    private final List<Token> tokens;
    private int index;

    /**
     * @param statement the statement
     * @param start the first token to read
     */
    Cursor(LexedStatement statement, int start) {
        this.statement = statement;
        this.tokens = statement.tokens();
        this.index = start;
    }

    boolean atEnd() {
        return index >= tokens.size();
    }

    /** @return the next token, or null at the end */
    Token peek() {
        return atEnd() ? null : tokens.get(index);
    }

    /** @return the lower-case unquoted word ahead, or "" */
    String peekWord() {
        return statement.word(index);
    }

    /** @return the unquoted word after the next token, or "" */
    String peekWord(int ahead) {
        return statement.word(index + ahead);
    }

    Token next() {
        if (atEnd()) {
            throw syntaxError();
        }
        return tokens.get(index++);
    }

    /** @return whether the next token is this unquoted word, consuming it if so */
    boolean acceptWord(String word) {
        if (peekWord().equals(word)) {
            index++;
            return true;
        }
        return false;
    }

    /** @return whether the next token is this symbol, consuming it if so */
    boolean accept(String symbol) {
        Token t = peek();
        if (t != null && t.is(symbol)) {
            index++;
            return true;
        }
        return false;
    }

    void expectWord(String word) {
        if (!acceptWord(word)) {
            throw syntaxError();
        }
    }

    void expect(String symbol) {
        if (!accept(symbol)) {
            throw syntaxError();
        }
    }

    void expectEnd() {
        if (!atEnd()) {
            throw syntaxError();
        }
    }

    /** @return an identifier (a name: unquoted, folded to lower case, or quoted as written) */
    String name() {
        Token t = peek();
        if (t == null || (t.kind() != TokenKind.IDENTIFIER && t.kind() != TokenKind.QUOTED_IDENTIFIER)) {
            throw syntaxError();
        }
        index++;
        return t.text();
    }

    /** @return whether a name (identifier) comes next */
    boolean atName() {
        Token t = peek();
        return t != null && (t.kind() == TokenKind.IDENTIFIER || t.kind() == TokenKind.QUOTED_IDENTIFIER);
    }

    /** @return a string constant's value */
    String string() {
        Token t = peek();
        if (t == null || t.kind() != TokenKind.STRING) {
            throw syntaxError();
        }
        index++;
        return t.text();
    }

    /**
     * An optional {@code =}. The lexer keeps {@code =-} together (PostgreSQL splits a trailing
     * sign off an operator); it is read here as {@code =} followed by a minus sign.
     *
     * @return -1 when the {@code =} carried a minus sign, else 1
     */
    int acceptEquals() {
        Token t = peek();
        if (t != null && t.kind() == TokenKind.OPERATOR && (t.text().equals("=-") || t.text().equals("=+"))) {
            index++;
            return t.text().endsWith("-") ? -1 : 1;
        }
        accept("=");
        return 1;
    }

    /**
     * A signed integer ({@code SignedIconst}).
     *
     * @param sign a sign already read ({@link #acceptEquals()})
     * @return its value
     */
    int signedInt(int sign) {
        if (accept("-")) {
            sign = -sign;
        } else {
            accept("+");
        }
        Token t = peek();
        if (t == null || t.kind() != TokenKind.NUMBER) {
            throw syntaxError();
        }
        try {
            int v = Integer.parseInt(t.text());
            index++;
            return sign * v;
        } catch (NumberFormatException e) {
            throw syntaxError();
        }
    }

    /** @return the position (1-based, in the statement) of the next token, or after the last */
    int position() {
        Token t = peek();
        if (t != null) {
            return t.start() + 1;
        }
        return statement.text().length() + 1;
    }

    /** @return the position of the token just read */
    int previousPosition() {
        return tokens.get(index - 1).start() + 1;
    }

    /** @return PostgreSQL's syntax error at the next token */
    PgException syntaxError() {
        Token t = peek();
        if (t == null) {
            return PgException.error(SqlState.SYNTAX_ERROR, "syntax error at end of input").withPosition(position());
        }
        String near = statement.text().substring(t.start(), t.end());
        return PgException.error(SqlState.SYNTAX_ERROR, "syntax error at or near \"" + near + "\"")
                .withPosition(t.start() + 1);
    }
}
