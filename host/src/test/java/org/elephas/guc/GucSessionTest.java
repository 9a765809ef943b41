package org.elephas.guc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.elephas.api.PgException;
import org.elephas.api.guc.GucContext;
import org.elephas.api.guc.GucVariable;
import org.elephas.api.guc.Gucs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GucSessionTest {
    @TempDir
    Path dir;

    private static PgException setFails(GucSession s, String name, String value) {
        return assertThrows(PgException.class, () -> s.set(name, value, false));
    }

    @Test
    void contextsDecideWhoMaySetWhat() throws Exception {
        RegistryFixture f = new RegistryFixture(dir).start("", Map.of());
        AtomicBoolean su = new AtomicBoolean(false);
        GucSession s = f.registry.newSession(su::get);
        PgException pm = setFails(s, "port", "1");
        assertEquals("parameter \"port\" cannot be changed without restarting the server", pm.getMessage());
        assertEquals("55P02", pm.sqlState());
        PgException hup = setFails(s, "deploy_directory", "x");
        assertEquals("parameter \"deploy_directory\" cannot be changed now", hup.getMessage());
        assertEquals("55P02", hup.sqlState());
        PgException internal = setFails(s, "server_version", "16");
        assertEquals("parameter \"server_version\" cannot be changed", internal.getMessage());
        PgException perm = setFails(s, "log_min_messages", "debug1");
        assertEquals("permission denied to set parameter \"log_min_messages\"", perm.getMessage());
        assertEquals("42501", perm.sqlState());
        PgException unknown = setFails(s, "nosuch", "1");
        assertEquals("unrecognized configuration parameter \"nosuch\"", unknown.getMessage());
        assertEquals("42704", unknown.sqlState());
        PgException badValue = setFails(s, "max_connections", "many");
        assertEquals("parameter \"max_connections\" cannot be changed without restarting the server",
                badValue.getMessage(), "the context is checked before the value");
        su.set(true);
        s.set("log_min_messages", "DEBUG1", false);
        assertEquals("debug1", s.show("log_min_messages"));
        assertEquals("warning", f.show("log_min_messages"), "a SET stays in its backend");
    }

    @Test
    void backendParametersOnlyAtConnectionStart() throws Exception {
        RegistryFixture f = new RegistryFixture(dir).start("", Map.of());
        f.preloading = true;
        f.registry.define(Gucs.boolVariable("ext.backend", false).context(GucContext.BACKEND).toDefinition());
        f.registry.define(Gucs.boolVariable("ext.su_backend", false).context(GucContext.SU_BACKEND).toDefinition());
        GucSession s = f.registry.newSession(() -> false);
        s.setAtConnectionStart("ext.backend", "on");
        PgException su = assertThrows(PgException.class, () -> s.setAtConnectionStart("ext.su_backend", "on"));
        assertEquals("permission denied to set parameter \"ext.su_backend\"", su.getMessage());
        s.connectionStarted();
        assertEquals("on", s.show("ext.backend"));
        assertEquals("client", s.settings().stream().filter(r -> r.name().equals("ext.backend")).findFirst()
                .orElseThrow().source());
        PgException after = setFails(s, "ext.backend", "off");
        assertEquals("parameter \"ext.backend\" cannot be set after connection start", after.getMessage());
        assertEquals("55P02", after.sqlState());
    }

    @Test
    void setShowResetAndLocal() throws Exception {
        RegistryFixture f = new RegistryFixture(dir).start("application_name = 'fromfile'\n", Map.of());
        GucSession s = f.registry.newSession(() -> false);
        assertEquals("fromfile", s.show("Application_Name"));
        s.set("application_name", "psql", false);
        assertEquals("psql", s.show("application_name"));
        SettingRow row = s.settings().stream().filter(r -> r.name().equals("application_name")).findFirst()
                .orElseThrow();
        assertEquals("session", row.source());
        assertEquals("fromfile", row.resetVal());
        s.set("application_name", "tx", true);
        assertEquals("tx", s.show("application_name"));
        s.endTransaction();
        assertEquals("psql", s.show("application_name"));
        s.reset("application_name");
        assertEquals("fromfile", s.show("application_name"));
        s.set("application_name", "again", false);
        s.resetAll();
        assertEquals("fromfile", s.show("application_name"));
        s.set("application_name", "x", false);
        s.set("application_name", null, false); // SET ... TO DEFAULT
        assertEquals("fromfile", s.show("application_name"));
    }

    @Test
    void unknownDottedNamesBecomeSessionPlaceholders() throws Exception {
        RegistryFixture f = new RegistryFixture(dir).start("", Map.of());
        GucSession a = f.registry.newSession(() -> false);
        GucSession b = f.registry.newSession(() -> false);
        a.set("my_ext.Level", "3", false);
        assertEquals("3", a.show("my_ext.level"));
        assertNull(b.show("my_ext.level"), "a placeholder set in one backend is not seen by another");
        assertNull(f.show("my_ext.level"));
        PgException bad = setFails(a, "my_ext..x", "1");
        assertEquals("invalid configuration parameter name \"my_ext..x\"", bad.getMessage());
    }

    @Test
    void sessionSetsOfAPlaceholderAreValidatedWhenDefined() throws Exception {
        RegistryFixture f = new RegistryFixture(dir).start("", Map.of());
        GucSession good = f.registry.newSession(() -> false);
        GucSession bad = f.registry.newSession(() -> false);
        GucSession hup = f.registry.newSession(() -> false);
        good.set("my_ext.level", "3", false);
        bad.set("my_ext.level", "lots", false);
        hup.set("my_ext.mode", "fast", false);
        f.log.take();
        GucVariable<Integer> level = f.registry.define(Gucs.intVariable("my_ext.level", 1).toDefinition());
        f.registry.define(Gucs.stringVariable("my_ext.mode", "slow").context(GucContext.SIGHUP).toDefinition());
        String log = f.log.take();
        assertTrue(log.contains("WARNING:  invalid value for parameter \"my_ext.level\": \"lots\"\n"), log);
        assertTrue(log.contains("WARNING:  parameter \"my_ext.mode\" cannot be changed now\n"), log);
        assertEquals("3", good.show("my_ext.level"));
        assertEquals("1", bad.show("my_ext.level"));
        assertEquals("slow", hup.show("my_ext.mode"));
        f.current.set(good);
        assertEquals(3, level.get());
        f.current.set(bad);
        assertEquals(1, level.get());
        f.current.remove();
        assertEquals(1, level.get(), "no backend: the global value");
    }

    @Test
    void aSuperuserOnlyParameterRefusesAPlaceholderSetByOthers() throws Exception {
        RegistryFixture f = new RegistryFixture(dir).start("", Map.of());
        GucSession user = f.registry.newSession(() -> false);
        GucSession admin = f.registry.newSession(() -> true);
        user.set("my_ext.secret", "u", false);
        admin.set("my_ext.secret", "a", false);
        f.registry.define(Gucs.stringVariable("my_ext.secret", "none").context(GucContext.SUSET).toDefinition());
        assertEquals("none", user.show("my_ext.secret"));
        assertEquals("a", admin.show("my_ext.secret"));
        assertTrue(f.log.text().contains("WARNING:  permission denied to set parameter \"my_ext.secret\""));
    }

    @Test
    void aBackendSeesAReloadOnlyOnceItAdoptsIt() throws Exception {
        RegistryFixture f = new RegistryFixture(dir).start("worker_spi.naptime = 10\n", Map.of());
        GucVariable<Integer> nap = f.registry.define(Gucs.intVariable("worker_spi.naptime", 10).range(1, 1000)
                .context(GucContext.SIGHUP).toDefinition());
        GucSession worker = f.registry.newSession(() -> true);
        f.current.set(worker);
        try {
            f.writeConf("worker_spi.naptime = 20\n");
            f.registry.reload();
            assertEquals(10, nap.get(), "not processed yet");
            assertEquals("10", worker.show("worker_spi.naptime"));
            assertTrue(worker.adoptLatest());
            assertEquals(20, nap.get());
            assertEquals(f.registry.generation(), worker.adoptedGeneration());
            assertFalse(worker.adoptLatest(), "nothing newer");
        } finally {
            f.current.remove();
        }
        assertEquals(20, nap.get());
    }

    @Test
    void closedSessionsAreForgotten() throws Exception {
        RegistryFixture f = new RegistryFixture(dir).start("", Map.of());
        GucSession s = f.registry.newSession(() -> false);
        s.set("my_ext.x", "bad", false);
        s.close();
        f.log.take();
        f.registry.define(Gucs.intVariable("my_ext.x", 1).toDefinition());
        assertEquals("", f.log.take(), "a closed session is not revalidated");
    }
}
