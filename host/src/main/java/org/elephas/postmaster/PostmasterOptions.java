package org.elephas.postmaster;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.elephas.log.ServerLog;

/**
 * What the launcher hands the postmaster.
 *
 * @param dataDirectory the initialised, locked data directory
 * @param home the distribution's root (holding {@code bundles/} and {@code conf/})
 * @param commandLineSettings {@code -c name=value} pairs (and {@code -p}), in order
 * @param log the server log
 */
public record PostmasterOptions(Path dataDirectory, Path home, Map<String, String> commandLineSettings,
        ServerLog log) {

    /** Copies the settings and checks for nulls. */
    public PostmasterOptions {
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        Objects.requireNonNull(home, "home");
        commandLineSettings = new LinkedHashMap<>(commandLineSettings);
        Objects.requireNonNull(log, "log");
    }
}
