package org.elephas.dialect;

import java.util.Map;
import java.util.Set;

import org.elephas.sql.LexedStatement;
import org.elephas.sql.TokenKind;

/**
 * PostgreSQL's explicit operator syntax {@code a OPERATOR(pg_catalog.~) b}, which psql's
 * {@code \d} queries use for every pattern match, as the plain operator {@code a ~ b}. H2 knows
 * {@code ~}, {@code ~*}, {@code !~}, {@code !~*} and the comparison operators; PostgreSQL's
 * {@code ~~} family (LIKE written as an operator) becomes {@code LIKE} / {@code ILIKE}. Done on
 * tokens: JSqlParser 5.3 does not parse {@code OPERATOR(..)}.
 */
final class OperatorSyntax implements TokenRewrite {
    private static final Map<String, String> SPELLED = Map.of("~~", "LIKE", "!~~", "NOT LIKE", "~~*", "ILIKE",
            "!~~*", "NOT ILIKE");

    @Override
    public Set<String> triggerWords() {
        return Set.of("operator");
    }

    @Override
    public boolean applies(LexedStatement statement) {
        return next(statement, 0) >= 0;
    }

    /** Index of the next {@code OPERATOR (} from {@code from}, or -1. */
    private static int next(LexedStatement s, int from) {
        for (int i = from; i + 1 < s.tokens().size(); i++) {
            if (s.tokens().get(i).isWord("operator") && Tokens.is(s, i + 1, "(")) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public EngineStatement rewrite(LexedStatement statement, java.sql.Connection engine) {
        Splice splice = new Splice(statement);
        int i = next(statement, 0);
        while (i >= 0) {
            int close = Tokens.closing(statement, i + 1);
            if (close < 0) {
                break;
            }
            // The operator is the last token inside: OPERATOR(op) or OPERATOR(schema.op).
            var op = statement.tokens().get(close - 1);
            if (op.kind() != TokenKind.OPERATOR) {
                break;
            }
            splice.replace(i, close, " " + SPELLED.getOrDefault(op.text(), op.text()) + " ");
            i = next(statement, close + 1);
        }
        return EngineStatement.of(splice.text());
    }
}
