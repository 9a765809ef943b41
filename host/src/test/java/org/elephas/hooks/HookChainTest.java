package org.elephas.hooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.elephas.api.PgException;
import org.elephas.api.SqlState;
import org.elephas.api.hooks.ExecutorEndHook;
import org.elephas.api.hooks.ExecutorRunHook;
import org.elephas.api.hooks.ExecutorStartHook;
import org.elephas.api.hooks.HookRegistration;
import org.elephas.api.hooks.PostParseAnalyzeHook;
import org.elephas.api.hooks.ProcessUtilityHook;
import org.elephas.fixtures.hooks.HookExtension;
import org.elephas.testing.FixtureBundles;
import org.elephas.testing.SqlClient;
import org.elephas.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;

/** Hook chains around the real pipeline: order, wrap/replace, errors, statistics, unloading. */
class HookChainTest {
    @TempDir
    static Path root;
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(root, Map.of());
        FixtureBundles.build(root.resolve("home/bundles"), "fx_hooks", HookExtension.class);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static <H> HookRegistration install(Class<H> kind, H hook, String owner) {
        return server.postmaster().hooks().install(kind, hook, new HookOwner(-2, owner, owner));
    }

    @Test
    void theHookInstalledLastIsCalledFirstAndSeesTheQueryId() {
        List<String> calls = new CopyOnWriteArrayList<>();
        List<Long> ids = new CopyOnWriteArrayList<>();
        try (HookRegistration a = install(PostParseAnalyzeHook.class, (q, next) -> {
            calls.add("a");
            next.postParseAnalyze(q);
        }, "a"); HookRegistration b = install(PostParseAnalyzeHook.class, (q, next) -> {
            calls.add("b");
            ids.add(q.queryId());
            next.postParseAnalyze(q);
        }, "b"); SqlClient c = server.connect()) {
            c.exec("select 1 where 1 = 1");
            c.exec("select 2 where 1 = 3");
            c.exec("select 2 where x = 3 and 1 = 1".replace("x", "2"));
            assertEquals(List.of("b", "a", "b", "a", "b", "a"), calls);
            assertEquals(ids.get(0), ids.get(1), "constants do not change the query id");
            assertNotEquals(ids.get(0), ids.get(2));
        }
    }

    @Test
    void aHookMayReplaceTheRestOfTheChainOrActAroundIt() {
        List<Long> processed = new CopyOnWriteArrayList<>();
        try (HookRegistration after = install(ExecutorEndHook.class, (qd, next) -> {
            processed.add(qd.processed());
            next.executorEnd(qd);
        }, "after"); HookRegistration replace = install(ProcessUtilityHook.class,
                (ps, text, ro, ctx, params, dest, qc, next) -> {
                    if (text.equalsIgnoreCase("show answer")) {
                        org.elephas.utility.TextRows.send(dest, List.of("answer"), List.<String[]>of(new String[] {"42"}));
                        qc.set("SHOW");
                        return;
                    }
                    next.processUtility(ps, text, ro, ctx, params, dest, qc);
                }, "replace"); SqlClient c = server.connect()) {
            assertEquals("42", c.value("show answer"));
            assertEquals("on", c.value("show standard_conforming_strings"), "other statements pass on");
            c.rows("select * from generate_series(1, 3)");
            assertEquals(List.of(3L), processed, "ExecutorEnd saw the rows the executor produced");
        }
    }

    @Test
    void theExecutorTimesAStatementOnlyWhenAHookAsksAndOnceForAllThatAsk() {
        AtomicBoolean ask = new AtomicBoolean();
        List<Boolean> instrumentedBefore = new CopyOnWriteArrayList<>();
        List<Long> seen = new CopyOnWriteArrayList<>();
        ExecutorStartHook asking = (qd, eflags, next) -> {
            next.executorStart(qd, eflags);
            instrumentedBefore.add(qd.totalTimeInstrumented());
            if (ask.get()) {
                qd.instrumentTotalTime();
            }
        };
        try (HookRegistration first = install(ExecutorStartHook.class, asking, "first");
                HookRegistration second = install(ExecutorStartHook.class, asking, "second");
                HookRegistration end = install(ExecutorEndHook.class, (qd, next) -> {
                    seen.add(qd.totalTimeInstrumented() ? qd.totalTimeNanos() : -1L);
                    next.executorEnd(qd);
                }, "end"); SqlClient c = server.connect()) {
            c.rows("select count(*) from generate_series(1, 20000)");
            assertEquals(List.of(-1L), seen, "nobody asked: not timed");

            ask.set(true);
            long started = System.nanoTime();
            c.rows("select count(*) from generate_series(1, 20000)");
            long wall = System.nanoTime() - started;
            assertEquals(List.of(false, false, false, true), instrumentedBefore,
                    "the second hook to ask finds the timer the first one asked for");
            long nanos = seen.get(1);
            assertTrue(nanos > 0 && nanos < wall, () -> "timed " + nanos + " ns of a statement that took " + wall);
        }
    }

    @Test
    void aFailingHookFailsOnlyThatStatementAndCountsItsError() {
        AtomicBoolean fail = new AtomicBoolean(true);
        try (HookRegistration outer = install(ExecutorRunHook.class, (qd, n, once, next) -> next.executorRun(qd, n, once),
                "outer"); HookRegistration failing = install(ExecutorRunHook.class, (qd, n, once, next) -> {
                    if (fail.get() && qd.sourceText().contains("boom")) {
                        throw new IllegalStateException("boom");
                    }
                    next.executorRun(qd, n, once);
                }, "failing"); SqlClient c = server.connect()) {
            PgException e = c.error("select 'boom'");
            assertEquals(SqlState.INTERNAL_ERROR, e.sqlState());
            assertTrue(e.getMessage().startsWith("ExecutorRun hook of extension \"failing\" failed"), e.getMessage());
            assertEquals(1, c.value("select 1"), "the session goes on");
            List<List<Object>> rows = c.rows(
                    "select extension, position, errors from elephas_hooks where hook = 'ExecutorRun' order by position");
            assertEquals(List.of(List.of("failing", 1, 1L), List.of("outer", 2, 0L)), rows,
                    "the error counts where it was raised, not in the hook it passed through");
        }
    }

    @Test
    void checkPasswordSeesPasswordsAsGivenAndMayRejectThem() {
        List<String> seen = new CopyOnWriteArrayList<>();
        try (HookRegistration h = install(org.elephas.api.hooks.CheckPasswordHook.class,
                (user, pass, type, until, next) -> {
                    seen.add(user + "/" + type);
                    if (type == org.elephas.api.hooks.PasswordType.PLAINTEXT && pass.length() < 8) {
                        throw PgException.error(SqlState.INVALID_PARAMETER_VALUE, "password is too short");
                    }
                    next.checkPassword(user, pass, type, until);
                }, "passwordcheck"); SqlClient c = server.connect()) {
            PgException e = c.error("create role pw_short login password 'abc'");
            assertEquals("password is too short", e.getMessage());
            assertEquals(SqlState.INVALID_PARAMETER_VALUE, e.sqlState());
            assertEquals(0L, c.value("select count(*) from pg_roles where rolname = 'pw_short'"), "not created");
            assertEquals("CREATE ROLE", c.exec("create role pw_long login password 'long enough'"));
            assertEquals("ALTER ROLE", c.exec("alter role pw_long password 'md5" + "0".repeat(32) + "'"));
            assertEquals(List.of("pw_short/PLAINTEXT", "pw_long/PLAINTEXT", "pw_long/MD5"), seen);
            c.exec("drop role pw_long");
        }
    }

    @Test
    void emitLogSeesReportsAndMayKeepThemFromTheLog() {
        List<String> seen = new CopyOnWriteArrayList<>();
        try (HookRegistration h = install(org.elephas.api.hooks.EmitLogHook.class, (edata, next) -> {
            if (edata.message().contains("hidden_table")) {
                seen.add(edata.level() + " " + edata.sqlState() + " " + edata.statement());
                edata.setOutputToServer(false);
            }
            next.emitLog(edata);
        }, "logfilter"); SqlClient c = server.connect()) {
            c.error("select * from hidden_table");
            c.error("select * from shown_table");
            server.log().await("relation \"shown_table\" does not exist", TestServer.PATIENCE);
            assertEquals(List.of("ERROR 42P01 select * from hidden_table"), seen);
            assertEquals(0, server.log().count(".*hidden_table.*"), "the hook kept it out of the log");
        }
    }

    @Test
    void clientAuthenticationSeesEachConnectionAndMayRejectIt() {
        List<String> seen = new CopyOnWriteArrayList<>();
        try (HookRegistration h = install(org.elephas.api.hooks.ClientAuthenticationHook.class,
                (port, status, next) -> {
                    seen.add(port.userName() + "@" + port.databaseName() + " " + port.authMethod() + " " + status);
                    if (port.userName().equals("blocked")) {
                        throw PgException.fatal(SqlState.INVALID_AUTHORIZATION_SPECIFICATION, "blocked by hook");
                    }
                    next.clientAuthentication(port, status);
                }, "authcheck")) {
            server.connect().close();
            PgException e = org.junit.jupiter.api.Assertions.assertThrows(PgException.class,
                    () -> server.connect("postgres", "blocked"));
            assertEquals("blocked by hook", e.getMessage());
            assertEquals(List.of("postgres@postgres trust OK", "blocked@postgres trust OK"), seen);
        }
    }

    @Test
    void elephasHooksShowsEachLinkWithItsCalls() {
        try (HookRegistration h = install(PostParseAnalyzeHook.class, (q, next) -> next.postParseAnalyze(q), "counted");
                SqlClient c = server.connect()) {
            for (int i = 0; i < 5; i++) {
                c.exec("select " + i);
            }
            Object calls = c.value("select calls from elephas_hooks where extension = 'counted'");
            assertTrue((Long) calls >= 5, "calls " + calls);
        }
        try (SqlClient c = server.connect()) {
            assertEquals(0L, c.value("select count(*) from elephas_hooks where extension = 'counted'"), "removed");
        }
    }

    /**
     * Stopping a hook bundle while four sessions run statements through its hooks: no statement
     * fails, its links leave every chain, and the rest of the chain keeps working.
     */
    @Test
    void stoppingAHookBundleUnderLoadFailsNoStatement() throws Exception {
        List<String> host = new CopyOnWriteArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (HookRegistration remaining = install(PostParseAnalyzeHook.class, (q, next) -> {
            host.add("x");
            next.postParseAnalyze(q);
        }, "remaining"); SqlClient admin = server.connect()) {
            admin.exec("LOAD 'fx_hooks'");
            Bundle bundle = server.postmaster().library().loaded("fx_hooks").orElseThrow();
            admin.exec("create table if not exists load_t(id int)");
            AtomicBoolean running = new AtomicBoolean(true);
            List<Future<Integer>> clients = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                clients.add(pool.submit(() -> {
                    int n = 0;
                    try (SqlClient c = server.connect()) {
                        while (running.get() || n < 50) {
                            c.exec(n % 2 == 0 ? "insert into load_t values (1)" : "select count(*) from load_t");
                            n++;
                        }
                    }
                    return n;
                }));
            }
            server.awaitTrue("statements go through fx_hooks", () -> admin.rows(
                    "select calls from elephas_hooks where extension = 'fx_hooks' and hook = 'ExecutorRun'").stream()
                    .anyMatch(r -> (Long) r.get(0) > 100));
            bundle.stop();
            running.set(false);
            for (Future<Integer> f : clients) {
                assertTrue(f.get(60, TimeUnit.SECONDS) >= 50, "every client's statements succeeded");
            }
            assertEquals(0L, admin.value("select count(*) from elephas_hooks where extension = 'fx_hooks'"));
            int before = host.size();
            admin.exec("select 1");
            assertEquals(before + 1, host.size(), "the remaining chain is intact");
        } finally {
            pool.shutdownNow();
        }
    }
}
