package org.elephas.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Splitting text into statements: each statement's text, and token offsets relative to it. */
class LexedStatementOffsetsTest {

    /** Every token's offsets must point at its own source text in the statement's text. */
    private static void assertOffsetsMatchText(LexedStatement s) {
        for (Token t : s.tokens()) {
            String source = s.text().substring(t.start(), t.end());
            switch (t.kind()) {
                case IDENTIFIER -> assertEquals(t.text(), source.toLowerCase(java.util.Locale.ROOT));
                case PARAMETER -> assertEquals("$" + t.text(), source);
                case STRING -> assertTrue(source.startsWith("'") && source.endsWith("'"), source);
                case QUOTED_IDENTIFIER -> assertEquals('"' + t.text() + '"', source);
                default -> assertEquals(t.text(), source);
            }
        }
    }

    @Test
    void aSingleStatementKeepsItsText() {
        List<LexedStatement> all = LexedStatement.split("select abalance from accounts where aid = $1");
        assertEquals(1, all.size());
        LexedStatement s = all.get(0);
        assertEquals("select abalance from accounts where aid = $1", s.text());
        assertEquals(8, s.tokens().size());
        assertEquals(0, s.tokens().get(0).start());
        assertOffsetsMatchText(s);
    }

    @Test
    void surroundingSpaceCommentsAndSemicolonAreNotPartOfTheStatement() {
        LexedStatement s = LexedStatement.of("  /* c */ SELECT 'x''y' , \"Q\";  -- done");
        assertEquals("SELECT 'x''y' , \"Q\"", s.text());
        assertEquals(0, s.tokens().get(0).start());
        assertEquals(s.text().length(), s.tokens().get(s.tokens().size() - 1).end());
        assertOffsetsMatchText(s);
    }

    @Test
    void laterStatementsHaveOffsetsIntoTheirOwnText() {
        List<LexedStatement> all = LexedStatement.split("select 1;insert into t values ($2, 'a');; \n update t set a = 1");
        assertEquals(List.of("select 1", "insert into t values ($2, 'a')", "update t set a = 1"),
                all.stream().map(LexedStatement::text).toList());
        for (LexedStatement s : all) {
            assertEquals(0, s.tokens().get(0).start());
            assertOffsetsMatchText(s);
        }
        assertEquals("insert into t values (?2, 'a')", org.elephas.dialect.Dialect.plainText(all.get(1)));
    }

    @Test
    void tokensCannotBeChanged() {
        LexedStatement s = LexedStatement.of("select 1");
        assertThrows(UnsupportedOperationException.class, () -> s.tokens().clear());
    }

    @Test
    void nothingToRun() {
        assertEquals(List.of(), LexedStatement.split(" ; -- nothing\n;"));
        assertTrue(LexedStatement.of("").isEmpty());
    }
}
