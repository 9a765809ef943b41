package org.elephas.hooks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;

/**
 * The chain of one hook kind: its links, newest first, composed in front of the standard
 * implementation into one entry point. Each change builds a new immutable {@link Generation}
 * and swaps it in; a call runs entirely on the generation it read.
 *
 * <p>Unloading is accounted once per call of the chain, not once per link: the entry point of a
 * generation counts the call in and out of that generation. A remover swaps in the generation
 * without the link and then waits until no call is left in any older generation that holds it
 * ({@link #drain}); after that nothing can run the link again.
 *
 * @param <H> the hook interface
 * @param <N> its next interface
 */
public final class HookChain<H, N> {

    /**
     * One immutable state of a chain with links: its entry point and the calls running on it.
     *
     * <p>Handshake with the remover (Dekker style, on sequentially consistent counters and a
     * volatile field): a call counts itself in ({@code entered}) and then reads whether its
     * generation is still the chain's current one; the remover swaps the generation and then
     * reads {@code entered - exited}. Either the call sees it was superseded, counts itself out
     * and takes the new entry point, or the remover sees the call and waits for it. So once an
     * old generation has been seen empty, no call runs on it again.
     *
     * @param <N> the next interface of the chain
     */
    public static final class Generation<N> {
        private final HookChain<?, N> chain;
        private final List<? extends HookLink<?>> links;
        private final N first;
        /** The guard that counts calls in and out (the standard implementation if no links); set before publication. */
        private N entry;
        private final LongAdder entered = new LongAdder();
        private final LongAdder exited = new LongAdder();

        private Generation(HookChain<?, N> chain, List<? extends HookLink<?>> links, N first) {
            this.chain = chain;
            this.links = links;
            this.first = first;
        }

        /**
         * Count a call in, if this generation is still current.
         *
         * @return true when the call is in: run {@link #first()}, then {@link #exit()}; false
         *         when it was superseded meanwhile: call {@link #current()} instead, no exit
         */
        public boolean enter() {
            entered.increment();
            if (chain.generation == this) {
                return true;
            }
            exited.increment();
            return false;
        }

        /** A call that {@link #enter() entered} returns (or throws). */
        public void exit() {
            exited.increment();
        }

        /** @return the newest link's entry point */
        public N first() {
            return first;
        }

        /** @return the chain's entry point now (for a call that found this one superseded) */
        public N current() {
            return chain.generation.entry;
        }

        /** @return calls inside this generation now */
        long inFlight() {
            long out = exited.sum(); // first: a call that enters and exits meanwhile is then counted in, never out
            return entered.sum() - out;
        }

        boolean holdsAny(List<? extends HookLink<?>> removed) {
            for (HookLink<?> l : removed) {
                if (links.contains(l)) {
                    return true;
                }
            }
            return false;
        }
    }

    private final HookKind<H, N> kind;
    private final N standard;
    /** The current generation; its entry point is the standard implementation while it has no links. */
    private volatile Generation<N> generation;
    /** Superseded generations with links that may still have calls; guarded by this. */
    private final List<Generation<N>> superseded = new ArrayList<>();

    /**
     * @param kind the hook kind
     * @param standard the standard implementation, which ends the chain
     */
    public HookChain(HookKind<H, N> kind, N standard) {
        this.kind = kind;
        this.standard = standard;
        Generation<N> empty = new Generation<>(this, List.of(), standard);
        empty.entry = standard;
        this.generation = empty;
    }

    /** @return the entry point now: the newest generation's, or the standard implementation */
    public N head() {
        return generation.entry;
    }

    /**
     * The unguarded entry point: the newest link of the current generation, without the per-call
     * handshake of {@link #head()}. Only for calls inside the registry's statement scope
     * ({@link HookScope#enter()}), which makes unloading wait for them instead.
     *
     * @return the newest link's entry point, or the standard implementation
     */
    public N first() {
        return generation.first;
    }

    /** @return the standard implementation */
    public N standard() {
        return standard;
    }

    /** @return the kind */
    public HookKind<H, N> kind() {
        return kind;
    }

    /** @return the links, newest (called first) first */
    @SuppressWarnings("unchecked")
    public List<HookLink<H>> links() {
        return (List<HookLink<H>>) generation.links;
    }

    synchronized void add(HookLink<H> link) {
        List<HookLink<H>> next = new ArrayList<>(links().size() + 1);
        next.add(link);
        next.addAll(links());
        publish(next);
    }

    /**
     * Take links out: the next generation no longer holds them. Calls may still run them on an
     * older generation until {@link #drain} has returned.
     *
     * @param which the links to take out
     * @return the links taken out
     */
    synchronized List<HookLink<H>> remove(Predicate<HookLink<?>> which) {
        List<HookLink<H>> kept = new ArrayList<>();
        List<HookLink<H>> removed = new ArrayList<>();
        for (HookLink<H> l : links()) {
            (which.test(l) ? removed : kept).add(l);
        }
        if (!removed.isEmpty()) {
            publish(kept);
        }
        return removed;
    }

    private void publish(List<HookLink<H>> next) {
        List<HookLink<H>> frozen = List.copyOf(next);
        N first = standard;
        for (int i = frozen.size() - 1; i >= 0; i--) {
            first = kind.bind(frozen.get(i), first);
        }
        Generation<N> gen = new Generation<>(this, frozen, first);
        gen.entry = frozen.isEmpty() ? standard : kind.guard(gen);
        Generation<N> old = generation;
        if (!old.links.isEmpty()) {
            superseded.add(old);
        }
        generation = gen; // one volatile write: the entry point and its generation change together
        // Superseded generations seen empty now can never be entered again: let them go.
        superseded.removeIf(g -> g.inFlight() == 0);
    }

    /**
     * Wait until no call is left in a superseded generation that holds one of {@code removed}.
     * Generations seen empty are forgotten: no call can enter them again.
     *
     * @param removed links already taken out by {@link #remove}
     * @param deadline {@link System#nanoTime()} by which to give up
     * @return true when drained, false when the deadline was hit with calls still running
     */
    boolean drain(List<? extends HookLink<?>> removed, long deadline) {
        List<Generation<N>> waiting;
        synchronized (this) {
            waiting = new ArrayList<>(superseded);
        }
        boolean drained = true;
        for (Generation<N> g : waiting) {
            if (!g.holdsAny(removed)) {
                if (g.inFlight() == 0) {
                    forget(g);
                }
                continue;
            }
            while (g.inFlight() > 0) {
                if (System.nanoTime() - deadline > 0) {
                    drained = false;
                    break;
                }
                // Calls inside a hook are usually microseconds from done.
                java.util.concurrent.locks.LockSupport.parkNanos(50_000);
            }
            if (g.inFlight() == 0) {
                forget(g);
            }
        }
        return drained;
    }

    private synchronized void forget(Generation<N> g) {
        superseded.remove(g);
    }

    /** @return superseded generations not yet seen empty (for tests) */
    synchronized int supersededCount() {
        return superseded.size();
    }
}
