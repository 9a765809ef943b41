package org.elephas.dialect;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.elephas.api.PgException;
import org.elephas.api.SqlState;
import org.elephas.sql.LexedStatement;

/**
 * PostgreSQL's {@code TRUNCATE [TABLE] [ONLY] name [*] [, ...] [RESTART IDENTITY | CONTINUE
 * IDENTITY] [CASCADE | RESTRICT]} as H2's {@code TRUNCATE TABLE name [RESTART IDENTITY]}, one
 * statement per table (H2 wants the word TABLE and takes one table). {@code ONLY} and {@code *}
 * are dropped (H2 has no inheritance); {@code CASCADE} is dropped too: H2 refuses to truncate a
 * table another table's foreign key references, as PostgreSQL does without CASCADE, so a
 * CASCADE that would reach another table fails instead (see docs/sql.md). Done on tokens:
 * JSqlParser 5.3 does not parse the list forms.
 */
final class TruncateTables implements TokenRewrite {

    @Override
    public Set<String> triggerWords() {
        return Set.of("truncate");
    }

    @Override
    public boolean applies(LexedStatement statement) {
        return statement.word(0).equals("truncate");
    }

    @Override
    public EngineStatement rewrite(LexedStatement s, Connection engine) {
        int i = 1;
        if (s.word(i).equals("table")) {
            i++;
        }
        List<String> tables = new ArrayList<>();
        while (true) {
            if (s.word(i).equals("only")) {
                i++;
            }
            int end = Tokens.nameEnd(s, i);
            if (end < 0) {
                throw syntaxError(s, i);
            }
            tables.add(Splice.source(s, i, end));
            i = end + 1;
            if (Tokens.is(s, i, "*")) {
                i++;
            }
            if (!Tokens.is(s, i, ",")) {
                break;
            }
            i++;
        }
        String identity = "";
        if (Tokens.wordsAt(s, i, "restart", "identity")) {
            identity = " RESTART IDENTITY";
            i += 2;
        } else if (Tokens.wordsAt(s, i, "continue", "identity")) {
            i += 2;
        }
        if (s.word(i).equals("cascade") || s.word(i).equals("restrict")) {
            i++;
        }
        if (i < s.tokens().size()) {
            throw syntaxError(s, i);
        }
        List<String> statements = new ArrayList<>();
        for (String t : tables) {
            statements.add("TRUNCATE TABLE " + t + identity);
        }
        return new EngineStatement(statements.subList(0, statements.size() - 1),
                statements.get(statements.size() - 1));
    }

    private static PgException syntaxError(LexedStatement s, int i) {
        if (i >= s.tokens().size()) {
            return PgException.error(SqlState.SYNTAX_ERROR, "syntax error at end of input");
        }
        var t = s.tokens().get(i);
        return PgException.error(SqlState.SYNTAX_ERROR, "syntax error at or near \"" + Splice.source(s, i, i) + "\"")
                .withPosition(t.start() + 1);
    }
}
