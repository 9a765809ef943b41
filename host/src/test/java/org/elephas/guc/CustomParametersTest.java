package org.elephas.guc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.elephas.api.LogLevel;
import org.elephas.api.PgException;
import org.elephas.api.guc.GucContext;
import org.elephas.api.guc.GucFlags;
import org.elephas.api.guc.GucUnit;
import org.elephas.api.guc.GucVariable;
import org.elephas.api.guc.Gucs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CustomParametersTest {
    @TempDir
    Path dir;

    private static Gucs.Builder<Integer> naptime() {
        return Gucs.intVariable("worker_spi.naptime", 10).range(1, Integer.MAX_VALUE).unit(GucUnit.S)
                .context(GucContext.SIGHUP).description("Duration between each check (in seconds).");
    }

    @Test
    void nameMustBeTwoOrMoreIdentifiers() throws Exception {
        RegistryFixture f = new RegistryFixture(dir).start("", Map.of());
        for (String bad : List.of("naptime", "worker_spi.", ".x", "a..b", "a.1b", "a.b-c")) {
            PgException e = assertThrows(PgException.class,
                    () -> f.registry.define(Gucs.intVariable(bad, 1).toDefinition()), bad);
            assertEquals("invalid configuration parameter name \"" + bad + "\"", e.getMessage());
            assertEquals("42602", e.sqlState());
            assertEquals(LogLevel.ERROR, e.level());
        }
        assertEquals("a.b$1.c_2", f.registry.define(Gucs.intVariable("a.b$1.c_2", 1).toDefinition()).name());
    }

    @Test
    void listQuoteAndLatePostmasterAreFatal() throws Exception {
        RegistryFixture f = new RegistryFixture(dir).start("", Map.of());
        PgException quote = assertThrows(PgException.class, () -> f.registry.define(
                Gucs.stringVariable("x.list", "").flags(GucFlags.LIST_INPUT | GucFlags.LIST_QUOTE).toDefinition()));
        assertEquals(LogLevel.FATAL, quote.level());
        PgException late = assertThrows(PgException.class, () -> f.registry.define(
                Gucs.intVariable("worker_spi.total_workers", 2).range(1, 100).context(GucContext.POSTMASTER)
                        .toDefinition()));
        assertEquals(LogLevel.FATAL, late.level());
        assertEquals("cannot create PGC_POSTMASTER variables after startup", late.getMessage());
        assertEquals("55P02", late.sqlState());
        f.preloading = true;
        GucVariable<Integer> total = f.registry.define(Gucs.intVariable("worker_spi.total_workers", 2).range(1, 100)
                .context(GucContext.POSTMASTER).toDefinition());
        assertEquals(2, total.get());
    }

    @Test
    void redefiningARealVariableFails() throws Exception {
        RegistryFixture f = new RegistryFixture(dir).start("", Map.of());
        f.registry.define(naptime().toDefinition());
        PgException e = assertThrows(PgException.class, () -> f.registry.define(naptime().toDefinition()));
        assertEquals("attempt to redefine parameter \"worker_spi.naptime\"", e.getMessage());
        assertEquals(LogLevel.ERROR, e.level());
    }

    @Test
    void placeholderValuesAreReappliedWithValidation() throws Exception {
        RegistryFixture f = new RegistryFixture(dir).start("worker_spi.naptime = '1min'\nworker_spi.database = mydb\n"
                + "worker_spi.flag = maybe\n", Map.of());
        List<Integer> assigned = new ArrayList<>();
        GucVariable<Integer> nap = f.registry.define(naptime().assignHook(assigned::add).toDefinition());
        assertEquals(60, nap.get());
        assertEquals(List.of(60), assigned, "the assign hook sees the value that became current");
        assertEquals("1min", f.show("worker_spi.naptime"));
        SettingRow row = f.row("worker_spi.naptime");
        assertEquals("configuration file", row.source());
        assertEquals(1, row.sourceline());
        assertEquals("Customized Options", row.category());
        GucVariable<String> db = f.registry.define(
                Gucs.stringVariable("worker_spi.database", "postgres").context(GucContext.SIGHUP).toDefinition());
        assertEquals("mydb", db.get());
        f.log.take();
        GucVariable<Boolean> flag = f.registry.define(Gucs.boolVariable("worker_spi.flag", true).toDefinition());
        assertEquals(true, flag.get(), "an invalid stored value leaves the default");
        assertTrue(f.log.take().contains("WARNING:  parameter \"worker_spi.flag\" requires a Boolean value\n"));
        assertEquals("default", f.row("worker_spi.flag").source());
    }

    @Test
    void invalidPlaceholderValueWarnsWithTheInvalidValueMessage() throws Exception {
        RegistryFixture f = new RegistryFixture(dir).start("", Map.of("worker_spi.naptime", "5 fortnights"));
        GucVariable<Integer> nap = f.registry.define(naptime().toDefinition());
        assertEquals(10, nap.get());
        String log = f.log.take();
        assertTrue(log.contains("WARNING:  invalid value for parameter \"worker_spi.naptime\": \"5 fortnights\"\n"), log);
        assertTrue(log.contains("HINT:  Valid units for this parameter are"), log);
    }

    @Test
    void checkHookRefusalAtDefinitionWarns() throws Exception {
        RegistryFixture f = new RegistryFixture(dir).start("x.even = 3\n", Map.of());
        GucVariable<Integer> even = f.registry.define(
                Gucs.intVariable("x.even", 2).checkHook((v, src) -> v % 2 == 0).toDefinition());
        assertEquals(2, even.get());
        assertTrue(f.log.text().contains("WARNING:  invalid value for parameter \"x.even\": \"3\"\n"));
    }

    @Test
    void reservedPrefixRemovesPlaceholdersAndRefusesNewOnes() throws Exception {
        RegistryFixture f = new RegistryFixture(dir).start("worker_spi.naptime = 5\nworker_spi.typo = 1\n", Map.of());
        GucSession s = f.registry.newSession(() -> true);
        s.set("worker_spi.other", "x", false);
        f.registry.define(naptime().toDefinition());
        f.log.take();
        f.registry.markPrefixReserved("worker_spi");
        String log = f.log.take();
        assertTrue(log.contains("WARNING:  invalid configuration parameter name \"worker_spi.typo\", removing it\n"),
                log);
        assertTrue(log.contains("DETAIL:  \"worker_spi\" is now a reserved prefix.\n"), log);
        assertTrue(log.contains("\"worker_spi.other\", removing it"), log);
        assertTrue(!log.contains("worker_spi.naptime"), "a defined parameter stays");
        assertNull(f.show("worker_spi.typo"));
        assertNull(s.show("worker_spi.other"));
        assertEquals("5s", s.show("worker_spi.naptime"));
        PgException e = assertThrows(PgException.class, () -> s.set("worker_spi.typo2", "1", false));
        assertEquals("invalid configuration parameter name \"worker_spi.typo2\"", e.getMessage());
        assertEquals("\"worker_spi\" is a reserved prefix.", e.detail());
        assertEquals("42602", e.sqlState());
        assertThrows(PgException.class, () -> f.registry.alterSystem("worker_spi.typo3", "1"));
    }

    @Test
    void undefineOwnerForgetsExactlyWhatThatOwnerDefinedAndReserved() throws Exception {
        RegistryFixture f = new RegistryFixture(dir).start("worker_spi.naptime = 5\n", Map.of());
        Object[] owner = {1L};
        f.registry.setDefinerLookup(() -> owner[0]);
        f.registry.define(naptime().toDefinition());
        f.registry.markPrefixReserved("worker_spi");
        owner[0] = 2L;
        f.registry.define(Gucs.stringVariable("other.name", "x").toDefinition());
        f.registry.undefineOwner(1L);
        assertEquals("5", f.show("worker_spi.naptime"), "a placeholder again, keeping its string");
        assertEquals("x", f.show("other.name"), "another owner's parameter stays defined");
        GucSession s = f.registry.newSession(() -> true);
        s.set("worker_spi.typo", "1", false); // the prefix is released
        owner[0] = 1L;
        GucVariable<Integer> again = f.registry.define(naptime().toDefinition());
        assertEquals(5, again.get(), "defined again without \"attempt to redefine parameter\"");
        PgException e = assertThrows(PgException.class,
                () -> f.registry.define(Gucs.stringVariable("other.name", "y").toDefinition()));
        assertEquals("attempt to redefine parameter \"other.name\"", e.getMessage());
    }

    @Test
    void undefinePrefixTurnsDefinitionsBackIntoPlaceholders() throws Exception {
        RegistryFixture f = new RegistryFixture(dir).start("worker_spi.naptime = 5\n", Map.of());
        GucSession s = f.registry.newSession(() -> true);
        f.registry.define(Gucs.stringVariable("worker_spi.role", null).toDefinition());
        s.set("worker_spi.role", "alice", false);
        f.registry.define(naptime().toDefinition());
        f.registry.markPrefixReserved("worker_spi");
        f.registry.undefinePrefix("worker_spi");
        assertEquals("5", f.show("worker_spi.naptime"), "a placeholder again, keeping its string");
        assertEquals("alice", s.show("worker_spi.role"));
        s.set("worker_spi.new", "ok", false); // no longer reserved
        GucVariable<Integer> nap = f.registry.define(naptime().toDefinition());
        assertEquals(5, nap.get());
        f.current.set(s);
        try {
            GucVariable<String> role = f.registry.define(Gucs.stringVariable("worker_spi.role", null).toDefinition());
            assertEquals("alice", role.get(), "the session's SET survives the bundle's reload");
        } finally {
            f.current.remove();
        }
    }

    @Test
    void nullStringDefaultReadsAsNullAndShowsEmpty() throws Exception {
        RegistryFixture f = new RegistryFixture(dir).start("", Map.of());
        GucVariable<String> role = f.registry.define(Gucs.stringVariable("worker_spi.role", null).toDefinition());
        assertNull(role.get());
        assertEquals("", f.registry.show("worker_spi.role"));
    }
}
