package org.elephas.hooks;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;

import org.elephas.api.LogLevel;
import org.elephas.api.PgException;
import org.elephas.api.SqlState;

/**
 * One installed hook: its owner, its statistics and its part in the unloading protocol.
 *
 * <p>Unloading (a Dekker handshake): a call {@link #enter enters} by counting itself in
 * ({@code entered}) and then reading {@code retired}; the remover sets {@code retired} and then
 * reads {@code entered - exited}. Either the call sees the link retired and passes straight to
 * {@code next}, or the remover sees the call and waits for it. So once the remover has seen no
 * call in flight, none will run the hook again. The two counters are also the statistics: calls
 * are {@code entered} less the calls that passed a retired link, so a link costs two counter
 * increments.
 *
 * <p>Timing is sampled (one call in {@value #SAMPLE_EVERY}) so that a pass-through link costs a
 * few counter increments, not two clock reads; total time is the sampled time scaled up.
 *
 * @param <H> the hook kind
 */
public final class HookLink<H> {
    static final int SAMPLE_EVERY = 16;
    private static final ThreadLocal<Throwable> COUNTED = new ThreadLocal<>();

    private final HookKind<H, ?> kind;
    private final H hook;
    private final HookOwner owner;
    private final long id;
    private final LongAdder entered = new LongAdder();
    private final LongAdder exited = new LongAdder();
    private final LongAdder passedRetired = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final LongAdder sampledNanos = new LongAdder();
    private final LongAdder sampledCalls = new LongAdder();
    private volatile boolean retired;

    HookLink(HookKind<H, ?> kind, H hook, HookOwner owner, long id) {
        this.kind = kind;
        this.hook = hook;
        this.owner = owner;
        this.id = id;
    }

    /** @return the hook */
    public H hook() {
        return hook;
    }

    /** @return its kind */
    public HookKind<H, ?> kind() {
        return kind;
    }

    /** @return who installed it */
    public HookOwner owner() {
        return owner;
    }

    /** @return installation order, unique per server */
    public long id() {
        return id;
    }

    /**
     * A call arrives at this link.
     *
     * @return -1 when the link is retired (pass to next), 0 to run untimed, else the start time
     */
    public long enter() {
        entered.increment();
        if (retired) {
            passedRetired.increment();
            exited.increment();
            return -1;
        }
        return (ThreadLocalRandom.current().nextInt() & (SAMPLE_EVERY - 1)) == 0 ? System.nanoTime() | 1 : 0;
    }

    /** @param started what {@link #enter()} returned (not -1) */
    public void exit(long started) {
        if (started > 0) {
            sampledNanos.add(System.nanoTime() - started);
            sampledCalls.increment();
        }
        exited.increment();
    }

    /**
     * The hook (not a later link) threw: count it once and turn it into a PostgreSQL error.
     *
     * @param e what it threw
     * @return the error that fails the statement
     */
    public RuntimeException failed(RuntimeException e) {
        if (COUNTED.get() != e) {
            errors.increment();
            COUNTED.set(e);
        }
        if (e instanceof PgException) {
            return e;
        }
        PgException pg = new PgException(LogLevel.ERROR, SqlState.INTERNAL_ERROR,
                kind.name() + " hook of " + owner.describe() + " failed: " + e, null, null, e);
        COUNTED.set(pg);
        return pg;
    }

    /** Take no more calls; {@link #inFlight()} then only goes down. */
    void retire() {
        retired = true;
    }

    /** @return calls inside the hook now */
    long inFlight() {
        long out = exited.sum(); // first: a call that enters and exits meanwhile is then counted in, never out
        return entered.sum() - out;
    }

    /** @return calls so far */
    public long calls() {
        return entered.sum() - passedRetired.sum();
    }

    /** @return calls that raised an error in this hook */
    public long errors() {
        return errors.sum();
    }

    /** @return estimated total time inside the hook (its next included), nanoseconds */
    public long totalNanos() {
        long sampled = sampledCalls.sum();
        return sampled == 0 ? 0 : sampledNanos.sum() * calls() / sampled;
    }
}
