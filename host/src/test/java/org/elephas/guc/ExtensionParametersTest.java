package org.elephas.guc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.elephas.api.bgworker.BackgroundWorker;
import org.elephas.api.bgworker.BackgroundWorkers;
import org.elephas.api.bgworker.BgWorkerFlags;
import org.elephas.api.bgworker.BgWorkerStartTime;
import org.elephas.fixtures.gucs.GucExtension;
import org.elephas.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parameters defined by a real extension bundle, in a real server. */
class ExtensionParametersTest {

    @Test
    void placeholdersReservedPrefixAndReloadInAWorker(@TempDir Path root) throws Exception {
        try (TestServer s = TestServer.start(root, Map.of("shared_preload_bundles", "fx_guc",
                "fx_guc.naptime", "5", "fx_guc.bogus", "1"))) {
            // The -c value given while fx_guc.naptime was a placeholder applies on definition.
            s.log().await("fx_guc naptime = 5", TestServer.PATIENCE);
            s.log().await("fx_guc workers = 2", TestServer.PATIENCE);
            s.log().await("WARNING:  invalid configuration parameter name \"fx_guc.bogus\", removing it",
                    TestServer.PATIENCE);
            s.log().await("DETAIL:  \"fx_guc\" is now a reserved prefix.", TestServer.PATIENCE);

            startReader();
            s.log().await("fx_guc reader sees 5", TestServer.PATIENCE);

            // A reload applies a sighup/superuser-context value from the file.
            Files.writeString(s.dataDirectory().resolve("elephas.conf"), "log_min_messages = notice\n");
            s.postmaster().reload();
            s.log().await("parameter \"log_min_messages\" changed to \"notice\"", TestServer.PATIENCE);
            assertEquals("notice", s.postmaster().gucs().show("log_min_messages"));
        }
    }

    @Test
    void reloadedValuesReachAWorkerWhenItProcessesTheReload(@TempDir Path root) throws Exception {
        try (TestServer s = TestServer.start(root, Map.of("shared_preload_bundles", "fx_guc"))) {
            startReader();
            s.log().await("fx_guc reader sees 10", TestServer.PATIENCE);
            Files.writeString(s.dataDirectory().resolve("elephas.conf"), "fx_guc.naptime = '1min'\n");
            s.postmaster().reload();
            s.log().await("fx_guc reader sees 60", TestServer.PATIENCE);
        }
    }

    /** A worker of fx_guc that logs the naptime it sees at start and after each reload. */
    private static void startReader() {
        BackgroundWorkers.registerDynamicBackgroundWorker(BackgroundWorker.builder().name("fx reader")
                .flags(BgWorkerFlags.SHMEM_ACCESS).startTime(BgWorkerStartTime.RECOVERY_FINISHED)
                .libraryName("fx_guc").functionName(GucExtension.class.getName() + ".reader").build())
                .orElseThrow().waitForStartup();
    }

    @Test
    void postmasterParametersOnlyDuringPreload(@TempDir Path root) throws Exception {
        try (TestServer s = TestServer.start(root, Map.of())) {
            s.postmaster().library().load("fx_guc");
            s.log().await("fx_guc postmaster define refused: FATAL cannot create PGC_POSTMASTER variables after startup",
                    TestServer.PATIENCE);
            s.log().await("fx_guc naptime = 10", TestServer.PATIENCE);
        }
    }

    @Test
    void anUnknownCoreParameterInTheFileStopsStartupWithItsLine(@TempDir Path root) throws Exception {
        Path data = root.resolve("data");
        Files.createDirectories(data);
        var failure = TestServer.startExpectingFailure(root, Map.of(), "port = 5433\nno_such_thing = 1\n");
        assertEquals("unrecognized configuration parameter \"no_such_thing\" in file \""
                + data.resolve("elephas.conf") + "\" line 2", failure.getMessage());
    }
}
