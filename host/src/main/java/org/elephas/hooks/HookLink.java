package org.elephas.hooks;

import java.util.concurrent.atomic.LongAdder;

import org.elephas.api.LogLevel;
import org.elephas.api.PgException;
import org.elephas.api.SqlState;

/**
 * One installed hook: its owner and its statistics.
 *
 * <p>Unloading is not accounted here but once per call of the whole chain ({@link HookChain});
 * a link only keeps a {@code retired} flag so that a call still running on an older generation
 * passes a hook that is being removed straight to {@code next}. A pass-through link therefore
 * costs a read of that flag and a plain increment of the calling thread's own counter for it
 * ({@link HookScope}: no atomic operation); its call count is the sum over threads, made when
 * read.
 *
 * <p>Timing is sampled (one call in {@value #SAMPLE_EVERY} on average, by the calling thread's
 * countdown with random gaps, {@link HookScope}) so that a link does not read the clock twice per
 * call; total time is the sampled time scaled up to all calls.
 *
 * @param <H> the hook kind
 */
public final class HookLink<H> {
    static final int SAMPLE_EVERY = 64;
    private static final ThreadLocal<Throwable> COUNTED = new ThreadLocal<>();

    private final HookKind<H, ?> kind;
    private final H hook;
    private final HookOwner owner;
    private final long id;
    private final HookScope scope;
    /** This link's counter in every thread's counters ({@link HookScope}). */
    private final int slot;
    private final LongAdder errors = new LongAdder();
    private final LongAdder sampledNanos = new LongAdder();
    private final LongAdder sampledCalls = new LongAdder();
    private volatile boolean retired;

    HookLink(HookKind<H, ?> kind, H hook, HookOwner owner, long id, HookScope scope) {
        this.kind = kind;
        this.hook = hook;
        this.owner = owner;
        this.id = id;
        this.scope = scope;
        this.slot = scope.newSlot();
        scope.linkInstalled();
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
        if (retired) {
            return -1;
        }
        HookScope.HookThread t = scope.thread();
        t.count(slot);
        return t.sample() ? System.nanoTime() | 1 : 0;
    }

    /** @param started what {@link #enter()} returned (not -1) */
    public void exit(long started) {
        if (started > 0) {
            sampledNanos.add(System.nanoTime() - started);
            sampledCalls.increment();
        }
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

    /**
     * Calls that arrive from now on pass straight to {@code next}; the chain's drain waits for
     * those already inside.
     */
    void retire() {
        retired = true;
    }

    /** @return whether the link was removed */
    boolean retired() {
        return retired;
    }

    /**
     * @return calls so far (not counting calls that passed it after it was retired), summed over
     *     the calling threads' counters now; a call running meanwhile may or may not be in it
     */
    public long calls() {
        return scope.calls(slot);
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
