package org.elephas.hooks;

/**
 * One hook kind: its name, its interface, and how a link of it is bound in front of the rest of
 * the chain.
 *
 * @param <H> the hook interface ({@code PlannerHook})
 * @param <N> its next interface ({@code PlannerHook.Next})
 */
public final class HookKind<H, N> {

    /** Makes the entry point of a link: a {@code N} that runs the link's hook with {@code next}. */
    @FunctionalInterface
    public interface Binder<H, N> {
        /**
         * @param link the link
         * @param next the rest of the chain
         * @return the link's entry point
         */
        N bind(HookLink<H> link, N next);
    }

    /**
     * Makes the entry point of a chain generation: count the call in ({@link HookChain.Generation#enter()}),
     * run the newest link ({@link HookChain.Generation#first()}) and count it out, or, when the
     * generation was superseded meanwhile, call the chain's current entry point instead.
     */
    @FunctionalInterface
    public interface Guard<N> {
        /**
         * @param generation the generation
         * @return its entry point
         */
        N guard(HookChain.Generation<N> generation);
    }

    private final String name;
    private final Class<H> type;
    private final Binder<H, N> binder;
    private final Guard<N> guard;

    /**
     * @param name PostgreSQL's name of the hook ({@code planner})
     * @param type the hook interface
     * @param guard how a generation's entry point is made
     * @param binder how links are bound
     */
    public HookKind(String name, Class<H> type, Guard<N> guard, Binder<H, N> binder) {
        this.name = name;
        this.type = type;
        this.guard = guard;
        this.binder = binder;
    }

    /** @return the hook's name */
    public String name() {
        return name;
    }

    /** @return the hook interface */
    public Class<H> type() {
        return type;
    }

    N bind(HookLink<H> link, N next) {
        return binder.bind(link, next);
    }

    N guard(HookChain.Generation<N> generation) {
        return guard.guard(generation);
    }
}
