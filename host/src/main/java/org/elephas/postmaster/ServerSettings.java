package org.elephas.postmaster;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.elephas.api.LogLevel;

/**
 * The postmaster-level settings the postmaster itself acts on, read once at startup.
 *
 * @param maxWorkerProcesses {@code max_worker_processes}
 * @param sharedPreloadBundles {@code shared_preload_bundles}, in order
 * @param bundleDirectory {@code bundle_directory}, resolved
 * @param bgworkerShutdownTimeoutMillis {@code bgworker_shutdown_timeout}
 * @param logMinMessages {@code log_min_messages}
 */
record ServerSettings(int maxWorkerProcesses, List<String> sharedPreloadBundles, Path bundleDirectory,
        long bgworkerShutdownTimeoutMillis, LogLevel logMinMessages) {

    static ServerSettings from(PostmasterOptions options) {
        Map<String, String> s = options.commandLineSettings();
        String bundleDir = s.getOrDefault("bundle_directory", "");
        return new ServerSettings(
                Integer.parseInt(s.getOrDefault("max_worker_processes", "8")),
                Arrays.stream(s.getOrDefault("shared_preload_bundles", "").split(","))
                        .map(String::trim).filter(n -> !n.isEmpty()).toList(),
                bundleDir.isEmpty() ? options.home().resolve("bundles") : options.dataDirectory().resolve(bundleDir),
                Long.parseLong(s.getOrDefault("bgworker_shutdown_timeout", "10000")),
                LogLevel.fromName(s.getOrDefault("log_min_messages", "warning")));
    }
}
