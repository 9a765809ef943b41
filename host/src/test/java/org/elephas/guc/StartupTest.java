package org.elephas.guc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.elephas.api.LogLevel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartupTest {
    @TempDir
    Path dir;

    @Test
    void coreDefaultsBeforeAnyFile() {
        RegistryFixture f = new RegistryFixture(dir);
        assertEquals("5433", f.show("port"));
        assertEquals("localhost", f.show("listen_addresses"));
        assertEquals("100", f.show("max_connections"));
        assertEquals("8", f.show("max_worker_processes"));
        assertEquals("", f.show("shared_preload_bundles"));
        assertEquals("deploy", f.show("deploy_directory"));
        assertEquals("warning", f.show("log_min_messages"));
        assertEquals("10s", f.show("bgworker_shutdown_timeout"));
        assertEquals("15.0", f.show("server_version"));
        assertEquals("150000", f.show("server_version_num"));
        assertNull(f.show("no_such_thing"));
    }

    @Test
    void fileThenAutoFileThenCommandLine() throws Exception {
        RegistryFixture f = new RegistryFixture(dir);
        Files.writeString(f.autoConf, AutoConfFile.HEADER + "max_connections = '50'\n");
        f.start("port = 6000\nmax_connections = 20\nmax_worker_processes = 4\nBGWORKER_SHUTDOWN_TIMEOUT = '1min'\n",
                Map.of("max-worker-processes", "12"));
        assertEquals("6000", f.show("port"));
        assertEquals("50", f.show("max_connections"), "the auto file overrides the main file");
        assertEquals("12", f.show("max_worker_processes"), "the command line overrides both");
        assertEquals("1min", f.show("bgworker_shutdown_timeout"));
        SettingRow port = f.row("port");
        assertEquals("configuration file", port.source());
        assertEquals(f.conf.toString(), port.sourcefile());
        assertEquals(1, port.sourceline());
        assertEquals("command line", f.row("max_worker_processes").source());
        assertEquals(f.autoConf.toString(), f.row("max_connections").sourcefile());
        SettingRow timeout = f.row("bgworker_shutdown_timeout");
        assertEquals("60000", timeout.setting());
        assertEquals("ms", timeout.unit());
        assertEquals("10000", timeout.bootVal());
        assertEquals("0", timeout.minVal());
        assertEquals("3600000", timeout.maxVal());
        assertEquals("sighup", timeout.context());
        assertEquals("integer", timeout.vartype());
        assertEquals(List.of("debug5", "debug4", "debug3", "debug2", "debug1", "info", "notice", "warning", "error",
                "log", "fatal", "panic"), f.row("log_min_messages").enumvals());
    }

    @Test
    void unknownCoreNameInFileFailsWithItsLine() throws Exception {
        RegistryFixture f = new RegistryFixture(dir);
        GucConfigException e = assertThrows(GucConfigException.class,
                () -> f.start("port = 6000\n\nshared_buffers = 128MB\n", Map.of()));
        assertEquals("unrecognized configuration parameter \"shared_buffers\" in file \"" + f.conf + "\" line 3",
                e.getMessage());
        assertEquals("42704", e.sqlState());
        assertEquals(LogLevel.FATAL, e.toFatal().level());
        assertEquals("5433", f.show("port"), "nothing is applied");
    }

    @Test
    void invalidValueInFileFailsWithHintAndWhere() throws Exception {
        RegistryFixture f = new RegistryFixture(dir);
        GucConfigException e = assertThrows(GucConfigException.class,
                () -> f.start("port = 6000\nbgworker_shutdown_timeout = 10parsecs\nport = 70000\n", Map.of()));
        assertEquals("invalid value for parameter \"bgworker_shutdown_timeout\": \"10parsecs\"", e.getMessage());
        assertEquals("Valid units for this parameter are \"us\", \"ms\", \"s\", \"min\", \"h\", and \"d\".", e.hint());
        assertEquals("line 2 of configuration file \"" + f.conf + "\"", e.detail());
        assertEquals(2, e.errors().size());
        assertTrue(f.log.text().contains("LOG:  70000 is outside the valid range for parameter \"port\" (0 .. 65535)"),
                f.log.text());
    }

    @Test
    void syntaxErrorFailsTheStartup() throws Exception {
        RegistryFixture f = new RegistryFixture(dir);
        GucConfigException e = assertThrows(GucConfigException.class, () -> f.start("port 1 2\n", Map.of()));
        assertEquals("syntax error in file \"" + f.conf + "\" line 1, near token \"2\"", e.getMessage());
    }

    @Test
    void missingMainFileFails() {
        RegistryFixture f = new RegistryFixture(dir);
        GucConfigException e = assertThrows(GucConfigException.class,
                () -> f.registry.loadAtStartup(f.conf, f.autoConf, Map.of()));
        assertEquals("could not open configuration file \"" + f.conf + "\": No such file or directory", e.getMessage());
    }

    @Test
    void commandLineErrors() throws Exception {
        RegistryFixture f = new RegistryFixture(dir);
        f.writeConf("");
        GucConfigException unknown = assertThrows(GucConfigException.class,
                () -> f.registry.loadAtStartup(f.conf, f.autoConf, Map.of("nosuch", "1")));
        assertEquals("unrecognized configuration parameter \"nosuch\"", unknown.getMessage());
        GucConfigException invalid = assertThrows(GucConfigException.class,
                () -> f.registry.loadAtStartup(f.conf, f.autoConf, Map.of("port", "abc")));
        assertEquals("invalid value for parameter \"port\": \"abc\"", invalid.getMessage());
        GucConfigException badName = assertThrows(GucConfigException.class,
                () -> f.registry.loadAtStartup(f.conf, f.autoConf, Map.of("a..b", "1")));
        assertEquals("invalid configuration parameter name \"a..b\"", badName.getMessage());
    }

    @Test
    void dottedUnknownNamesBecomePlaceholdersWithTheirSource() throws Exception {
        RegistryFixture f = new RegistryFixture(dir).start("worker_spi.naptime = 5\nmy_ext.Mode = 'fast'\n",
                Map.of("other.flag", "on"));
        assertEquals("5", f.show("worker_spi.naptime"));
        assertEquals("fast", f.show("my_ext.mode"));
        assertEquals("on", f.show("other.flag"));
        assertFalse(f.registry.settings().stream().anyMatch(r -> r.name().equals("worker_spi.naptime")),
                "placeholders are not listed");
    }

    @Test
    void logMinMessagesDrivesTheServerLog() throws Exception {
        RegistryFixture f = new RegistryFixture(dir).start("log_min_messages = error\n", Map.of());
        assertEquals(LogLevel.ERROR, f.log.log.minLevel());
    }

    @Test
    void hostOverridesBeatEverything() throws Exception {
        RegistryFixture f = new RegistryFixture(dir).start("", Map.of());
        f.registry.setOverride("data_directory", dir.toString());
        assertEquals(dir.toString(), f.show("data_directory"));
        assertEquals("override", f.row("data_directory").source());
    }
}
