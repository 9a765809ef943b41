package org.elephas.guc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.elephas.api.PgException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlterSystemTest {
    @TempDir
    Path dir;

    @Test
    void roundTripThroughTheAutoFileAndReload() throws Exception {
        RegistryFixture f = new RegistryFixture(dir).start("deploy_directory = 'fromconf'\n", Map.of());
        f.registry.alterSystem("DEPLOY_DIRECTORY", "it's a \\ path");
        f.registry.alterSystem("bgworker_shutdown_timeout", "5s");
        f.registry.alterSystem("my_ext.level", "3");
        assertEquals("fromconf", f.show("deploy_directory"), "nothing changes before a reload");
        assertEquals(AutoConfFile.HEADER + "deploy_directory = 'it''s a \\\\ path'\n"
                + "bgworker_shutdown_timeout = '5s'\nmy_ext.level = '3'\n", Files.readString(f.autoConf));
        f.registry.reload();
        assertEquals("it's a \\ path", f.show("deploy_directory"));
        assertEquals("5s", f.show("bgworker_shutdown_timeout"));
        assertEquals("3", f.show("my_ext.level"));
        assertEquals(f.autoConf.toString(), f.row("deploy_directory").sourcefile());
        // Replace in place, then reset one, then all.
        f.registry.alterSystem("bgworker_shutdown_timeout", "7s");
        f.registry.alterSystem("deploy_directory", null);
        assertEquals(AutoConfFile.HEADER + "bgworker_shutdown_timeout = '7s'\nmy_ext.level = '3'\n",
                Files.readString(f.autoConf));
        f.registry.reload();
        assertEquals("fromconf", f.show("deploy_directory"));
        f.registry.alterSystem("all", null);
        assertEquals(AutoConfFile.HEADER, Files.readString(f.autoConf));
        assertFalse(Files.exists(f.autoConf.resolveSibling("elephas.auto.conf.tmp")));
    }

    @Test
    void refusals() throws Exception {
        RegistryFixture f = new RegistryFixture(dir).start("", Map.of());
        PgException unknown = assertThrows(PgException.class, () -> f.registry.alterSystem("nosuch", "1"));
        assertEquals("unrecognized configuration parameter \"nosuch\"", unknown.getMessage());
        assertEquals("42704", unknown.sqlState());
        PgException internal = assertThrows(PgException.class, () -> f.registry.alterSystem("server_version", "16"));
        assertEquals("parameter \"server_version\" cannot be changed", internal.getMessage());
        assertEquals("55P02", internal.sqlState());
        PgException invalid = assertThrows(PgException.class, () -> f.registry.alterSystem("port", "70000"));
        assertEquals("70000 is outside the valid range for parameter \"port\" (0 .. 65535)", invalid.getMessage());
        PgException newline = assertThrows(PgException.class,
                () -> f.registry.alterSystem("application_name", "a\nb"));
        assertEquals("parameter value for ALTER SYSTEM must not contain a newline", newline.getMessage());
        assertFalse(Files.exists(f.autoConf), "nothing was written");
    }

    @Test
    void aDamagedAutoFileIsNotOverwritten() throws Exception {
        RegistryFixture f = new RegistryFixture(dir).start("", Map.of());
        Files.writeString(f.autoConf, "port = = 1\n");
        PgException e = assertThrows(PgException.class, () -> f.registry.alterSystem("port", "6000"));
        assertEquals("could not parse contents of file \"" + f.autoConf + "\"", e.getMessage());
        assertTrue(Files.readString(f.autoConf).startsWith("port = = 1"));
    }
}
