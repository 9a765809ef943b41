package org.elephas.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.elephas.testing.DeployBundles;
import org.elephas.testing.ShippedBundles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hot deploy against the real distribution, run as a process with its shipped configuration
 * ({@code deploy_directory = 'deploy'}, {@code ticker} preloaded): drop, update, delete, the
 * directory as the truth across a restart, and a preloaded bundle pinned. What happened is read
 * from the server log; the fixture's worker runs a query through SPI, so its hook's log line
 * proves the hook is live in the pipeline.
 */
@Timeout(180)
class HotDeployIT {
    @TempDir
    Path scratch;

    private static Pattern line(String regex) {
        return Pattern.compile(regex);
    }

    @Test
    void dropUpdateAndDeleteAJarWhileTheServerRuns() throws Exception {
        DeployBundles bundles = new DeployBundles(scratch);
        Path data = ServerProcess.newDataDirectory("deploy-main");
        try (ServerProcess server = ServerProcess.startReady(data)) {
            Path deploy = data.resolve("deploy");

            DeployBundles.drop(bundles.build(DeployBundles.extension("fx_it")), deploy, "fx_it.jar");
            server.awaitLogLine(line("LOG:  fx_it v1 _PG_init$"), ServerProcess.TIMEOUT);
            server.awaitLogLine(line("LOG:  background worker \"fx_it static\": must be registered in "
                    + "\"shared_preload_bundles\"$"), ServerProcess.TIMEOUT);
            server.awaitLogLine(line("LOG:  deployed bundle \"org.elephas.fixture.fx_it\" 1.0.0 \\(extension \"fx_it\"\\) "
                    + "from \"fx_it.jar\"$"), ServerProcess.TIMEOUT);
            server.awaitLogLine(line("LOG:  fx_it v1 hook saw probe$"), ServerProcess.TIMEOUT);
            server.awaitLogLine(line("LOG:  fx_it v1 worker ready, greeting hello v1$"), ServerProcess.TIMEOUT);

            int beforeUpdate = server.log().size();
            DeployBundles.drop(bundles.build(DeployBundles.extension("fx_it").version("v2")), deploy, "fx_it.jar");
            server.awaitLogLine(line("LOG:  fx_it v2 worker ready, greeting hello v2$"), beforeUpdate,
                    ServerProcess.TIMEOUT);
            List<String> lines = server.log();
            int terminated = indexOf(lines, beforeUpdate, "FATAL:  terminating background worker \"fx_it\" due to "
                    + "administrator command");
            int fini = indexOf(lines, beforeUpdate, "LOG:  fx_it v1 _PG_fini");
            int init = indexOf(lines, beforeUpdate, "LOG:  fx_it v2 _PG_init");
            int probe = indexOf(lines, beforeUpdate, "LOG:  fx_it v2 hook saw probe");
            assertTrue(terminated >= 0 && terminated < fini && fini < init && init < probe,
                    "the old worker ends, then _PG_fini, then the new version starts with its hook live: " + lines);
            assertEquals(-1, indexOf(lines, beforeUpdate, "fx_it v1 hook saw probe"), "the old hook left the chain");
            assertEquals(-1, indexOf(lines, 0, "attempt to redefine parameter"));

            int beforeDelete = server.log().size();
            Files.delete(deploy.resolve("fx_it.jar"));
            server.awaitLogLine(line("LOG:  undeployed bundle \"org.elephas.fixture.fx_it\" 1.0.0: \"fx_it.jar\" was "
                    + "removed$"), beforeDelete, ServerProcess.TIMEOUT);
            lines = server.log();
            int ended = indexOf(lines, beforeDelete, "FATAL:  terminating background worker \"fx_it\"");
            int fini2 = indexOf(lines, beforeDelete, "LOG:  fx_it v2 _PG_fini");
            assertTrue(ended >= 0 && ended < fini2, "worker, then _PG_fini: " + lines);

            server.signal("TERM");
            assertEquals(0, server.awaitExit());
        }
    }

    @Test
    void theDirectoryIsTheTruthAcrossARestartAndAPreloadedBundleIsPinned() throws Exception {
        DeployBundles bundles = new DeployBundles(scratch);
        Path data = ServerProcess.newDataDirectory("deploy-restart");
        Path deploy = data.resolve("deploy");
        try (ServerProcess server = ServerProcess.startReady(data)) {
            DeployBundles.drop(bundles.build(DeployBundles.extension("fx_a").noWorker()), deploy, "fx_a.jar");
            DeployBundles.drop(bundles.build(DeployBundles.extension("fx_b").noWorker()), deploy, "fx_b.jar");
            server.awaitLogLine(line("deployed bundle \"org.elephas.fixture.fx_a\""), ServerProcess.TIMEOUT);
            server.awaitLogLine(line("deployed bundle \"org.elephas.fixture.fx_b\""), ServerProcess.TIMEOUT);

            // The shipped ticker is preloaded: the same jar dropped into deploy/ is refused.
            Path ticker;
            try (Stream<Path> shipped = Files.list(ShippedBundles.directory())) {
                ticker = shipped.filter(p -> p.getFileName().toString().startsWith("elephas-ticker-")).findFirst()
                        .orElseThrow();
            }
            DeployBundles.drop(ticker, deploy, "ticker.jar");
            server.awaitLogLine(line("WARNING:  could not deploy \"ticker.jar\": bundle \"[^\"]+\" \\(extension "
                    + "\"ticker\"\\) is pinned by \"shared_preload_bundles\"; a restart is required to replace it$"),
                    ServerProcess.TIMEOUT);
            server.signal("TERM");
            assertEquals(0, server.awaitExit());
        }
        Files.delete(deploy.resolve("fx_a.jar"));
        Files.delete(deploy.resolve("ticker.jar"));
        DeployBundles.drop(bundles.build(DeployBundles.extension("fx_c").noWorker()), deploy, "fx_c.jar");
        try (ServerProcess server = ServerProcess.startReady(data)) {
            List<String> lines = server.log();
            int ready = indexOf(lines, 0, "database system is ready to accept connections");
            int b = indexOf(lines, 0, "LOG:  deployed bundle \"org.elephas.fixture.fx_b\"");
            int c = indexOf(lines, 0, "LOG:  deployed bundle \"org.elephas.fixture.fx_c\"");
            assertTrue(b >= 0 && b < ready && c >= 0 && c < ready, "deployed before ready: " + lines);
            assertEquals(-1, indexOf(lines, 0, "fx_a"), "removed while the server was down: " + lines);
            assertEquals(1, lines.stream().filter(l -> l.contains("fx_b v1 _PG_init")).count());
            assertEquals(1, lines.stream().filter(l -> l.contains("fx_c v1 _PG_init")).count());
            server.signal("TERM");
            assertEquals(0, server.awaitExit());
        }
    }

    private static int indexOf(List<String> lines, int from, String text) {
        for (int i = from; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i;
            }
        }
        return -1;
    }
}
