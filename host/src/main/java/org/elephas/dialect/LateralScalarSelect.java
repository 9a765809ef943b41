package org.elephas.dialect;

import java.sql.Connection;
import java.util.Set;

import org.elephas.sql.LexedStatement;

/**
 * {@code CROSS JOIN LATERAL (SELECT expr) AS o(n)}, a one-column, one-row lateral sub-select
 * without FROM (pgbench's start-up query: {@code cross join lateral (select
 * array_position(current_schemas(true), n.nspname)) as o(n)}). The engine has no LATERAL; the
 * join contributes exactly one row, so it is dropped and each {@code o.n} becomes
 * {@code (expr)}, which reads the same columns of the same row. Other LATERAL forms are left to
 * the engine.
 */
final class LateralScalarSelect implements TokenRewrite {

    @Override
    public Set<String> triggerWords() {
        return Set.of("lateral");
    }

    @Override
    public boolean applies(LexedStatement statement) {
        return find(statement, 0) != null;
    }

    /** The join's token range, alias, column and expression range, or null. */
    private record Join(int first, int last, String alias, String column, int exprFirst, int exprLast) {
    }

    private static Join find(LexedStatement s, int from) {
        for (int i = Math.max(from, 2); i < s.tokens().size(); i++) {
            if (!s.word(i).equals("lateral") || !s.word(i - 1).equals("join") || !s.word(i - 2).equals("cross")
                    || !Tokens.is(s, i + 1, "(") || !s.word(i + 2).equals("select")) {
                continue;
            }
            int close = Tokens.closing(s, i + 1);
            if (close < 0 || !singleExpression(s, i + 3, close)) {
                continue;
            }
            int alias = s.word(close + 1).equals("as") ? close + 2 : close + 1;
            if (s.word(alias).isEmpty() || !Tokens.is(s, alias + 1, "(") || s.word(alias + 2).isEmpty()
                    || !Tokens.is(s, alias + 3, ")")) {
                continue;
            }
            return new Join(i - 2, alias + 3, s.word(alias), s.word(alias + 2), i + 3, close - 1);
        }
        return null;
    }

    /** Tokens first..end-1 hold one expression: no top-level comma, FROM, WHERE or set operation. */
    private static boolean singleExpression(LexedStatement s, int first, int end) {
        int depth = 0;
        for (int i = first; i < end; i++) {
            if (Tokens.is(s, i, "(")) {
                depth++;
            } else if (Tokens.is(s, i, ")")) {
                depth--;
            } else if (depth == 0 && (Tokens.is(s, i, ",") || Set.of("from", "where", "union", "except", "intersect",
                    "group", "order", "limit").contains(s.word(i)))) {
                return false;
            }
        }
        return end > first;
    }

    @Override
    public EngineStatement rewrite(LexedStatement statement, Connection engine) {
        Join join = find(statement, 0);
        Splice splice = new Splice(statement);
        splice.drop(join.first(), join.last());
        String expression = "(" + Splice.source(statement, join.exprFirst(), join.exprLast()) + ")";
        for (int i = 0; i + 2 < statement.tokens().size(); i++) {
            if ((i < join.first() || i > join.last()) && statement.word(i).equals(join.alias())
                    && Tokens.is(statement, i + 1, ".") && statement.word(i + 2).equals(join.column())
                    && !Tokens.is(statement, i - 1, ".")) {
                splice.replace(i, i + 2, expression);
                i += 2;
            }
        }
        return EngineStatement.of(splice.text());
    }
}
