package org.elephas.audit;

import java.util.concurrent.atomic.AtomicLong;

/**
 * pgaudit's statement and substatement ids. Each top-level statement that is audited takes the
 * next statement id; the statements run inside it (an extension script's, SPI's) share that id
 * and take substatement ids 2, 3, ... in the order they start, the outer one having 1. Only
 * audited statements use up ids, as in pgaudit.
 *
 * <p>A nested statement runs on the thread of the statement that runs it, so the nesting is
 * kept per thread; the ids themselves come from one counter for the whole server.
 */
final class StatementIds {
    /** The last statement id given out, server-wide. */
    private static final AtomicLong STATEMENT_TOTAL = new AtomicLong();
    /** The calling thread's nesting. */
    private static final ThreadLocal<StatementIds> CURRENT = ThreadLocal.withInitial(StatementIds::new);

    /** How many utility statements are running on this thread, one inside the other. */
    private int depth;
    /** The statement id of the running top-level statement, 0 until one is audited. */
    private long statementId;
    /** The last substatement id given out within it. */
    private int substatementTotal;

    private StatementIds() {
    }

    /**
     * A utility statement starts on the calling thread; call {@link #leave()} when it ends.
     *
     * @return the calling thread's ids
     */
    static StatementIds enter() {
        StatementIds ids = CURRENT.get();
        /* outermost statement: start counting afresh */
        if (ids.depth == 0) {
            ids.statementId = 0;
            ids.substatementTotal = 0;
        }
        ids.depth++;
        return ids;
    }

    /** The statement that {@link #enter()} announced has ended (successfully or not). */
    void leave() {
        depth--;
    }

    /** @return the running top-level statement's id, given out now if it has none yet */
    long statementId() {
        if (statementId == 0) {
            statementId = STATEMENT_TOTAL.incrementAndGet();
        }
        return statementId;
    }

    /** @return the next substatement id within the running top-level statement */
    int nextSubstatementId() {
        return ++substatementTotal;
    }
}
