package org.elephas.api.ipc;

/**
 * The signals PostgreSQL's backends and workers act on. Elephas delivers them to backends
 * (threads), never to the operating-system process.
 */
public enum Signal {
    /** Reload the configuration. Ignored by workers unless they install a handler. */
    SIGHUP,
    /** Cancel the current statement. */
    SIGINT,
    /** Terminate: {@code die}. */
    SIGTERM,
    /** Multiplexed notifications, such as "a worker you registered started or exited". */
    SIGUSR1,
    /** Free for the backend's own use. */
    SIGUSR2
}
