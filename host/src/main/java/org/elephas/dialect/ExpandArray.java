package org.elephas.dialect;

import java.sql.Connection;
import java.util.Set;

import org.elephas.sql.LexedStatement;

/**
 * pgjdbc's {@code getPrimaryKeys} and {@code getIndexInfo} queries: they expand a key array into
 * one row per element with the set-returning {@code information_schema._pg_expandarray(a)} in
 * the select list ({@code (_pg_expandarray(a)).n} is the position, {@code (.. ).x} the element),
 * which the engine cannot do. Rewritten as a join with a number series,
 * {@code JOIN SYSTEM_RANGE(1, 1600) AS expand_k(x) ON expand_k.x <= CARDINALITY(a)} added to that
 * query's FROM list (1600 is PostgreSQL's column limit): the position is {@code expand_k.x},
 * the element {@code a[expand_k.x]}, and an outer {@code (q.keys).x} reads the element column.
 * Also {@code v[i - 1] & 1::smallint}, pgjdbc's test of an {@code int2vector} (subscripts from
 * 0 in PostgreSQL, from 1 in the engine's arrays), becomes {@code BITAND(v[i - 1 + 1], 1)}.
 */
final class ExpandArray implements TokenRewrite {
    private static final String ALIAS = "expand_k";

    @Override
    public Set<String> triggerWords() {
        return Set.of("_pg_expandarray");
    }

    @Override
    public boolean applies(LexedStatement statement) {
        return next(statement, 0) >= 0;
    }

    /** Index of the next {@code information_schema._pg_expandarray(} from {@code from}, or -1. */
    private static int next(LexedStatement s, int from) {
        for (int i = from; i + 3 < s.tokens().size(); i++) {
            if (s.word(i).equals("information_schema") && Tokens.is(s, i + 1, ".")
                    && s.word(i + 2).equals("_pg_expandarray") && Tokens.is(s, i + 3, "(")) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public EngineStatement rewrite(LexedStatement statement, Connection engine) {
        int first = next(statement, 0);
        int firstClose = Tokens.closing(statement, first + 3);
        if (firstClose < 0) {
            return EngineStatement.of(statement.text());
        }
        String array = Splice.source(statement, first + 4, firstClose - 1);
        int insertAt = endOfFromList(statement, first);
        if (insertAt < 0) {
            return EngineStatement.of(statement.text());
        }
        Splice splice = new Splice(statement);
        String keysAlias = null;
        for (int i = first; i >= 0; i = next(statement, i + 1)) {
            int close = Tokens.closing(statement, i + 3);
            if (close < 0 || !Splice.source(statement, i + 4, close - 1).equals(array)) {
                return EngineStatement.of(statement.text());
            }
            boolean field = Tokens.is(statement, i - 1, "(") && Tokens.is(statement, close + 1, ")")
                    && Tokens.is(statement, close + 2, ".");
            if (field && statement.word(close + 3).equals("n")) {
                splice.replace(i - 1, close + 3, ALIAS + ".x");
            } else if (field && statement.word(close + 3).equals("x")) {
                splice.replace(i - 1, close + 3, "(" + array + ")[" + ALIAS + ".x]");
            } else {
                splice.replace(i, close, "(" + array + ")[" + ALIAS + ".x]");
                if (statement.word(close + 1).equals("as")) {
                    keysAlias = statement.word(close + 2);
                }
            }
            i = close;
        }
        splice.replace(insertAt, insertAt, " JOIN SYSTEM_RANGE(1, 1600) AS " + ALIAS + "(x) ON " + ALIAS
                + ".x <= CARDINALITY(" + array + ") " + Splice.source(statement, insertAt, insertAt));
        if (keysAlias != null) {
            // (result.keys).x: the element the keys column now holds.
            for (int i = 0; i + 6 < statement.tokens().size(); i++) {
                if (Tokens.is(statement, i, "(") && Tokens.is(statement, i + 2, ".")
                        && statement.word(i + 3).equals(keysAlias) && Tokens.is(statement, i + 4, ")")
                        && Tokens.is(statement, i + 5, ".") && statement.word(i + 6).equals("x")) {
                    splice.replace(i, i + 6, Splice.source(statement, i + 1, i + 3));
                }
            }
        }
        bitTests(statement, splice);
        return EngineStatement.of(splice.text());
    }

    /**
     * The first token after the FROM list of the query the expansion is in: its WHERE (or
     * GROUP BY, ORDER BY), or the parenthesis that closes the query.
     */
    private static int endOfFromList(LexedStatement s, int from) {
        // The parentheses opened between the query's SELECT and the expansion (an expression's).
        int depth = 0;
        for (int i = from - 1; i >= 0; i--) {
            if (Tokens.is(s, i, ")")) {
                depth--;
            } else if (Tokens.is(s, i, "(")) {
                depth++;
            } else if (depth >= 0 && s.word(i).equals("select")) {
                break;
            }
        }
        boolean seenFrom = false;
        for (int i = from; i < s.tokens().size(); i++) {
            if (Tokens.is(s, i, "(")) {
                depth++;
            } else if (Tokens.is(s, i, ")")) {
                if (--depth < 0) {
                    return seenFrom ? i : -1;
                }
            } else if (depth == 0) {
                String w = s.word(i);
                if (w.equals("from")) {
                    seenFrom = true;
                } else if (seenFrom && (w.equals("where") || w.equals("group") || w.equals("order"))) {
                    return i;
                }
            }
        }
        return -1;
    }

    /** {@code v[e] & n::smallint} as {@code BITAND(v[e + 1], n)}. */
    private static void bitTests(LexedStatement s, Splice splice) {
        for (int i = 1; i + 1 < s.tokens().size(); i++) {
            if (!Tokens.is(s, i, "&") || !Tokens.is(s, i - 1, "]")) {
                continue;
            }
            int open = i - 1;
            int depth = 0;
            for (; open >= 0; open--) {
                if (Tokens.is(s, open, "]")) {
                    depth++;
                } else if (Tokens.is(s, open, "[") && --depth == 0) {
                    break;
                }
            }
            int name = open - 1;
            while (name >= 2 && Tokens.is(s, name - 1, ".") && !s.word(name - 2).isEmpty()) {
                name -= 2;
            }
            int last = i + 1;
            if (open <= 0 || s.word(open - 1).isEmpty() || s.tokens().get(last).kind() != org.elephas.sql.TokenKind.NUMBER) {
                continue;
            }
            if (Tokens.is(s, last + 1, "::") && !s.word(last + 2).isEmpty()) {
                last += 2;
            }
            splice.replace(name, last, "BITAND(" + Splice.source(s, name, open) + Splice.source(s, open + 1, i - 2)
                    + " + 1], " + s.tokens().get(i + 1).text() + ")");
            i = last;
        }
    }
}
