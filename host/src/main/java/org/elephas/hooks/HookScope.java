package org.elephas.hooks;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.elephas.backend.BackendThreadLocal;

/**
 * Per-thread hook bookkeeping of one registry: the links' call counts and timing samples, and
 * the statement scope that makes unloading safe for the pipeline's chains.
 *
 * <p><b>Counts.</b> Each thread that calls a link keeps its own plain counter per link (a slot of
 * an array only that thread writes), so counting a call is an ordinary increment, not an atomic
 * one. {@link #calls(int)} sums the threads' counters when asked ({@code elephas_hooks}); a
 * thread's counters are folded into a common total once it has ended.
 *
 * <p><b>Timing sample.</b> Each thread counts down to its next timed call; the gap to the next
 * one is drawn uniformly from 1 to {@code 2 * SAMPLE_EVERY - 1} (mean {@value HookLink#SAMPLE_EVERY}),
 * so one call in 64 is timed on average and no periodic pattern of calls can keep a link from
 * being sampled.
 *
 * <p><b>Statement scope.</b> The pipeline runs a statement's stages ({@code post_parse_analyze}
 * to {@code ExecutorEnd}) inside one {@link #enter()}/{@link #exit} pair and calls the chains'
 * unguarded entry points ({@link HookChain#first()}) there: one unloading handshake per pipeline
 * call instead of one per stage. The outermost scope of a thread publishes the epoch it entered
 * (a volatile write, then a check that the epoch is still current, Dekker style); a remover,
 * after taking links out of their chains, starts a new epoch ({@link #drain}) and waits until no
 * other thread is still inside an older one. Its own thread is not waited for: a statement that
 * removes hooks (directly or by stopping a bundle) cannot wait for itself, and the removed links,
 * being retired, pass its later calls straight on.
 */
public final class HookScope {
    private static final VarHandle COUNT = MethodHandles.arrayElementVarHandle(long[].class);
    private static final VarHandle ACTIVE;

    static {
        try {
            ACTIVE = MethodHandles.lookup().findVarHandle(HookThread.class, "active", Epoch.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** One epoch of the statement scope; a drain starts a newer one. */
    private record Epoch(long seq) {
    }

    /** What one thread keeps: its counters, its sampling state, the scope it runs in. */
    public static final class HookThread {
        private final Thread thread;
        /** Calls per link slot; written by the owner thread only, read by others opaquely. */
        private volatile long[] counts = new long[16];
        /** Nesting of scopes on this thread (owner only). */
        private int depth;
        /** The epoch the outermost scope entered, or null outside a scope. */
        private volatile Epoch active;
        private long random;
        private int untilSample;

        HookThread(Thread thread) {
            this.thread = thread;
            long seed = ThreadLocalRandom.current().nextLong();
            this.random = seed == 0 ? 0x9E3779B97F4A7C15L : seed;
            this.untilSample = nextGap();
        }

        /** Count a call of the link in {@code slot}. */
        void count(int slot) {
            long[] c = counts;
            if (slot >= c.length) {
                c = grow(slot);
            }
            COUNT.setOpaque(c, slot, c[slot] + 1);
        }

        private long[] grow(int slot) {
            long[] c = Arrays.copyOf(counts, Math.max(slot + 1, counts.length * 2));
            counts = c;
            return c;
        }

        /** @return whether this call is timed (one in {@value HookLink#SAMPLE_EVERY} on average) */
        boolean sample() {
            if (--untilSample > 0) {
                return false;
            }
            untilSample = nextGap();
            return true;
        }

        private int nextGap() {
            long x = random; // xorshift64
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            random = x;
            return 1 + (int) ((x >>> 33) % (2 * HookLink.SAMPLE_EVERY - 1));
        }

        long count(int slot, long[] c) {
            return slot < c.length ? (long) COUNT.getOpaque(c, slot) : 0;
        }
    }

    private final BackendThreadLocal<HookThread> current = new BackendThreadLocal<>(this::register);
    /** Every thread that has counted; guarded by this. */
    private final List<HookThread> threads = new ArrayList<>();
    /** Counts of threads that have ended; guarded by this. */
    private long[] ended = new long[0];
    private int pruneAt = 64;
    private int nextSlot;
    private volatile Epoch epoch = new Epoch(0);
    /** Whether a link was ever installed: until then a statement need not enter the scope. */
    private volatile boolean used;

    /** @return the calling thread's bookkeeping */
    HookThread thread() {
        return current.get();
    }

    private synchronized HookThread register() {
        if (threads.size() >= pruneAt) {
            foldEnded();
            pruneAt = Math.max(64, threads.size() * 2);
        }
        HookThread t = new HookThread(Thread.currentThread());
        threads.add(t);
        return t;
    }

    /** @return a counter slot for a new link (slots are not reused) */
    synchronized int newSlot() {
        return nextSlot++;
    }

    /**
     * @param slot a link's slot
     * @return its calls so far, summed over threads (each thread's count as it last wrote it)
     */
    synchronized long calls(int slot) {
        foldEnded();
        long sum = slot < ended.length ? ended[slot] : 0;
        for (HookThread t : threads) {
            sum += t.count(slot, t.counts);
        }
        return sum;
    }

    /** Fold the counts of threads that have ended (isAlive false: their writes are visible). */
    private void foldEnded() {
        threads.removeIf(t -> {
            if (t.thread.isAlive()) {
                return false;
            }
            long[] c = t.counts;
            if (ended.length < c.length) {
                ended = Arrays.copyOf(ended, c.length);
            }
            for (int i = 0; i < c.length; i++) {
                ended[i] += c[i];
            }
            return true;
        });
    }

    /** A link is about to be installed (before it is published in a chain). */
    void linkInstalled() {
        if (!used) {
            used = true;
        }
    }

    /**
     * Enter the statement scope if any hook was ever installed. With none, a statement calls the
     * chains' guarded entry points ({@link HookChain#head()}), which are then the standard
     * implementations themselves, and pays nothing; a hook installed meanwhile is guarded there.
     *
     * @return what {@link #enter()} returns, or null when the caller is to use {@link HookChain#head()}
     */
    public HookThread enterIfUsed() {
        return used ? enter() : null;
    }

    /**
     * Enter the statement scope: from now until {@link #exit}, this thread may call the unguarded
     * entry points of the chains ({@link HookChain#first()}), and a remover waits for it.
     *
     * @return the calling thread's bookkeeping, to pass to {@link #exit}
     */
    public HookThread enter() {
        HookThread t = current.get();
        if (t.depth++ == 0) {
            Epoch e = epoch;
            while (true) {
                t.active = e; // volatile write, then read the epoch: the remover's mirror image
                Epoch now = epoch;
                if (now == e) {
                    break;
                }
                e = now;
            }
        }
        return t;
    }

    /**
     * Leave the statement scope.
     *
     * @param t what {@link #enter()} or {@link #enterIfUsed()} returned, on this thread (null: nothing to do)
     */
    public static void exit(HookThread t) {
        if (t != null && --t.depth == 0) {
            ACTIVE.setRelease(t, (Epoch) null);
        }
    }

    /**
     * Start a new epoch and wait until no other thread is inside a scope it entered before.
     * Call after the links were taken out of their chains and retired.
     *
     * @param deadline {@link System#nanoTime()} by which to give up
     * @return true when drained, false when the deadline was hit
     */
    boolean drain(long deadline) {
        Epoch mine;
        List<HookThread> snapshot;
        synchronized (this) {
            mine = new Epoch(epoch.seq() + 1);
            epoch = mine;
            snapshot = new ArrayList<>(threads);
        }
        Thread self = Thread.currentThread();
        boolean drained = true;
        for (HookThread t : snapshot) {
            if (t.thread == self) {
                continue;
            }
            while (inOlder(t, mine)) {
                if (System.nanoTime() - deadline > 0) {
                    drained = false;
                    break;
                }
                // Statements are usually microseconds from done.
                java.util.concurrent.locks.LockSupport.parkNanos(50_000);
            }
        }
        return drained;
    }

    private static boolean inOlder(HookThread t, Epoch mine) {
        Epoch a = t.active;
        return a != null && a.seq() < mine.seq();
    }
}
