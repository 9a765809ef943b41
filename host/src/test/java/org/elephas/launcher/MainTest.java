package org.elephas.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Main's answers that never start a server. */
class MainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Map<String, String> environment, String... args) {
        return Main.run(args, environment, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void version() {
        assertEquals(0, run(Map.of(), "--version"));
        assertEquals("elephas (Elephas) " + Version.elephas() + "\nmodelled on PostgreSQL 15\n", out());
        assertEquals("", err());
        assertTrue(Version.elephas().matches("\\d+\\.\\d+\\.\\d+.*"), Version.elephas());
    }

    @Test
    void help() {
        assertEquals(0, run(Map.of(), "--help"));
        assertTrue(out().startsWith("elephas is the Elephas server"), out());
        assertTrue(out().contains("  -D DATADIR         database directory\n"), out());
        assertTrue(out().contains("  -c NAME=VALUE      set run-time parameter\n"), out());
        assertEquals("", err());
    }

    @Test
    void badOption() {
        assertEquals(1, run(Map.of(), "-D", "x", "-q"));
        assertEquals("elephas: invalid option -- 'q'\nTry \"elephas --help\" for more information.\n", err());
        assertEquals("", out());
    }

    @Test
    void noDataDirectory() {
        assertEquals(1, run(Map.of("PGDATA", "")));
        assertEquals("elephas does not know where to find the server configuration file.\n"
                + "You must specify the -D invocation option or set the ELEPHAS_DATA or PGDATA environment variable.\n",
                err());
    }
}
