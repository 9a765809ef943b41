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
    /** Where a token's kind and its tail length go in its last chunk, above three characters. */
    private static final int KIND_SHIFT = 48;
    private static final int TAIL_SHIFT = 56;

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
        List<Token> tokens = statement.tokens();
        long hash = FNV_OFFSET;
        for (int t = 0; t < tokens.size(); t++) {
            Token token = tokens.get(t);
            long kind = token.kind().ordinal();
            if (token.isConstant()) {
                hash = mix(hash, kind << KIND_SHIFT);
                continue;
            }
            String s = token.text();
            int n = s.length();
            int i = 0;
            // Four characters per multiplication: the loop waits on this chain of multiplications.
            for (; i + 4 <= n; i += 4) {
                hash = mix(hash, s.charAt(i) | (long) s.charAt(i + 1) << 16 | (long) s.charAt(i + 2) << 32
                        | (long) s.charAt(i + 3) << 48);
            }
            // The last 0-3 characters, the kind and how many characters that was, in one more:
            // the token's end is part of the id, so "ab" "c" and "a" "bc" differ.
            long last = kind << KIND_SHIFT | (long) (n - i) << TAIL_SHIFT;
            for (int shift = 0; i < n; i++, shift += 16) {
                last |= (long) s.charAt(i) << shift;
            }
            hash = mix(hash, last);
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

    /**
     * One 64-bit step of FNV-1a. A multiplication carries bits only upwards, so the high
     * characters of a chunk would never reach the low half of the hash: the high half is folded
     * down after each step.
     */
    private static long mix(long hash, long chunk) {
        long h = (hash ^ chunk) * FNV_PRIME;
        return h ^ (h >>> 32);
    }
}
