package org.elephas.api.ipc;

import org.elephas.api.host.HostAccess;

/**
 * Event bits of {@link Latch#waitLatch} (PostgreSQL's {@code waiteventset.h} values) and the
 * wait events a backend reports while it waits ({@code pg_stat_activity.wait_event}).
 */
public final class WaitEvents {
    /** {@code WL_LATCH_SET}: the latch was set. */
    public static final int WL_LATCH_SET = 1;
    /** {@code WL_TIMEOUT}: the timeout expired. */
    public static final int WL_TIMEOUT = 8;
    /** {@code WL_POSTMASTER_DEATH}: the server is shutting down; reported to the caller. */
    public static final int WL_POSTMASTER_DEATH = 16;
    /** {@code WL_EXIT_ON_PM_DEATH}: the server is shutting down; the backend exits (code 1). */
    public static final int WL_EXIT_ON_PM_DEATH = 32;

    /** {@code PG_WAIT_EXTENSION}: the class of events registered by extensions. */
    public static final int PG_WAIT_EXTENSION = 0x07000000;

    private WaitEvents() {
    }

    /**
     * {@code WaitEventExtensionNew}: the wait event named {@code name} of type
     * {@code Extension}, created on first use and listed in {@code pg_wait_events}. The same
     * name always gives the same value.
     *
     * @param name the event's name, for example {@code WorkerSpiMain}
     * @return the wait event info to pass to {@link Latch#waitLatch}
     */
    public static int extensionNew(String name) {
        return HostAccess.host().backend().waitEventExtensionNew(name);
    }
}
