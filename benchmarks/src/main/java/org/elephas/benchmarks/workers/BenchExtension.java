package org.elephas.benchmarks.workers;

import org.elephas.api.Extension;
import org.elephas.api.bgworker.BackgroundWorker;
import org.elephas.api.bgworker.BackgroundWorkers;
import org.elephas.api.bgworker.BgWorkerFlags;
import org.elephas.api.bgworker.BgWorkerStartTime;

/**
 * Extension {@code bench_workers}: holds the benchmark's worker entry points. When preloaded, it
 * registers as many static {@link BenchWorkers#waitForTermination} workers (start time
 * PostmasterStart, never restarted) as its bundle's {@value #STATIC_WORKERS_HEADER} manifest
 * header says: the benchmark builds the bundle with the count it needs, so no global state
 * (system property) carries the parameter.
 */
public final class BenchExtension extends Extension {
    /** The extension name, {@code bgw_library_name} of the benchmark workers. */
    public static final String NAME = "bench_workers";
    /** Manifest header: how many static workers to register when preloaded (default 0). */
    public static final String STATIC_WORKERS_HEADER = "Elephas-Bench-Static-Workers";

    @Override
    protected void _PG_init() {
        if (!processSharedPreloadBundlesInProgress()) {
            return;
        }
        String header = bundleContext().getBundle().getHeaders().get(STATIC_WORKERS_HEADER);
        int n = header == null ? 0 : Integer.parseInt(header.trim());
        String function = BenchWorkers.class.getName() + ".waitForTermination";
        for (int i = 1; i <= n; i++) {
            BackgroundWorkers.registerBackgroundWorker(BackgroundWorker.builder()
                    .name("bench static " + i).type("bench static")
                    .flags(BgWorkerFlags.SHMEM_ACCESS)
                    .startTime(BgWorkerStartTime.POSTMASTER_START)
                    .restartTime(BackgroundWorker.BGW_NEVER_RESTART)
                    .libraryName(NAME).functionName(function)
                    .build());
        }
    }
}
