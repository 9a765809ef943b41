package org.elephas.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.elephas.api.Datum;
import org.elephas.api.PgException;
import org.elephas.api.bgworker.BackgroundWorker;
import org.elephas.api.bgworker.BackgroundWorkers;
import org.elephas.api.bgworker.BgWorkerFlags;
import org.elephas.api.bgworker.BgWorkerStartTime;
import org.elephas.api.bgworker.BgwHandleStatus;
import org.elephas.api.hooks.ExecutorStartHook;
import org.elephas.api.hooks.HookRegistration;
import org.elephas.api.hooks.PostParseAnalyzeHook;
import org.elephas.api.hooks.ProcessUtilityHook;
import org.elephas.backend.BackendThread;
import org.elephas.fixtures.explain.ExplainFixtureExtension;
import org.elephas.fixtures.ext.SpiWorkers;
import org.elephas.fixtures.ext.SqlExtension;
import org.elephas.hooks.HookOwner;
import org.elephas.testing.FixtureBundles;
import org.elephas.testing.SqlClient;
import org.elephas.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The nesting levels the pipeline keeps for every extension ({@link NestingLevels}), as hooks
 * see them on the statement: pg_stat_statements' level ({@code Query.nestingLevel()},
 * {@code QueryDesc.nestingLevel()}: planner, ExecutorRun, ExecutorFinish and ProcessUtility
 * calls in progress) and auto_explain's ({@code QueryDesc.executorNestingLevel()}: ExecutorRun
 * and ExecutorFinish only), with nothing chained to those four stages; and that clients and
 * workers run their statements on the host's {@code BackendThread}s.
 */
class NestingLevelTest {
    @TempDir
    static Path root;
    static TestServer server;

    /** What the hooks saw: "analyse|text|level", "start|text|level|executor level", "utility|text|level". */
    private final List<String> seen = new CopyOnWriteArrayList<>();
    private final List<HookRegistration> hooks = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        Path bundles = java.nio.file.Files.createDirectories(root.resolve("home/bundles"));
        FixtureBundles.build(bundles, "fx_explain", ExplainFixtureExtension.class,
                Map.of("sql/fx_explain--1.0.sql", ExplainFixtureExtension.SCRIPT));
        FixtureBundles.build(bundles, "fx_nest", SqlExtension.class,
                Map.of("sql/fx_nest--1.0.sql", "CREATE TABLE fx_nest_t (a int4);\nINSERT INTO fx_nest_t VALUES (1);\n"));
        FixtureBundles.build(bundles, "fx_spiw", SqlExtension.class);
        server = TestServer.start(root, Map.of("max_worker_processes", "4", "listen_addresses", "127.0.0.1", "port", "0"));
        try (SqlClient c = server.connect()) {
            c.exec("CREATE EXTENSION fx_explain");
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void installRecorders() {
        HookOwner owner = new HookOwner(-2, "levels", "levels");
        hooks.add(server.postmaster().hooks().install(PostParseAnalyzeHook.class, (q, next) -> {
            seen.add("analyse|" + q.sourceText() + "|" + q.nestingLevel());
            seen.add("thread|" + q.sourceText() + "|" + (Thread.currentThread() instanceof BackendThread));
            next.postParseAnalyze(q);
        }, owner));
        hooks.add(server.postmaster().hooks().install(ExecutorStartHook.class, (qd, flags, next) -> {
            seen.add("start|" + qd.sourceText() + "|" + qd.nestingLevel() + "|" + qd.executorNestingLevel());
            next.executorStart(qd, flags);
        }, owner));
        hooks.add(server.postmaster().hooks().install(ProcessUtilityHook.class,
                (ps, text, ro, ctx, params, dest, qc, next) -> {
                    seen.add("utility|" + text + "|" + ps.query().nestingLevel());
                    next.processUtility(ps, text, ro, ctx, params, dest, qc);
                }, owner));
    }

    @AfterEach
    void removeRecorders() {
        hooks.forEach(HookRegistration::close);
    }

    @Test
    void aClientStatementIsAtLevelZero() {
        try (SqlClient c = server.connect()) {
            c.rows("select 1");
            c.exec("set application_name = 'levels'");
        }
        assertTrue(seen.containsAll(List.of("analyse|select 1|0", "start|select 1|0|0", "analyse|set application_name = 'levels'|0",
                "utility|set application_name = 'levels'|0")), seen.toString());
    }

    @Test
    void spiFromAFunctionIsNestedForBothCounts() {
        try (SqlClient c = server.connect()) {
            c.rows("select fx_nested('select 2')");
            assertThrows(PgException.class, () -> c.rows("select fx_nested('select 1/0')"));
            c.rows("select 3");
        }
        assertTrue(seen.containsAll(List.of("start|select fx_nested('select 2')|0|0", "analyse|select 2|1",
                "start|select 2|1|1")), seen.toString());
        assertTrue(seen.contains("start|select 3|0|0"), "back at 0 after a nested statement failed: " + seen);
    }

    @Test
    void anExtensionScriptIsNestedInItsUtilityButNotInTheExecutor() {
        try (SqlClient c = server.connect()) {
            c.exec("CREATE EXTENSION fx_nest");
        }
        assertTrue(seen.containsAll(List.of("utility|CREATE EXTENSION fx_nest|0", "analyse|CREATE TABLE fx_nest_t (a int4)|1",
                "start|INSERT INTO fx_nest_t VALUES (1)|1|0")), seen.toString());
    }

    @Test
    void aBackgroundWorkersOwnStatementsAreAtLevelZero() {
        BackgroundWorker w = BackgroundWorker.builder().name("fx levels").type("fx levels")
                .flags(BgWorkerFlags.SHMEM_ACCESS | BgWorkerFlags.BACKEND_DATABASE_CONNECTION)
                .startTime(BgWorkerStartTime.RECOVERY_FINISHED).restartTime(BackgroundWorker.BGW_NEVER_RESTART)
                .libraryName("fx_spiw").functionName(SpiWorkers.class.getName() + ".connectAndQuery")
                .mainArg(Datum.ofInt32(0)).extra("name|postgres||0".getBytes(StandardCharsets.UTF_8)).build();
        var handle = BackgroundWorkers.registerDynamicBackgroundWorker(w).orElseThrow();
        assertEquals(BgwHandleStatus.STOPPED, handle.waitForShutdown());
        assertTrue(seen.containsAll(List.of("analyse|SELECT 1|0", "start|SELECT 1|0|0")), seen.toString());
        assertTrue(seen.contains("thread|SELECT 1|true"), "a worker runs on a backend thread: " + seen);
    }

    @Test
    void aWireClientRunsOnABackendThread() throws Exception {
        java.util.Properties p = new java.util.Properties();
        p.setProperty("user", "postgres");
        p.setProperty("preferQueryMode", "simple");
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(server.jdbcUrl("postgres"), p);
                java.sql.Statement s = c.createStatement()) {
            s.execute("select 41");
        }
        assertTrue(seen.containsAll(List.of("analyse|select 41|0", "thread|select 41|true")), seen.toString());
    }
}
