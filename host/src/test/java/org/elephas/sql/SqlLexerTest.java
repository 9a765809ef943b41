package org.elephas.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.elephas.api.PgException;
import org.elephas.api.SqlState;
import org.junit.jupiter.api.Test;

/** PostgreSQL's lexical rules: the forms that decide where statements end and what is a constant. */
class SqlLexerTest {

    private static List<String> texts(String sql) {
        return SqlLexer.tokenize(sql).stream().map(Token::text).toList();
    }

    private static List<TokenKind> kinds(String sql) {
        return SqlLexer.tokenize(sql).stream().map(Token::kind).toList();
    }

    @Test
    void identifiersFoldToLowerCaseButQuotedOnesDoNot() {
        assertEquals(List.of("select", "MixedCase", "from", "t"), texts("SELECT \"MixedCase\" FROM T"));
        assertEquals(List.of("a\"b"), texts("\"a\"\"b\""));
    }

    @Test
    void stringConstantsInEveryForm() {
        assertEquals(List.of("it's"), texts("'it''s'"));
        assertEquals(List.of("a\nb"), texts("E'a\\nb'"));
        assertEquals(List.of("body; with 'quotes'"), texts("$$body; with 'quotes'$$"));
        assertEquals(List.of("x $$ y"), texts("$fn$x $$ y$fn$"));
        assertEquals(List.of("ab"), texts("'a'\n'b'"));
        assertEquals(List.of(TokenKind.STRING, TokenKind.STRING), kinds("'a' 'b'"));
        assertEquals(List.of(TokenKind.STRING), kinds("B'1010'"));
    }

    @Test
    void commentsAreSkippedAndNest() {
        assertEquals(List.of("select", "1"), texts("/* a /* nested */ comment */ select -- trailing\n 1"));
    }

    @Test
    void parametersNumbersAndOperators() {
        List<Token> tokens = SqlLexer.tokenize("x::int4 >= $12 + 1.5e3 - .5");
        assertEquals(List.of("x", "::", "int4", ">=", "12", "+", "1.5e3", "-", ".5"),
                tokens.stream().map(Token::text).toList());
        assertEquals(TokenKind.PARAMETER, tokens.get(4).kind());
        assertEquals(TokenKind.NUMBER, tokens.get(6).kind());
    }

    @Test
    void offsetsPointIntoTheSource() {
        String sql = "select  'x'";
        Token t = SqlLexer.tokenize(sql).get(1);
        assertEquals("'x'", sql.substring(t.start(), t.end()));
    }

    @Test
    void unterminatedFormsAreSyntaxErrors() {
        for (String bad : List.of("select 'abc", "select \"abc", "select $$abc", "select /* abc")) {
            PgException e = assertThrows(PgException.class, () -> SqlLexer.tokenize(bad), bad);
            assertEquals(SqlState.SYNTAX_ERROR, e.sqlState());
        }
        assertEquals("unterminated quoted string at or near \"'abc\"",
                assertThrows(PgException.class, () -> SqlLexer.tokenize("select 'abc")).getMessage());
    }
}
