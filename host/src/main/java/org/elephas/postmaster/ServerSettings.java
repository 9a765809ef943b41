package org.elephas.postmaster;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.elephas.guc.GucRegistry;

/**
 * The postmaster-context settings the postmaster itself acts on, read once at startup from the
 * configuration (they cannot change without a restart).
 *
 * @param maxWorkerProcesses {@code max_worker_processes}
 * @param sharedPreloadBundles {@code shared_preload_bundles}, in order
 * @param bundleDirectory {@code bundle_directory}, resolved against the data directory; empty
 *     means the distribution's {@code bundles/}
 */
record ServerSettings(int maxWorkerProcesses, List<String> sharedPreloadBundles, Path bundleDirectory) {

    static ServerSettings from(GucRegistry gucs, PostmasterOptions options) {
        String bundleDir = (String) gucs.globalValue("bundle_directory");
        String preload = (String) gucs.globalValue("shared_preload_bundles");
        return new ServerSettings(
                (Integer) gucs.globalValue("max_worker_processes"),
                Arrays.stream(preload == null ? new String[0] : preload.split(","))
                        .map(String::trim).filter(n -> !n.isEmpty()).toList(),
                bundleDir == null || bundleDir.isEmpty() ? options.home().resolve("bundles")
                        : options.dataDirectory().resolve(bundleDir));
    }
}
