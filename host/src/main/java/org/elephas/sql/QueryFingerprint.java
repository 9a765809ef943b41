package org.elephas.sql;

import java.util.List;

/**
 * pg_stat_statements' query id and normalised text, from tokens alone: constants are left out
 * of the id and replaced by {@code $n} in the text (numbered after the statement's own highest
 * parameter), so statements that differ only in constants share both. Identifiers count as
 * written (unquoted ones case-folded), so the id changes when the statement's shape does.
 *
 * @param queryId the id, never 0
 * @param normalizedText the text with constants replaced
 */
public record QueryFingerprint(long queryId, String normalizedText) {
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    /**
     * @param statement a lexed statement
     * @return its fingerprint
     */
    public static QueryFingerprint of(LexedStatement statement) {
        List<Token> tokens = statement.tokens();
        String text = statement.text();
        int nextParam = 1;
        for (Token t : tokens) {
            if (t.kind() == TokenKind.PARAMETER) {
                nextParam = Math.max(nextParam, Integer.parseInt(t.text()) + 1);
            }
        }
        long hash = FNV_OFFSET;
        StringBuilder normalized = new StringBuilder(text.length());
        int copied = 0;
        for (Token t : tokens) {
            hash = mix(hash, t.kind().ordinal());
            if (t.isConstant()) {
                normalized.append(text, copied, t.start()).append('$').append(nextParam++);
                copied = t.end();
            } else {
                String s = t.text();
                for (int i = 0; i < s.length(); i++) {
                    hash = mix(hash, s.charAt(i));
                }
            }
        }
        normalized.append(text, copied, text.length());
        return new QueryFingerprint(hash == 0 ? 1 : hash, normalized.toString());
    }

    private static long mix(long hash, int value) {
        return (hash ^ value) * FNV_PRIME;
    }
}
