package org.elephas.sql;

import java.util.List;

/**
 * pg_stat_statements' query id and normalised text, from tokens alone: constants are left out
 * of the id and replaced by {@code $n} in the text (numbered after the statement's own highest
 * parameter), so statements that differ only in constants share both. Identifiers count as
 * written (unquoted ones case-folded), so the id changes when the statement's shape does.
 *
 * <p>The id is computed at once; the text only when asked for, since an extension needs it
 * only to create a new entry (pgss stores it once), not for every statement.
 */
public final class QueryFingerprint {
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private final LexedStatement statement;
    private final long queryId;
    private String normalizedText;

    private QueryFingerprint(LexedStatement statement, long queryId) {
        this.statement = statement;
        this.queryId = queryId;
    }

    /**
     * @param statement a lexed statement
     * @return its fingerprint
     */
    public static QueryFingerprint of(LexedStatement statement) {
        long hash = FNV_OFFSET;
        for (Token t : statement.tokens()) {
            hash = mix(hash, t.kind().ordinal());
            if (!t.isConstant()) {
                String s = t.text();
                for (int i = 0; i < s.length(); i++) {
                    hash = mix(hash, s.charAt(i));
                }
            }
        }
        return new QueryFingerprint(statement, hash == 0 ? 1 : hash);
    }

    /** @return the id, never 0 */
    public long queryId() {
        return queryId;
    }

    /** @return the text with constants replaced by {@code $n} (computed on first use) */
    public String normalizedText() {
        String text = normalizedText;
        if (text == null) {
            text = normalize(statement);
            normalizedText = text;
        }
        return text;
    }

    private static String normalize(LexedStatement statement) {
        List<Token> tokens = statement.tokens();
        String text = statement.text();
        int nextParam = 1;
        for (Token t : tokens) {
            if (t.kind() == TokenKind.PARAMETER) {
                nextParam = Math.max(nextParam, Integer.parseInt(t.text()) + 1);
            }
        }
        StringBuilder normalized = new StringBuilder(text.length());
        int copied = 0;
        for (Token t : tokens) {
            if (t.isConstant()) {
                normalized.append(text, copied, t.start()).append('$').append(nextParam++);
                copied = t.end();
            }
        }
        return normalized.append(text, copied, text.length()).toString();
    }

    private static long mix(long hash, int value) {
        return (hash ^ value) * FNV_PRIME;
    }
}
