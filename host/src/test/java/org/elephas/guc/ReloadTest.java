package org.elephas.guc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReloadTest {
    @TempDir
    Path dir;

    @Test
    void postmasterChangeIsRefusedAndMarkedPendingRestart() throws Exception {
        RegistryFixture f = new RegistryFixture(dir).start("port = 6000\n", Map.of());
        f.log.take();
        f.writeConf("port = 6001\n");
        assertTrue(f.registry.reload());
        String log = f.log.take();
        assertTrue(log.contains("LOG:  parameter \"port\" cannot be changed without restarting the server\n"), log);
        assertTrue(log.contains("LOG:  configuration file \"" + f.conf
                + "\" contains errors; unaffected changes were applied\n"), log);
        assertEquals("6000", f.show("port"));
        assertTrue(f.row("port").pendingRestart());
        // Back to the running value: nothing pending any more, nothing logged.
        f.writeConf("port = 6000\n");
        f.registry.reload();
        assertFalse(f.row("port").pendingRestart());
        assertEquals("", f.log.take());
    }

    @Test
    void sighupChangeAppliesAndIsLogged() throws Exception {
        RegistryFixture f = new RegistryFixture(dir).start("deploy_directory = 'd1'\n", Map.of());
        f.log.take();
        f.writeConf("deploy_directory = 'd2'\nbgworker_shutdown_timeout = 30s\n");
        f.registry.reload();
        String log = f.log.take();
        assertTrue(log.contains("LOG:  parameter \"deploy_directory\" changed to \"d2\"\n"), log);
        assertTrue(log.contains("LOG:  parameter \"bgworker_shutdown_timeout\" changed to \"30s\"\n"), log);
        assertFalse(log.contains("contains errors"), log);
        assertEquals("d2", f.show("deploy_directory"));
        assertEquals("30s", f.show("bgworker_shutdown_timeout"));
    }

    @Test
    void removedSettingRevertsToDefault() throws Exception {
        RegistryFixture f = new RegistryFixture(dir).start("deploy_directory = 'd1'\nport = 6000\n", Map.of());
        f.log.take();
        f.writeConf("port = 6000\n");
        f.registry.reload();
        assertTrue(f.log.take().contains(
                "LOG:  parameter \"deploy_directory\" removed from configuration file, reset to default\n"));
        assertEquals("deploy", f.show("deploy_directory"));
        assertEquals("default", f.row("deploy_directory").source());
        // A removed postmaster setting cannot revert without a restart either.
        f.writeConf("");
        f.registry.reload();
        assertTrue(f.log.take().contains("LOG:  parameter \"port\" cannot be changed without restarting the server\n"));
        assertEquals("6000", f.show("port"));
        assertTrue(f.row("port").pendingRestart());
    }

    @Test
    void anyErrorAppliesNothing() throws Exception {
        RegistryFixture f = new RegistryFixture(dir).start("deploy_directory = 'd1'\n", Map.of());
        f.log.take();
        f.writeConf("deploy_directory = 'd2'\nbogus_param = 1\n");
        assertFalse(f.registry.reload());
        String log = f.log.take();
        assertTrue(log.contains("LOG:  unrecognized configuration parameter \"bogus_param\" in file \"" + f.conf
                + "\" line 2\n"), log);
        assertTrue(log.contains("LOG:  configuration file \"" + f.conf + "\" contains errors; no changes were applied\n"),
                log);
        assertEquals("d1", f.show("deploy_directory"));
        f.writeConf("deploy_directory = 'd2'\nbgworker_shutdown_timeout = -1\n");
        assertFalse(f.registry.reload());
        assertTrue(f.log.take().contains(
                "LOG:  -1 ms is outside the valid range for parameter \"bgworker_shutdown_timeout\" (0 ms .. 3600000 ms)"));
        f.writeConf("deploy_directory = 'd2\n");
        assertFalse(f.registry.reload());
        assertTrue(f.log.take().contains("near token \"'\""));
        assertEquals("d1", f.show("deploy_directory"));
    }

    @Test
    void commandLineKeepsPriorityOverTheFile() throws Exception {
        RegistryFixture f = new RegistryFixture(dir).start("deploy_directory = 'd1'\nport = 6000\n",
                Map.of("deploy_directory", "cli", "port", "7000"));
        f.log.take();
        f.writeConf("deploy_directory = 'd2'\nport = 6001\n");
        f.registry.reload();
        assertEquals("cli", f.show("deploy_directory"));
        assertEquals("7000", f.show("port"));
        assertEquals("", f.log.take(), "no change in effect, nothing to say");
    }

    @Test
    void reloadAdvancesTheGenerationAndTellsListeners() throws Exception {
        RegistryFixture f = new RegistryFixture(dir).start("", Map.of());
        AtomicInteger told = new AtomicInteger();
        f.registry.addReloadListener(told::incrementAndGet);
        long before = f.registry.generation();
        f.registry.reload();
        assertEquals(before + 1, f.registry.generation());
        assertEquals(1, told.get());
    }

    @Test
    void placeholdersFollowTheFileAndAReservedPrefixLineBlocksNothing() throws Exception {
        RegistryFixture f = new RegistryFixture(dir).start("my_ext.a = 1\nmy_ext.b = 2\n", Map.of());
        f.registry.markPrefixReserved("my_ext");
        f.log.take();
        f.writeConf("my_ext.a = 1\ndeploy_directory = 'd3'\nother.x = 'y'\n");
        assertTrue(f.registry.reload());
        String log = f.log.take();
        assertTrue(log.contains("LOG:  invalid configuration parameter name \"my_ext.a\"\n"), log);
        assertTrue(log.contains("DETAIL:  \"my_ext\" is a reserved prefix.\n"), log);
        assertEquals("d3", f.show("deploy_directory"));
        assertEquals("y", f.show("other.x"));
    }
}
