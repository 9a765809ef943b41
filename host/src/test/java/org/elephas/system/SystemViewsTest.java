package org.elephas.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;

import org.elephas.api.PgException;
import org.elephas.api.bgworker.BackgroundWorker;
import org.elephas.api.bgworker.BackgroundWorkerHandle;
import org.elephas.api.bgworker.BackgroundWorkers;
import org.elephas.api.bgworker.BgWorkerFlags;
import org.elephas.api.bgworker.BgWorkerStartTime;
import org.elephas.api.sql.Column;
import org.elephas.catalog.Catalog;
import org.elephas.dialect.SystemViewRewrite;
import org.elephas.fixtures.workers.FixtureWorkers;
import org.elephas.testing.SqlClient;
import org.elephas.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The system views over real server state, queried the way psql and tools do: filters, joins,
 * ordering, {@code pg_catalog} qualification, and the rows only some roles may see.
 */
class SystemViewsTest {
    private static final String WORKER = "fx watched";

    @TempDir
    static Path root;
    static TestServer server;
    static BackgroundWorkerHandle worker;
    static int workerPid;
    static int aliceOid;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(root, Map.of("shared_preload_bundles", "fx_lib", "max_worker_processes", "4"));
        aliceOid = TestRoles.create(server, "alice");
        worker = BackgroundWorkers.registerDynamicBackgroundWorker(BackgroundWorker.builder().name(WORKER)
                .type("fx watcher").flags(BgWorkerFlags.SHMEM_ACCESS).startTime(BgWorkerStartTime.RECOVERY_FINISHED)
                .libraryName("fx_lib").functionName(FixtureWorkers.class.getName() + ".loop").build()).orElseThrow();
        workerPid = worker.waitForStartup().pid();
    }

    @AfterAll
    static void stop() {
        worker.terminate();
        worker.waitForShutdown();
        server.close();
    }

    private static List<String> names(List<Column> columns) {
        return columns.stream().map(Column::name).toList();
    }

    @Test
    void everyViewReadsTheSameUnqualifiedAndInPgCatalog() {
        try (SqlClient c = server.connect()) {
            for (String view : SystemViewRewrite.VIEWS) {
                Object plain = c.value("select count(*) from " + view);
                assertEquals(plain, c.value("select count(*) from pg_catalog." + view), view);
                assertEquals(plain, c.value("SELECT COUNT(*) FROM PG_CATALOG." + view.toUpperCase()), view);
            }
        }
    }

    @Test
    void pgSettingsIsPerSessionAndFilters() throws Exception {
        try (SqlClient c = server.connect(); SqlClient alice = server.connect("postgres", "alice")) {
            SqlClient.Result all = c.run("select * from pg_settings").get(0);
            assertEquals(List.of("name", "setting", "unit", "category", "short_desc", "extra_desc", "context", "vartype",
                    "source", "min_val", "max_val", "enumvals", "boot_val", "reset_val", "sourcefile", "sourceline",
                    "pending_restart"), names(all.columns));
            assertEquals(List.of(List.of("max_connections", "100"), List.of("max_worker_processes", "4")),
                    c.rows("SELECT name, setting FROM pg_settings WHERE name LIKE 'max%' ORDER BY 1"));
            c.exec("set application_name = 'settings probe'");
            assertEquals(List.of(List.of("settings probe", "session", "user")),
                    c.rows("select setting, source, context from pg_settings where name = 'application_name'"));
            assertEquals(List.of(List.of("", "default")),
                    alice.rows("select setting, source from pg_settings where name = 'application_name'"));
            assertEquals(List.of(List.of("0", "ms", "integer", "0", "2147483647")), c.rows(
                    "select setting, unit, vartype, min_val, max_val from pg_settings where name = 'statement_timeout'"));
            assertEquals("debug5", c.value("select enumvals[1] from pg_settings where name = 'log_min_messages'"));
            assertEquals("DateStyle", c.value("select name from pg_settings where lower(name) = 'datestyle'"));
            assertEquals(0L, c.value("select count(*) from pg_settings where name = 'is_superuser'"));

            Path conf = server.dataDirectory().resolve("elephas.conf");
            String original = Files.readString(conf);
            try {
                Files.writeString(conf, original + "extra_float_digits = 2\n");
                c.value("select pg_reload_conf()");
                List<Object> row = c.rows("select setting, source, sourcefile, sourceline from pg_settings"
                        + " where name = 'extra_float_digits'").get(0);
                assertEquals(List.of("2", "configuration file"), row.subList(0, 2));
                assertEquals(conf.toAbsolutePath().toString(), row.get(2));
                assertEquals(2, row.get(3));
                assertEquals(List.of(List.of("2", "configuration file")), alice.rows("select setting, source from"
                        + " pg_settings where name = 'extra_float_digits' and sourcefile is null and sourceline is null"));
            } finally {
                Files.writeString(conf, original);
                c.value("select pg_reload_conf()");
            }
        }
    }

    @Test
    void pgStatActivityShowsSessionsAndWorkers() {
        try (SqlClient c = server.connect(); SqlClient idle = server.connect(); SqlClient inBlock = server.connect()) {
            int me = c.session().backend().pid();
            SqlClient.Result mine = c.run("SELECT pid, state, query FROM pg_stat_activity WHERE pid = pg_backend_pid()")
                    .get(0);
            assertEquals(List.of(List.of(me, "active",
                    "SELECT pid, state, query FROM pg_stat_activity WHERE pid = pg_backend_pid()")), mine.rows);
            SqlClient.Result all = c.run("select * from pg_stat_activity where pid = pg_backend_pid()").get(0);
            assertEquals(List.of("datid", "datname", "pid", "leader_pid", "usesysid", "usename", "application_name",
                    "client_addr", "client_hostname", "client_port", "backend_start", "xact_start", "query_start",
                    "state_change", "wait_event_type", "wait_event", "state", "backend_xid", "backend_xmin", "query_id",
                    "query", "backend_type"), names(all.columns));
            assertEquals("timestamptz", all.columns.get(10).typeName());

            idle.exec("set application_name = 'idler'");
            int idlePid = idle.session().backend().pid();
            assertEquals(List.of(List.of("postgres", "postgres", "idler", "idle", "Client", "ClientRead",
                    "set application_name = 'idler'", "client backend", true, true)), c.rows(
                    "select datname, usename, application_name, state, wait_event_type, wait_event, query, backend_type,"
                            + " backend_start is not null, xact_start is null from pg_stat_activity where pid = " + idlePid));

            inBlock.exec("begin");
            inBlock.exec("select 1");
            assertEquals(List.of(List.of("idle in transaction", true)), c.rows("select state, xact_start is not null"
                    + " from pg_stat_activity where pid = " + inBlock.session().backend().pid()));
            inBlock.exec("rollback");

            // psql's kind of join: sessions with their database.
            assertEquals(List.of(List.of(me, 5, 6)), c.rows("select a.pid, d.oid, d.encoding from pg_stat_activity a"
                    + " join pg_database d on d.datname = a.datname where a.pid = pg_backend_pid()"));

            server.awaitTrue("the worker waits on its extension event", () -> !c.rows(
                    "select 1 from pg_stat_activity where pid = " + workerPid + " and wait_event = 'FixtureWait'").isEmpty());
            List<Object> row = c.rows("select backend_type, wait_event_type, datname, usename, state from"
                    + " pg_stat_activity where pid = " + workerPid).get(0);
            assertEquals("fx watcher", row.get(0));
            assertEquals("Extension", row.get(1));
            assertNull(row.get(2));
            assertNull(row.get(3));
            assertNull(row.get(4));
        }
    }

    @Test
    void pgStatActivityHidesOtherRolesDetails() {
        try (SqlClient admin = server.connect(); SqlClient alice = server.connect("postgres", "alice")) {
            admin.exec("set application_name = 'admin app'");
            int adminPid = admin.session().backend().pid();
            assertEquals(List.of(List.of("postgres", "postgres", "admin app", "<insufficient privilege>", true, true,
                    true)), alice.rows("select datname, usename, application_name, query, state is null,"
                            + " backend_start is null, backend_type is null from pg_stat_activity where pid = " + adminPid));
            assertEquals("active", alice.value("select state from pg_stat_activity where pid = pg_backend_pid()"));
            assertEquals("<insufficient privilege>",
                    alice.value("select query from pg_stat_activity where pid = " + workerPid));
            assertEquals(alice.value("select count(*) from pg_stat_activity"),
                    admin.value("select count(*) from pg_stat_activity"), "every backend is listed for everyone");
        }
    }

    @Test
    void pgWaitEventsListsBuiltInAndExtensionEvents() {
        try (SqlClient c = server.connect()) {
            assertEquals(List.of(List.of("Extension", "FixtureWait",
                    "Waiting for custom wait event \"FixtureWait\" defined by extension module")),
                    c.rows("select type, name, description from pg_wait_events where name = 'FixtureWait'"));
            assertEquals(List.of(List.of("BackendTermination"), List.of("BgWorkerShutdown"), List.of("BgWorkerStartup")),
                    c.rows("select name from pg_wait_events where type = 'IPC' order by name"));
            assertEquals(1L, c.value("select count(*) from pg_wait_events where type = 'Client' and name = 'ClientRead'"));
        }
    }

    @Test
    void pgDatabaseAndPgRolesFromTheCatalog() {
        Catalog catalog = server.postmaster().catalog();
        try (SqlClient c = server.connect()) {
            assertEquals(List.of(List.of(1, "template1", 10, true, true, 6, "c", "C"),
                    List.of(4, "template0", 10, false, true, 6, "c", "C"),
                    List.of(5, "postgres", 10, true, false, 6, "c", "C")),
                    c.rows("select oid, datname, datdba, datallowconn, datistemplate, encoding, datlocprovider, datcollate"
                            + " from pg_database order by oid"));
            assertNull(c.value("select datacl from pg_database where datname = 'postgres'"),
                    "default privileges show as null");
            catalog.change(conn -> {
                try (PreparedStatement ps = conn.prepareStatement("INSERT INTO database_privileges VALUES (5, ?, 'c')")) {
                    ps.setInt(1, aliceOid);
                    ps.executeUpdate();
                }
            });
            try {
                assertEquals(List.of(List.of("=Tc/postgres", "postgres=CTc/postgres", "alice=c/postgres")), c.rows(
                        "select datacl[1], datacl[2], datacl[3] from pg_database where datname = 'postgres'"));
            } finally {
                catalog.change(conn -> conn.createStatement().execute(
                        "DELETE FROM database_privileges WHERE grantee = " + aliceOid));
            }

            assertEquals(List.of(List.of("postgres", true, true, true, "********", 10),
                    List.of("alice", false, true, false, "********", aliceOid)),
                    c.rows("select rolname, rolsuper, rolcanlogin, rolreplication, rolpassword, oid from pg_roles"
                            + " where rolname in ('postgres', 'alice') order by oid"));
            try (SqlClient alice = server.connect("postgres", "alice")) {
                assertEquals(List.of(List.of("alice", alice.session().backend().pid())), c.rows("select r.rolname, a.pid"
                        + " from pg_roles r join pg_stat_activity a on a.usesysid = r.oid where not r.rolsuper"));
            }
        }
    }

    @Test
    void pgExtensionListsTheDatabasesExtensions() {
        Catalog catalog = server.postmaster().catalog();
        int oid = catalog.newOid();
        catalog.change(conn -> conn.createStatement().execute(
                "INSERT INTO extensions VALUES (" + oid + ", 5, 'fx_ext', '1.2', 10, 'public')"));
        try (SqlClient c = server.connect(); SqlClient other = server.connect("template1", "postgres")) {
            assertEquals(List.of(List.of(oid, "fx_ext", 10, false, "1.2")),
                    c.rows("select oid, extname, extowner, extrelocatable, extversion from pg_extension"));
            assertEquals("public", c.value("select n.nspname from pg_catalog.pg_extension e"
                    + " join pg_catalog.pg_namespace n on n.oid = e.extnamespace where e.extname = 'fx_ext'"));
            assertEquals(0L, other.value("select count(*) from pg_extension"), "extensions are per database");
        } finally {
            catalog.change(conn -> conn.createStatement().execute("DELETE FROM extensions WHERE oid = " + oid));
        }
    }

    @Test
    void elephasWorkersShowsRegistrationsAndHistory() {
        try (SqlClient c = server.connect()) {
            assertEquals(List.of(List.of(workerPid, "fx watcher", "fx_lib", FixtureWorkers.class.getName() + ".loop",
                    "recovery finished", -1, true, "started", 1, 0)),
                    c.rows("select pid, type, library, function, start_time, restart_time, dynamic, status, starts, exits"
                            + " from elephas_workers where name = '" + WORKER + "'"));
            assertEquals(1L, c.value("select count(*) from elephas_workers w join pg_stat_activity a on a.pid = w.pid"
                    + " where w.name = '" + WORKER + "'"));
        }
    }

    @Test
    void elephasBundlesShowsOriginStateAndLastError() {
        server.postmaster().library().load("fx_guc");
        assertThrows(PgException.class, () -> server.postmaster().library().load("fx_throws"));
        try (SqlClient c = server.connect()) {
            assertEquals(List.of(List.of("fx_lib", "ACTIVE", "preload", true)), c.rows("select extension_name, state,"
                    + " origin, last_error is null from elephas_bundles where extension_name = 'fx_lib'"));
            assertEquals(List.of(List.of("ACTIVE", "load")),
                    c.rows("select state, origin from elephas_bundles where extension_name = 'fx_guc'"));
            List<Object> failed = c.rows("select state, origin, last_error, id is not null, location from elephas_bundles"
                    + " where extension_name = 'fx_throws'").get(0);
            assertFalse("ACTIVE".equals(failed.get(0)));
            assertEquals("load", failed.get(1));
            assertTrue(((String) failed.get(2)).contains("fx_throws refuses to initialise"), failed.get(2).toString());
            assertEquals(true, failed.get(3));
            assertTrue(((String) failed.get(4)).endsWith(".jar"));
            assertNotNull(c.value("select max(id) from elephas_bundles"));
        }
    }
}
