package org.elephas.dialect;

import java.util.Set;

import org.elephas.sql.LexedStatement;

/**
 * {@code COLLATE pg_catalog.default}, {@code COLLATE "default"}, {@code COLLATE "C"} and
 * {@code COLLATE "POSIX"} in expressions (psql's {@code \d} queries end every pattern match
 * with the first), dropped: H2 has no COLLATE clause in expressions, and compares strings by
 * code point, which is what the C collation does. Other collations are left for the engine to
 * refuse.
 */
final class DefaultCollation implements TokenRewrite {
    private static final Set<String> DROPPED = Set.of("default", "C", "POSIX", "c", "posix", "ucs_basic");

    @Override
    public Set<String> triggerWords() {
        return Set.of("collate");
    }

    @Override
    public boolean applies(LexedStatement statement) {
        for (int i = 0; i < statement.tokens().size(); i++) {
            if (collationEnd(statement, i) > 0) {
                return true;
            }
        }
        return false;
    }

    /** When token i starts {@code COLLATE [pg_catalog.]name} with a dropped name: its last index; else -1. */
    private static int collationEnd(LexedStatement s, int i) {
        if (!s.tokens().get(i).isWord("collate")) {
            return -1;
        }
        int end = Tokens.nameEnd(s, i + 1);
        if (end < 0) {
            return -1;
        }
        var parts = Tokens.nameParts(s, i + 1, end);
        boolean catalog = parts.size() == 1 || parts.size() == 2 && parts.get(0).equals("pg_catalog");
        return catalog && DROPPED.contains(parts.get(parts.size() - 1)) ? end : -1;
    }

    @Override
    public EngineStatement rewrite(LexedStatement statement, java.sql.Connection engine) {
        Splice splice = new Splice(statement);
        for (int i = 0; i < statement.tokens().size(); i++) {
            int end = collationEnd(statement, i);
            if (end > 0) {
                splice.drop(i, end);
                i = end;
            }
        }
        return EngineStatement.of(splice.text());
    }
}
