package org.elephas.bgworker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.elephas.api.bgworker.BgwHandleStatus;
import org.elephas.postmaster.Phase;
import org.elephas.postmaster.StartupFailure;
import org.elephas.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Static registration from a preloaded bundle's {@code _PG_init}: validation with PostgreSQL's
 * messages, the slot limit, refusal outside preload, and launch gated by phase.
 */
class StaticRegistrationTest {

    @Test
    void preloadRegistersValidWorkersAndLogsEachInvalidOne(@TempDir Path root) throws StartupFailure {
        try (TestServer s = TestServer.start(root, Map.of("shared_preload_bundles", "fx_static"))) {
            var log = s.log();
            log.await("LOG:  background worker \"fx no shmem\": background workers without shared memory access are not supported$", TestServer.PATIENCE);
            log.await("LOG:  background worker \"fx early db\": cannot request database access if starting at postmaster start$", TestServer.PATIENCE);
            log.await("LOG:  background worker \"fx interruptible\": cannot make background workers interruptible without database access$", TestServer.PATIENCE);
            log.await("LOG:  background worker \"fx bad restart\": invalid restart interval$", TestServer.PATIENCE);
            log.await("LOG:  background worker \"fx parallel\": parallel workers may not be configured for restart$", TestServer.PATIENCE);
            log.await("LOG:  background worker \"fx notify\": only dynamic background workers can request notification$", TestServer.PATIENCE);
            log.await("fx_static dynamic registration: false", TestServer.PATIENCE);

            List<String> registered = s.workers().stream().map(w -> w.entry().name()).toList();
            assertEquals(List.of("fx pm", "fx consistent", "fx finished"), registered);
            // bgw_type defaults to bgw_name.
            assertEquals("fx pm", s.worker("fx pm").entry().type());
            // Static workers take the first slots, in registration order.
            assertEquals(List.of(0, 1, 2), s.workers().stream().map(WorkerInfo::slot).toList());
        }
    }

    @Test
    void eachStartTimeLaunchesInItsPhase(@TempDir Path root) throws StartupFailure {
        try (TestServer s = TestServer.start(root, Map.of("shared_preload_bundles", "fx_static"))) {
            assertEquals(List.of(Phase.PRELOAD, Phase.STARTUP, Phase.CONSISTENT, Phase.RUN), s.phases());
            assertEquals(List.of(BgwHandleStatus.NOT_YET_STARTED, BgwHandleStatus.NOT_YET_STARTED,
                    BgwHandleStatus.NOT_YET_STARTED), statuses(s, Phase.PRELOAD));
            assertEquals(List.of(BgwHandleStatus.STARTED, BgwHandleStatus.NOT_YET_STARTED,
                    BgwHandleStatus.NOT_YET_STARTED), statuses(s, Phase.STARTUP));
            assertEquals(List.of(BgwHandleStatus.STARTED, BgwHandleStatus.STARTED,
                    BgwHandleStatus.NOT_YET_STARTED), statuses(s, Phase.CONSISTENT));
            assertEquals(List.of(BgwHandleStatus.STARTED, BgwHandleStatus.STARTED, BgwHandleStatus.STARTED),
                    statuses(s, Phase.RUN));
            s.log().await("database system is ready to accept connections", TestServer.PATIENCE);
            s.log().awaitCount("fixture fx (pm|consistent|finished) looping", 3, TestServer.PATIENCE);
        }
    }

    private static List<BgwHandleStatus> statuses(TestServer s, Phase phase) {
        return s.workersAt(phase).stream().map(WorkerInfo::status).toList();
    }

    @Test
    void tooManyStaticWorkersAreRefusedWithPostgresMessage(@TempDir Path root) throws StartupFailure {
        try (TestServer s = TestServer.start(root, Map.of("shared_preload_bundles", "fx_many",
                "max_worker_processes", "2"))) {
            s.log().await("LOG:  too many background workers$", TestServer.PATIENCE);
            s.log().await("DETAIL:  Up to 2 background workers can be registered with the current settings\\.$",
                    TestServer.PATIENCE);
            s.log().await("HINT:  Consider increasing the configuration parameter \"max_worker_processes\"\\.$",
                    TestServer.PATIENCE);
            assertEquals(List.of("fx many 1", "fx many 2"), s.workers().stream().map(w -> w.entry().name()).toList());
        }
    }

    @Test
    void staticRegistrationOutsidePreloadIsRefused(@TempDir Path root) throws StartupFailure {
        try (TestServer s = TestServer.start(root, Map.of())) {
            s.postmaster().library().load("fx_static");
            s.log().await("LOG:  background worker \"fx pm\": must be registered in \"shared_preload_bundles\"$",
                    TestServer.PATIENCE);
            s.log().await("fx_static dynamic registration: true", TestServer.PATIENCE);
            // Only the dynamic registration took; none of the static ones did.
            assertEquals(List.of("fx dynamic in preload"), s.workers().stream().map(w -> w.entry().name()).toList());
        }
    }

    @Test
    void missingPreloadBundleStopsStartupNamingIt(@TempDir Path root) {
        StartupFailure failure = TestServer.startExpectingFailure(root, Map.of("shared_preload_bundles", "fx_lib, nope"));
        assertTrue(failure.getMessage().startsWith("could not access extension \"nope\""), failure.getMessage());
        assertTrue(failure.hint().contains("shared_preload_bundles"), failure.hint());
    }

    @Test
    void failingPgInitStopsStartupWithItsCause(@TempDir Path root) {
        StartupFailure failure = TestServer.startExpectingFailure(root, Map.of("shared_preload_bundles", "fx_throws"));
        assertEquals("could not load extension \"fx_throws\": fx_throws refuses to initialise", failure.getMessage());
        assertFalse(failure.getMessage().contains("BundleException"));
    }
}
