package org.elephas.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The distribution as shipped: its configuration preloads the sample extension {@code ticker},
 * whose static worker runs, follows reloads, and is terminated at shutdown.
 */
@Timeout(120)
class SampleExtensionIT {
    private static final Pattern TICKER_STARTED = Pattern.compile("\\[(\\d+)\\] LOG:  ticker started$");

    @Test
    void theShippedConfigurationPreloadsTickerAndItsWorkerRunsUntilShutdown() throws Exception {
        Path data = ServerProcess.newDataDirectory("ticker");
        try (ServerProcess server = ServerProcess.startReady(data, "-c", "log_min_messages=debug1")) {
            Matcher started = TICKER_STARTED.matcher(server.awaitLogLine(TICKER_STARTED, ServerProcess.TIMEOUT));
            assertTrue(started.find());
            int workerPid = Integer.parseInt(started.group(1));
            assertTrue(workerPid >= 1 << 22, "a worker's PID is above every OS PID: " + workerPid);

            // A reload reaches the worker, which wakes and ticks.
            Files.writeString(data.resolve("elephas.conf"), "\nticker.naptime = 1\n", StandardOpenOption.APPEND);
            int seen = server.log().size();
            server.signal("HUP");
            server.awaitLogLine(Pattern.compile("LOG:  parameter \"ticker.naptime\" changed to \"1s?\"$"), seen,
                    ServerProcess.TIMEOUT);
            server.awaitLogLine(Pattern.compile("\\[" + workerPid + "\\] DEBUG1:  ticker: tick \\d+$"), seen,
                    ServerProcess.TIMEOUT);

            server.signal("TERM");
            assertEquals(0, server.awaitExit());
            server.awaitLogLine(Pattern.compile("\\[" + workerPid
                    + "\\] FATAL:  terminating background worker \"ticker\" due to administrator command$"),
                    ServerProcess.TIMEOUT);
            server.awaitLogLine(Pattern.compile("LOG:  background worker \"ticker\" \\(PID " + workerPid
                    + "\\) exited with exit code 1$"), ServerProcess.TIMEOUT);
            server.awaitLogLine(Pattern.compile("LOG:  database system is shut down$"), ServerProcess.TIMEOUT);
        }
    }

    @Test
    void aMissingPreloadBundleIsFatalAndNamesIt() {
        Path data = ServerProcess.newDataDirectory("missing-preload");
        try (ServerProcess server = ServerProcess.start(data, "-c", "shared_preload_bundles=ticker,nope")) {
            assertEquals(1, server.awaitExit());
            server.awaitLogLine(Pattern.compile("FATAL:  could not access extension \"nope\": no bundle in \".*\" has "
                    + "\"Elephas-Extension: nope\"$"), ServerProcess.TIMEOUT);
            server.awaitLogLine(Pattern.compile("HINT:  Check \"shared_preload_bundles\""), ServerProcess.TIMEOUT);
        }
    }
}
