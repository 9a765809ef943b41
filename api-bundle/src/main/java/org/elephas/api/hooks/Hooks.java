package org.elephas.api.hooks;

import org.elephas.api.host.HostAccess;

/**
 * Installs hooks: {@code Hooks.install(PlannerHook.class, (q, s, c, p, next) -> next.planner(q, s, c, p))}.
 * The hook installed last is called first, as with PostgreSQL's {@code prev_hook} idiom. The
 * owner is the bundle whose class loader defined the hook's class; when that bundle stops, its
 * hooks leave their chains.
 */
public final class Hooks {
    private Hooks() {
    }

    /**
     * @param <H> the hook kind
     * @param kind the hook kind's interface, e.g. {@code PlannerHook.class}
     * @param hook the hook
     * @return its registration
     * @throws IllegalArgumentException when {@code kind} is not a hook kind
     */
    public static <H> HookRegistration install(Class<H> kind, H hook) {
        return HostAccess.host().hooks().install(kind, hook);
    }
}
