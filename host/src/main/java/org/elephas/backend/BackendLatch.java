package org.elephas.backend;

import java.util.concurrent.locks.LockSupport;

import org.elephas.api.ipc.Latch;

/**
 * A latch owned by one thread at a time, set from any thread. {@link #set()} on a set latch is a
 * single volatile read; waking a parked owner is one {@code unpark}.
 *
 * <p>The wait loop itself lives in {@link Backend#waitLatch}, which adds interrupts, timeouts
 * and postmaster death; {@link #park(long)} is its primitive.
 */
public final class BackendLatch implements Latch {
    private volatile boolean isSet;
    private volatile Thread waiter;
    private final Backend owner;
    private final PostmasterLife life;

    BackendLatch(Backend owner, PostmasterLife life) {
        this.owner = owner;
        this.life = life;
    }

    /**
     * A latch for a thread that is not a backend: it reports no wait events and has no
     * interrupts, but sees postmaster death.
     *
     * @param life the server's life
     */
    public BackendLatch(PostmasterLife life) {
        this(null, life);
    }

    PostmasterLife life() {
        return life;
    }

    @Override
    public void set() {
        if (isSet) {
            return;
        }
        isSet = true;
        Thread w = waiter;
        if (w != null) {
            LockSupport.unpark(w);
        }
    }

    @Override
    public void reset() {
        isSet = false;
    }

    @Override
    public boolean isSet() {
        return isSet;
    }

    @Override
    public int waitLatch(int events, long timeoutMillis, int waitEventInfo) {
        if (owner == null) {
            return Backend.waitLatch(null, this, events, timeoutMillis, waitEventInfo);
        }
        return owner.waitLatch(events, timeoutMillis, waitEventInfo);
    }

    /**
     * @param thread a thread
     * @return whether {@code thread} is parked in (or entering or leaving) a wait on this latch:
     *     it will re-check its conditions before the wait returns
     */
    boolean isWaitedOnBy(Thread thread) {
        return waiter == thread;
    }

    /**
     * Park the calling thread until the latch is set, the thread is unparked or interrupted, or
     * the deadline passes. Callers loop and re-check their conditions.
     *
     * @param deadlineNanos a {@link System#nanoTime()} deadline, or {@link Long#MAX_VALUE}
     */
    void park(long deadlineNanos) {
        waiter = Thread.currentThread();
        try {
            if (isSet) {
                return;
            }
            if (deadlineNanos == Long.MAX_VALUE) {
                LockSupport.park(this);
            } else {
                LockSupport.parkNanos(this, deadlineNanos - System.nanoTime());
            }
        } finally {
            waiter = null;
        }
    }
}
