package org.elephas.backend;

import java.util.function.Consumer;

/**
 * Whether the postmaster is alive, as backends see it through {@code WL_POSTMASTER_DEATH}. In
 * Elephas the postmaster "dies" when the host shuts down for good: backends still waiting then
 * are woken and see the event.
 */
public final class PostmasterLife {
    private volatile boolean dead;
    private final Consumer<Runnable> wakeAll;

    /** @param wakeAll called once at death with nothing; sets every backend's latch */
    public PostmasterLife(Consumer<Runnable> wakeAll) {
        this.wakeAll = wakeAll;
    }

    /** @return whether the postmaster has died */
    public boolean isDead() {
        return dead;
    }

    /** Declare the postmaster dead and wake every waiting backend. */
    public void markDead() {
        dead = true;
        wakeAll.accept(() -> { });
    }
}
