package org.elephas.dialect;

import java.sql.Connection;
import java.util.Set;

import org.elephas.sql.LexedStatement;

/**
 * A scalar set-returning function in FROM with a table alias only, {@code FROM
 * generate_series(1, 10) AS aid} (as {@code pgbench -i} generates its tables on the server):
 * in PostgreSQL the alias also names the function's single column, so the query reads
 * {@code aid}; H2 names the column itself. The column is named explicitly:
 * {@code generate_series(1, 10) AS aid(aid)}. The same for {@code unnest} of one array. Either
 * may be qualified with {@code pg_catalog} (as psql's queries do); the engine's table functions
 * have no schema, so the qualifier goes.
 */
final class FunctionColumnAlias implements TokenRewrite {
    /** Words after which a FROM item can start. */
    private static final Set<String> FROM_ITEM_START = Set.of("from", "join", "lateral");
    /** Words that end a FROM item's alias position: a following clause, join or set operation. */
    private static final Set<String> NOT_ALIAS = Set.of("where", "group", "having", "order", "limit", "offset",
            "fetch", "for", "window", "union", "intersect", "except", "join", "inner", "left", "right", "full",
            "cross", "natural", "on", "using", "with", "returning", "as", "tablesample");

    @Override
    public Set<String> triggerWords() {
        return Set.of("generate_series", "unnest");
    }

    @Override
    public boolean applies(LexedStatement statement) {
        return edit(statement).changed();
    }

    @Override
    public EngineStatement rewrite(LexedStatement statement, Connection engine) {
        return EngineStatement.of(edit(statement).text());
    }

    private static Splice edit(LexedStatement s) {
        Splice splice = new Splice(s);
        for (int i = 0; i + 1 < s.tokens().size(); i++) {
            String w = s.word(i);
            if (!(w.equals("generate_series") || w.equals("unnest")) || !Tokens.is(s, i + 1, "(")) {
                continue;
            }
            int start = Tokens.is(s, i - 1, ".") && s.word(i - 2).equals("pg_catalog") ? i - 2 : i;
            if (!isFromItem(s, start)) {
                continue;
            }
            if (start < i) {
                splice.drop(start, i - 1); // the engine's table functions belong to no schema
            }
            int close = Tokens.closing(s, i + 1);
            if (close < 0 || w.equals("unnest") && hasTopLevelComma(s, i + 1, close)) {
                continue;
            }
            int alias = s.word(close + 1).equals("as") ? close + 2 : close + 1;
            if (!Tokens.isName(s, alias) || NOT_ALIAS.contains(s.word(alias)) || Tokens.is(s, alias + 1, "(")
                    || s.word(alias).equals("with") && s.word(alias + 1).equals("ordinality")) {
                continue;
            }
            splice.insertAfter(alias, "(" + Splice.source(s, alias, alias) + ")");
            i = alias;
        }
        return splice;
    }

    /** Whether the token at {@code start} begins a FROM item: after FROM, JOIN, LATERAL, or a comma in a FROM list. */
    private static boolean isFromItem(LexedStatement s, int start) {
        String before = s.word(start - 1);
        if (FROM_ITEM_START.contains(before)) {
            return true;
        }
        if (!Tokens.is(s, start - 1, ",")) {
            return false;
        }
        // A comma: in a FROM list when the nearest clause word at the same depth is FROM.
        int depth = 0;
        for (int j = start - 2; j >= 0; j--) {
            var t = s.tokens().get(j);
            if (t.is(")")) {
                depth++;
            } else if (t.is("(")) {
                if (depth == 0) {
                    return false;
                }
                depth--;
            } else if (depth == 0 && (t.isWord("from") || t.isWord("select") || t.isWord("where")
                    || t.isWord("values") || t.isWord("set"))) {
                return t.isWord("from");
            }
        }
        return false;
    }

    private static boolean hasTopLevelComma(LexedStatement s, int open, int close) {
        int depth = 0;
        for (int j = open + 1; j < close; j++) {
            var t = s.tokens().get(j);
            if (t.is("(") || t.is("[")) {
                depth++;
            } else if (t.is(")") || t.is("]")) {
                depth--;
            } else if (depth == 0 && t.is(",")) {
                return true;
            }
        }
        return false;
    }
}
