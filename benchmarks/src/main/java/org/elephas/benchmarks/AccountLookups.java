package org.elephas.benchmarks;

import java.util.ArrayList;
import java.util.List;

/**
 * The primary-key lookups of the in-process statement benchmarks on pgbench's
 * {@code accounts} shape: their texts with literals and their parameters, made once, and a key
 * sequence that visits every row once per round, far from the previous one.
 */
final class AccountLookups {
    /** Rows in {@code accounts}. */
    static final int ROWS = 10_000;
    /** The lookup without its key. */
    static final String LOOKUP = "select abalance from accounts where aid = ";
    /** Coprime to {@link #ROWS}. */
    private static final int STRIDE = 7_919;

    private final String[] literal = new String[ROWS + 1];
    private final List<List<Object>> params = new ArrayList<>(ROWS + 1);
    private int next;

    AccountLookups() {
        params.add(List.of());
        for (int aid = 1; aid <= ROWS; aid++) {
            literal[aid] = LOOKUP + aid;
            params.add(List.of(aid));
        }
    }

    /** @return the next key, 1..ROWS */
    int nextKey() {
        next = (next + STRIDE) % ROWS;
        return next + 1;
    }

    /** @param aid a key @return the lookup with the key as a literal */
    String literal(int aid) {
        return literal[aid];
    }

    /** @param aid a key @return the prepared lookup's parameters */
    List<Object> params(int aid) {
        return params.get(aid);
    }

    /** @param aid a key @return the balance its row holds (identifies the row) */
    static int balance(int aid) {
        return aid * 3;
    }
}
