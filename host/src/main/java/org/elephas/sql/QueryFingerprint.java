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
            if (t.isConstant()) {
                hash = mix(hash, t.kind().ordinal());
                continue;
            }
            String s = t.text();
            int n = s.length();
            // Kind and length first, so that token boundaries count; then four characters per
            // step: one multiply per four characters, not per character (this runs for every
            // simple-protocol statement a pg_stat_statements-like extension sees).
            hash = mix(hash, t.kind().ordinal() | (long) n << 8);
            int i = 0;
            for (; i + 4 <= n; i += 4) {
                hash = mix(hash, s.charAt(i) | (long) s.charAt(i + 1) << 16 | (long) s.charAt(i + 2) << 32
                        | (long) s.charAt(i + 3) << 48);
            }
            if (i < n) {
                long rest = 0;
                for (int shift = 0; i < n; i++, shift += 16) {
                    rest |= (long) s.charAt(i) << shift;
                }
                hash = mix(hash, rest);
            }
        }
        hash = finish(hash);
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

    /** FNV-1a's step on a 64-bit word, rotated so that high input bits reach the low ones too. */
    private static long mix(long hash, long value) {
        return Long.rotateLeft((hash ^ value) * FNV_PRIME, 29);
    }

    /** A final avalanche (MurmurHash3's fmix64): every input bit affects every bit of the id. */
    private static long finish(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        return h ^ h >>> 33;
    }
}
