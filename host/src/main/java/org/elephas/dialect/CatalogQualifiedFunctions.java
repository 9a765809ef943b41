package org.elephas.dialect;

import java.sql.Connection;
import java.util.Set;

import org.elephas.sql.LexedStatement;

/**
 * A call of a built-in function qualified with {@code pg_catalog.} ({@code pg_catalog.count(..)},
 * {@code pg_catalog.lower(..)}), as psql and pgbench write them: PostgreSQL's built-ins live in
 * pg_catalog, H2's are not in any schema and are not found under a qualified name. For the
 * functions both have, under the same name and meaning, the qualifier is dropped. Functions the
 * host defines in the engine's {@code pg_catalog} schema keep theirs.
 */
final class CatalogQualifiedFunctions implements TokenRewrite {
    /** Built-ins of both PostgreSQL and H2 2.4: scalar, aggregate and window functions. */
    private static final Set<String> SHARED = Set.of(
            "abs", "acos", "ascii", "asin", "atan", "atan2", "bit_length", "cardinality", "ceil", "char_length",
            "character_length", "chr", "coalesce", "concat", "concat_ws", "cos", "cosh", "cot", "date_trunc",
            "degrees", "exp", "floor", "greatest", "least", "length", "ln", "log", "log10", "lower", "lpad", "mod",
            "nullif", "octet_length", "pi", "power", "quote_ident", "radians", "random", "regexp_replace", "repeat",
            "replace", "round", "rpad", "sign", "sin", "sinh", "sqrt", "substring", "tan", "tanh", "to_char",
            "translate", "trim", "trunc", "upper",
            "count", "sum", "min", "max", "avg", "array_agg", "string_agg", "bool_and", "bool_or", "every",
            "stddev_pop", "stddev_samp", "var_pop", "var_samp", "bit_and", "bit_or",
            "row_number", "rank", "dense_rank", "percent_rank", "cume_dist", "ntile", "lag", "lead", "first_value",
            "last_value", "nth_value");

    @Override
    public Set<String> triggerWords() {
        return Set.of("pg_catalog");
    }

    @Override
    public boolean applies(LexedStatement statement) {
        for (int i = 0; i + 3 < statement.tokens().size(); i++) {
            if (qualifiedCall(statement, i)) {
                return true;
            }
        }
        return false;
    }

    private static boolean qualifiedCall(LexedStatement s, int i) {
        return s.word(i).equals("pg_catalog") && Tokens.is(s, i + 1, ".") && SHARED.contains(s.word(i + 2))
                && Tokens.is(s, i + 3, "(");
    }

    @Override
    public EngineStatement rewrite(LexedStatement statement, Connection engine) {
        Splice splice = new Splice(statement);
        for (int i = 0; i + 3 < statement.tokens().size(); i++) {
            if (qualifiedCall(statement, i)) {
                splice.replace(i, i + 2, Splice.source(statement, i + 2, i + 2));
                i += 3;
            }
        }
        return EngineStatement.of(splice.text());
    }
}
