package org.elephas.hooks;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The chain of one hook kind: its links, newest first, composed in front of the standard
 * implementation into one entry point. Each change builds a new immutable snapshot and swaps it
 * in; a call runs entirely on the snapshot it read.
 *
 * @param <H> the hook interface
 * @param <N> its next interface
 */
public final class HookChain<H, N> {
    private record Snapshot<H, N>(List<HookLink<H>> links, N head) {
    }

    private final HookKind<H, N> kind;
    private volatile N standard;
    private volatile Snapshot<H, N> snapshot;

    /**
     * @param kind the hook kind
     * @param standard the standard implementation, which ends the chain
     */
    public HookChain(HookKind<H, N> kind, N standard) {
        this.kind = kind;
        this.standard = standard;
        this.snapshot = new Snapshot<>(List.of(), standard);
    }

    /**
     * Put the standard implementation in place at the end of a chain that was declared before
     * it existed (the pipeline's chains exist from server start, so that preloaded extensions
     * can install hooks; their standard implementations come with the SQL layer).
     *
     * @param implementation the standard implementation
     */
    synchronized void bindStandard(N implementation) {
        this.standard = implementation;
        publish(snapshot.links());
    }

    /** @return the entry point now: the newest hook, or the standard implementation */
    public N head() {
        return snapshot.head();
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
    public List<HookLink<H>> links() {
        return snapshot.links();
    }

    synchronized void add(HookLink<H> link) {
        List<HookLink<H>> links = new ArrayList<>(snapshot.links().size() + 1);
        links.add(link);
        links.addAll(snapshot.links());
        publish(links);
    }

    /**
     * @param which the links to take out
     * @return the links taken out
     */
    synchronized List<HookLink<H>> remove(Predicate<HookLink<?>> which) {
        List<HookLink<H>> kept = new ArrayList<>();
        List<HookLink<H>> removed = new ArrayList<>();
        for (HookLink<H> l : snapshot.links()) {
            (which.test(l) ? removed : kept).add(l);
        }
        if (!removed.isEmpty()) {
            publish(kept);
        }
        return removed;
    }

    private void publish(List<HookLink<H>> links) {
        N head = standard;
        for (int i = links.size() - 1; i >= 0; i--) {
            head = kind.bind(links.get(i), head);
        }
        snapshot = new Snapshot<>(List.copyOf(links), head);
    }
}
