package org.elephas.api.host;

import org.elephas.api.LogLevel;

/**
 * The running host, as the API's facades see it. One per JVM: one JVM is one postmaster.
 */
public interface Host {

    /** @return whether {@code shared_preload_bundles} are being loaded */
    boolean preloadInProgress();

    /**
     * Write a non-error message to the server log, as the calling backend.
     *
     * @param level the level
     * @param sqlState the SQLSTATE or null
     * @param message the message
     * @param detail detail or null
     * @param hint hint or null
     */
    void log(LogLevel level, String sqlState, String message, String detail, String hint);

    /** @return worker registration and the calling worker's own record */
    WorkerServices workers();

    /** @return the calling backend's latch, signals and interrupts */
    BackendServices backend();

    /** @return parameter definitions and values */
    GucServices gucs();

    /** @return SPI, worker transaction control and activity reporting */
    SpiServices spi();

    /** @return the hook chains */
    HookServices hooks();
}
