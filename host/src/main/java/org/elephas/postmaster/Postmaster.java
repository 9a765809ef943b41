package org.elephas.postmaster;

import java.util.concurrent.CountDownLatch;

import org.elephas.api.LogLevel;

/**
 * The postmaster: takes the server through its phases (INIT, PRELOAD, CONSISTENT, RUN,
 * SHUTDOWN) and supervises what runs in it. (Being built: phases and workers follow.)
 */
public final class Postmaster {
    private final PostmasterOptions options;
    private final CountDownLatch terminated = new CountDownLatch(1);

    /** @param options what the launcher prepared */
    public Postmaster(PostmasterOptions options) {
        this.options = options;
    }

    /**
     * Bring the server up to RUN and log that it is ready.
     *
     * @throws StartupFailure when it cannot start; nothing is left running
     */
    public void start() throws StartupFailure {
        options.log().log(LogLevel.LOG, "database system is ready to accept connections");
    }

    /** Re-read the configuration files (SIGHUP, {@code pg_reload_conf()}). */
    public void reload() {
        options.log().log(LogLevel.LOG, "received SIGHUP, reloading configuration files");
    }

    /** Fast shutdown: terminate workers and sessions, stop the framework. Idempotent. */
    public void shutdown() {
        options.log().log(LogLevel.LOG, "received fast shutdown request");
        options.log().log(LogLevel.LOG, "database system is shut down");
        terminated.countDown();
    }

    /**
     * Wait until {@link #shutdown()} has completed.
     *
     * @throws InterruptedException if interrupted
     */
    public void awaitTermination() throws InterruptedException {
        terminated.await();
    }
}
