package org.elephas.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.elephas.api.LogLevel;
import org.elephas.api.PgException;
import org.elephas.api.SqlState;
import org.elephas.api.bgworker.BackgroundWorker;
import org.elephas.api.bgworker.BackgroundWorkerHandle;
import org.elephas.api.bgworker.BackgroundWorkers;
import org.elephas.api.bgworker.BgWorkerFlags;
import org.elephas.api.bgworker.BgWorkerStartTime;
import org.elephas.api.bgworker.BgwHandleStatus;
import org.elephas.fixtures.workers.FixtureWorkers;
import org.elephas.session.Notice;
import org.elephas.testing.SqlClient;
import org.elephas.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The system functions through real sessions: configuration, identity, version, reload, and
 * signalling other backends with PostgreSQL 15's permission rules and messages.
 */
class SystemFunctionsTest {
    /** Billions of rows to look at: runs until cancelled, and the engine checks for cancel as it goes. */
    private static final String SLOW = "select count(*) from nums a, nums b, nums c where a.x + b.x + c.x = 7";

    @TempDir
    static Path root;
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(root, Map.of("shared_preload_bundles", "fx_lib", "max_worker_processes", "4"));
        TestRoles.create(server, "alice");
        TestRoles.create(server, "bob");
        try (SqlClient c = server.connect()) {
            c.exec("create table nums(x int)");
            c.exec("insert into nums select * from system_range(1, 2000)");
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static int pid(SqlClient c) {
        return c.session().backend().pid();
    }

    private static CompletableFuture<PgException> runAsync(SqlClient c, String sql) {
        CompletableFuture<PgException> done = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                c.run(sql);
                done.complete(null);
            } catch (PgException e) {
                done.complete(e);
            } catch (RuntimeException | Error e) {
                done.completeExceptionally(e);
            }
        }, "test client " + pid(c));
        t.setDaemon(true);
        t.start();
        return done;
    }

    private static void awaitRunning(SqlClient observer, int pid, String query) {
        server.awaitTrue("PID " + pid + " running " + query, () -> !observer.rows(
                "select pid from pg_stat_activity where pid = " + pid + " and state = 'active' and query = '"
                        + query.replace("'", "''") + "'").isEmpty());
    }

    private static Notice lastWarning(SqlClient c) {
        List<Notice> notices = c.notices();
        for (int i = notices.size() - 1; i >= 0; i--) {
            if (notices.get(i).level() == LogLevel.WARNING) {
                return notices.get(i);
            }
        }
        throw new AssertionError("no warning in " + notices);
    }

    @Test
    void currentSettingReadsTheSessionsValues() {
        try (SqlClient c = server.connect()) {
            assertEquals("15.0", c.value("select current_setting('server_version')"));
            c.exec("set application_name = 'probe'");
            assertEquals("probe", c.value("select current_setting('APPLICATION_NAME')"));
            PgException unknown = c.error("select current_setting('no_such_thing')");
            assertEquals(SqlState.UNDEFINED_OBJECT, unknown.sqlState());
            assertEquals("unrecognized configuration parameter \"no_such_thing\"", unknown.getMessage());
            assertNull(c.value("select current_setting('no_such_thing', true)"));
            assertEquals("15.0", c.value("select pg_catalog.current_setting('server_version', false)"));
        }
    }

    @Test
    void setConfigFollowsTheRulesOfSet() {
        try (SqlClient c = server.connect(); SqlClient alice = server.connect("postgres", "alice")) {
            assertEquals("1", c.value("select set_config('extra_float_digits', '1', false)"));
            assertEquals("2", c.value("select set_config('extra_float_digits', '2', false)"));
            assertEquals("2", c.value("show extra_float_digits"));
            assertEquals("3", c.value("select pg_catalog.set_config('extra_float_digits', '3', false)"));

            // Local outside a block: the statement is the transaction.
            assertEquals("-1", c.value("select set_config('extra_float_digits', '-1', true)"));
            assertEquals("3", c.value("show extra_float_digits"));
            // Local inside a block: until its end.
            c.exec("begin");
            c.value("select set_config('extra_float_digits', '0', true)");
            assertEquals("0", c.value("show extra_float_digits"));
            c.exec("commit");
            assertEquals("3", c.value("show extra_float_digits"));
            // A null value is SET ... TO DEFAULT.
            assertEquals("1", c.value("select set_config('extra_float_digits', null, false)"));

            PgException noName = c.error("select set_config(null, 'x', false)");
            assertEquals("22004", noName.sqlState());
            assertEquals("SET requires parameter name", noName.getMessage());
            PgException invalid = c.error("select set_config('extra_float_digits', '9', false)");
            assertEquals(SqlState.INVALID_PARAMETER_VALUE, invalid.sqlState());
            PgException denied = alice.error("select set_config('log_min_messages', 'debug1', false)");
            assertEquals(SqlState.INSUFFICIENT_PRIVILEGE, denied.sqlState());
            assertEquals("permission denied to set parameter \"log_min_messages\"", denied.getMessage());
            PgException internal = c.error("select set_config('server_version', '16', false)");
            assertEquals(SqlState.CANT_CHANGE_RUNTIME_PARAM, internal.sqlState());
        }
    }

    @Test
    void identityFunctionsAnswerTheSessionsRoleAndDatabase() {
        try (SqlClient c = server.connect(); SqlClient alice = server.connect("template1", "alice")) {
            assertEquals(pid(c), c.value("select pg_backend_pid()"));
            assertEquals(List.of(List.of("postgres", "postgres", "postgres", "postgres", "postgres", "postgres")),
                    c.rows("select current_user, session_user, user, current_role, current_database(), current_catalog"));
            SqlClient.Result r = alice.run("select current_user, current_database()").get(0);
            assertEquals(List.of("alice", "template1"), r.rows.get(0));
            assertEquals("current_user", r.columns.get(0).name());
            assertEquals("current_database", r.columns.get(1).name());
            assertEquals(1L, alice.value("select count(*) from pg_stat_activity where usename = current_user"
                    + " and pid = pg_backend_pid()"));
        }
    }

    @Test
    void versionNamesPostgresAndElephas() {
        try (SqlClient c = server.connect()) {
            SqlClient.Result r = c.run("select version()").get(0);
            assertEquals("version", r.columns.get(0).name());
            String version = (String) r.rows.get(0).get(0);
            assertTrue(version.matches("PostgreSQL 15\\.0 \\(Elephas [^)]+\\) on [a-z0-9_]+-[a-z0-9-]+, compiled by Java "
                    + "[0-9][^,]*, (32|64)-bit"), version);
            assertEquals(version, c.value("select pg_catalog.version()"));
        }
    }

    @Test
    void reloadConfReReadsTheFilesForSuperusersOnly() throws Exception {
        Path conf = server.dataDirectory().resolve("elephas.conf");
        String original = Files.readString(conf);
        try (SqlClient c = server.connect(); SqlClient alice = server.connect("postgres", "alice")) {
            Files.writeString(conf, original + "extra_float_digits = 2\n");
            assertEquals(true, c.value("select pg_reload_conf()"));
            server.log().await("LOG:  received SIGHUP, reloading configuration files", TestServer.PATIENCE);
            assertEquals("2", c.value("show extra_float_digits"), "the next statement sees the reload");
            PgException denied = alice.error("select pg_reload_conf()");
            assertEquals(SqlState.INSUFFICIENT_PRIVILEGE, denied.sqlState());
            assertEquals("permission denied for function pg_reload_conf", denied.getMessage());
        } finally {
            Files.writeString(conf, original);
            try (SqlClient c = server.connect()) {
                c.value("select pg_reload_conf()");
                assertEquals("1", c.value("show extra_float_digits"));
            }
        }
    }

    @Test
    void signallingSomethingThatIsNotABackendWarnsAndReturnsFalse() {
        try (SqlClient c = server.connect()) {
            assertEquals(false, c.value("select pg_terminate_backend(1)"));
            Notice w = lastWarning(c);
            assertEquals("PID 1 is not a PostgreSQL backend process", w.message());
            assertEquals(SqlState.WARNING, w.sqlState());
            assertEquals(false, c.value("select pg_cancel_backend(2)"));
            assertEquals("PID 2 is not a PostgreSQL backend process", lastWarning(c).message());
            PgException negative = c.error("select pg_terminate_backend(pg_backend_pid(), -1)");
            assertEquals(SqlState.INVALID_PARAMETER_VALUE, negative.sqlState());
            assertEquals("\"timeout\" must not be negative", negative.getMessage());
        }
    }

    @Test
    void onlySuperusersSignalSuperusersAndOthersOnlyTheirOwnRole() {
        try (SqlClient admin = server.connect(); SqlClient alice = server.connect("postgres", "alice");
                SqlClient alice2 = server.connect("postgres", "alice"); SqlClient bob = server.connect("postgres", "bob")) {
            PgException terminate = alice.error("select pg_terminate_backend(" + pid(admin) + ")");
            assertEquals(SqlState.INSUFFICIENT_PRIVILEGE, terminate.sqlState());
            assertEquals("must be a superuser to terminate superuser process", terminate.getMessage());
            PgException cancel = alice.error("select pg_cancel_backend(" + pid(admin) + ")");
            assertEquals(SqlState.INSUFFICIENT_PRIVILEGE, cancel.sqlState());
            assertEquals("must be a superuser to cancel superuser query", cancel.getMessage());

            PgException otherRole = alice.error("select pg_terminate_backend(" + pid(bob) + ")");
            assertEquals(SqlState.INSUFFICIENT_PRIVILEGE, otherRole.sqlState());
            assertEquals("must be a member of the role whose process is being terminated or member of pg_signal_backend",
                    otherRole.getMessage());
            assertEquals("must be a member of the role whose query is being canceled or member of pg_signal_backend",
                    alice.error("select pg_cancel_backend(" + pid(bob) + ")").getMessage());

            // The same role may; a superuser may signal anyone.
            assertEquals(true, alice.value("select pg_cancel_backend(" + pid(alice2) + ")"));
            assertEquals(1, alice2.value("select 1"), "a cancel that reaches an idle session is dropped");
            assertEquals(true, alice.value("select pg_terminate_backend(" + pid(alice2) + ")"));
            assertEquals(true, admin.value("select pg_terminate_backend(" + pid(bob) + ")"));
            PgException terminated = bob.error("select 1");
            assertEquals(SqlState.ADMIN_SHUTDOWN, terminated.sqlState());
            assertEquals(LogLevel.FATAL, terminated.level());
            assertEquals("terminating connection due to administrator command", terminated.getMessage());
        }
    }

    @Test
    void cancelStopsTheRunningStatementOnly() throws Exception {
        try (SqlClient victim = server.connect("postgres", "alice"); SqlClient admin = server.connect()) {
            CompletableFuture<PgException> running = runAsync(victim, SLOW);
            awaitRunning(admin, pid(victim), SLOW);
            assertEquals(true, admin.value("select pg_cancel_backend(" + pid(victim) + ")"));
            PgException e = running.get(TestServer.PATIENCE.toSeconds(), TimeUnit.SECONDS);
            assertEquals(SqlState.QUERY_CANCELED, e.sqlState());
            assertEquals("canceling statement due to user request", e.getMessage());
            assertEquals(1, victim.value("select 1"), "the session goes on");
        }
    }

    @Test
    void terminateEndsTheSessionEvenInsideAStatement() throws Exception {
        try (SqlClient victim = server.connect(); SqlClient admin = server.connect()) {
            CompletableFuture<PgException> running = runAsync(victim, SLOW);
            awaitRunning(admin, pid(victim), SLOW);
            assertEquals(true, admin.value("select pg_terminate_backend(" + pid(victim) + ")"));
            PgException e = running.get(TestServer.PATIENCE.toSeconds(), TimeUnit.SECONDS);
            assertEquals(LogLevel.FATAL, e.level());
            assertEquals(SqlState.ADMIN_SHUTDOWN, e.sqlState());
            assertEquals("terminating connection due to administrator command", e.getMessage());
        }
    }

    @Test
    void statementTimeoutCancelsASlowStatement() {
        try (SqlClient c = server.connect()) {
            c.exec("set statement_timeout = 200");
            assertEquals(3L, c.value("select count(*) from nums where x < 4"), "quick statements are untouched");
            PgException e = c.error(SLOW);
            assertEquals(SqlState.QUERY_CANCELED, e.sqlState());
            assertEquals("canceling statement due to statement timeout", e.getMessage());
            c.exec("reset statement_timeout");
            assertEquals(1, c.value("select 1"));
        }
    }

    @Test
    void terminateWithTimeoutWaitsForTheBackendToGo() {
        BackgroundWorkerHandle handle = BackgroundWorkers.registerDynamicBackgroundWorker(BackgroundWorker.builder()
                .name("fx signalled").type("fx signalled").flags(BgWorkerFlags.SHMEM_ACCESS)
                .startTime(BgWorkerStartTime.RECOVERY_FINISHED).restartTime(0).libraryName("fx_lib")
                .functionName(FixtureWorkers.class.getName() + ".loop").build()).orElseThrow();
        try (SqlClient admin = server.connect(); SqlClient alice = server.connect("postgres", "alice");
                SqlClient idle = server.connect()) {
            int worker = handle.waitForStartup().pid();
            PgException denied = alice.error("select pg_terminate_backend(" + worker + ")");
            assertEquals("must be a superuser to terminate superuser process", denied.getMessage(),
                    "a worker without a role counts as a superuser's");

            assertEquals(true, admin.value("select pg_terminate_backend(" + worker + ", 20000)"));
            assertNull(server.postmaster().procs().get(worker), "returned only once the PID was gone");
            // pg_terminate_backend is not the handle's terminate: a restartable worker comes back.
            server.awaitTrue("worker restarted", () -> {
                var status = handle.getBackgroundWorkerPid();
                return status.status() == BgwHandleStatus.STARTED && status.pid() != worker;
            });

            // An idle session leaves at once, as an idle PostgreSQL backend exits on SIGTERM; its
            // client learns of it at its next statement.
            int idlePid = pid(idle);
            assertEquals(true, admin.value("select pg_terminate_backend(" + idlePid + ", 20000)"));
            assertNull(server.postmaster().procs().get(idlePid));
            assertEquals(SqlState.ADMIN_SHUTDOWN, idle.error("select 1").sqlState());

            // A worker holding its signals blocked outlives a short timeout.
            BackgroundWorkerHandle blocked = BackgroundWorkers.registerDynamicBackgroundWorker(BackgroundWorker.builder()
                    .name("fx blocked").type("fx blocked").flags(BgWorkerFlags.SHMEM_ACCESS)
                    .startTime(BgWorkerStartTime.RECOVERY_FINISHED).restartTime(BackgroundWorker.BGW_NEVER_RESTART)
                    .libraryName("fx_lib").functionName(FixtureWorkers.class.getName() + ".blockedSignals").build())
                    .orElseThrow();
            int blockedPid = blocked.waitForStartup().pid();
            assertEquals(false, admin.value("select pg_terminate_backend(" + blockedPid + ", 50)"));
            assertEquals("backend with PID " + blockedPid + " did not terminate within 50 milliseconds",
                    lastWarning(admin).message());
            server.postmaster().procs().get(blockedPid).latch().set();
            assertEquals(BgwHandleStatus.STOPPED, blocked.waitForShutdown(), "the held SIGTERM ends it once unblocked");
        } finally {
            handle.terminate();
            assertEquals(BgwHandleStatus.STOPPED, handle.waitForShutdown());
        }
    }

    @Test
    void aSessionMayTerminateItself() {
        int pid;
        try (SqlClient c = server.connect()) {
            pid = pid(c);
            PgException e = c.error("select pg_terminate_backend(pg_backend_pid())");
            assertEquals(LogLevel.FATAL, e.level());
            assertEquals("terminating connection due to administrator command", e.getMessage());
            assertNull(server.postmaster().procs().get(pid), "a FATAL ends the session");
        }
    }
}
