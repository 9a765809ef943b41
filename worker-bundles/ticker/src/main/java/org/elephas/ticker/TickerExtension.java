package org.elephas.ticker;

import org.elephas.api.Extension;
import org.elephas.api.bgworker.BackgroundWorker;
import org.elephas.api.bgworker.BackgroundWorkers;
import org.elephas.api.bgworker.BgWorkerFlags;
import org.elephas.api.bgworker.BgWorkerStartTime;
import org.elephas.api.guc.GucContext;
import org.elephas.api.guc.GucUnit;
import org.elephas.api.guc.GucVariable;
import org.elephas.api.guc.Gucs;

/**
 * The ticker extension, a sample in the style of PostgreSQL's {@code worker_spi}: it defines
 * {@code ticker.naptime} and, when preloaded from {@code shared_preload_bundles}, registers one
 * static background worker ({@link TickerWorker}) that logs a tick every naptime seconds.
 */
public final class TickerExtension extends Extension {

    /** {@code ticker.naptime}: seconds between two ticks; read by {@link TickerWorker}. */
    static volatile GucVariable<Integer> naptime;

    /** Created by the framework from {@code Bundle-Activator}. */
    public TickerExtension() {
    }

    @Override
    protected void _PG_init() {
        /* get the configuration */
        naptime = Gucs.intVariable("ticker.naptime", 10)
                .description("Duration between each tick (in seconds).")
                .range(1, 3600)
                .unit(GucUnit.S)
                .context(GucContext.SIGHUP)
                .define();

        /* static workers can only be registered while preloading */
        if (!processSharedPreloadBundlesInProgress()) {
            return;
        }

        /* set up and register the worker */
        BackgroundWorkers.registerBackgroundWorker(BackgroundWorker.builder()
                .name("ticker")
                .type("ticker")
                .flags(BgWorkerFlags.SHMEM_ACCESS)
                .startTime(BgWorkerStartTime.RECOVERY_FINISHED)
                .restartTime(5)
                .libraryName("ticker")
                .functionName("org.elephas.ticker.TickerWorker.tickerMain")
                .build());

        /* no other ticker.* parameter may appear from now on */
        Gucs.markGucPrefixReserved("ticker");
    }
}
