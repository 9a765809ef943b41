package org.elephas.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.elephas.api.SqlState;
import org.elephas.backend.Backend;
import org.elephas.pipeline.StatementContext;
import org.elephas.testing.SqlClient;
import org.elephas.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sessions over the real engine: statements, tags, transaction blocks, errors. */
class SessionTest {
    @TempDir
    static Path root;
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(root, Map.of());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void runsStatementsWithPostgresTags() {
        try (SqlClient c = server.connect()) {
            assertEquals("CREATE TABLE", c.exec("create table tags(id int primary key, value text)"));
            assertEquals("INSERT 0 2", c.exec("insert into tags values (1, 'a'), (2, 'b')"));
            assertEquals("UPDATE 1", c.exec("update tags set value = 'c' where id = 2"));
            assertEquals("SELECT 2", c.exec("select * from tags"));
            assertEquals("DELETE 2", c.exec("delete from tags"));
            assertEquals(1, c.value("select 1"));
        }
    }

    @Test
    void severalStatementsInOneQuery() {
        try (SqlClient c = server.connect()) {
            List<SqlClient.Result> results = c.run("select 1; select 'two' as t; ");
            assertEquals(2, results.size());
            assertEquals("t", results.get(1).columns.get(0).name());
            assertEquals("two", results.get(1).rows.get(0).get(0));
        }
    }

    @Test
    void failedTransactionBlockRefusesUntilRollback() {
        try (SqlClient c = server.connect()) {
            c.exec("create table blk(id int primary key)");
            c.exec("begin");
            c.exec("insert into blk values (1)");
            assertEquals(SqlState.UNIQUE_VIOLATION, c.error("insert into blk values (1)").sqlState());
            var aborted = c.error("select 1");
            assertEquals(SqlState.IN_FAILED_SQL_TRANSACTION, aborted.sqlState());
            assertEquals("current transaction is aborted, commands ignored until end of transaction block",
                    aborted.getMessage());
            assertEquals("ROLLBACK", c.exec("commit"));
            assertEquals(0L, c.value("select count(*) from blk"));
        }
    }

    @Test
    void commitKeepsAndRollbackUndoes() {
        try (SqlClient c = server.connect(); SqlClient other = server.connect()) {
            c.exec("create table tx(id int)");
            c.exec("begin");
            c.exec("insert into tx values (1)");
            c.exec("commit");
            c.exec("begin");
            c.exec("insert into tx values (2)");
            c.exec("rollback");
            assertEquals(1L, other.value("select count(*) from tx"));
            assertEquals("ROLLBACK", c.exec("rollback"));
            assertTrue(c.notices().stream().anyMatch(n -> n.message().equals("there is no transaction in progress")));
        }
    }

    @Test
    void errorInMultiStatementQueryUndoesTheWholeQuery() {
        try (SqlClient c = server.connect()) {
            c.exec("create table implicit(id int primary key)");
            c.error("insert into implicit values (1); insert into implicit values (1)");
            assertEquals(0L, c.value("select count(*) from implicit"));
        }
    }

    @Test
    void savepoints() {
        try (SqlClient c = server.connect()) {
            c.exec("create table sp(id int primary key)");
            c.exec("begin");
            c.exec("insert into sp values (1)");
            c.exec("savepoint a");
            c.error("insert into sp values (1)");
            c.exec("rollback to savepoint a");
            c.exec("insert into sp values (2)");
            c.exec("commit");
            assertEquals(2L, c.value("select count(*) from sp"));
        }
    }

    @Test
    void engineErrorsCarryPostgresStates() {
        try (SqlClient c = server.connect()) {
            var missing = c.error("select * from no_such_table");
            assertEquals(SqlState.UNDEFINED_TABLE, missing.sqlState());
            assertEquals("relation \"no_such_table\" does not exist", missing.getMessage());
            var syntax = c.error("selec 1");
            assertEquals(SqlState.SYNTAX_ERROR, syntax.sqlState());
            assertEquals(SqlState.DIVISION_BY_ZERO, c.error("select 1/0").sqlState());
            int pid = c.session().backend().pid();
            server.log().await("\\[" + pid + "\\] ERROR:  relation \"no_such_table\" does not exist", TestServer.PATIENCE);
            server.log().await("\\[" + pid + "\\] STATEMENT:  select \\* from no_such_table", TestServer.PATIENCE);
        }
    }

    @Test
    void pgCatalogIsSearchedFirstUnlessThePathPlacesIt() {
        try (SqlClient c = server.connect()) {
            assertEquals(1L, c.value("select count(*) from pg_namespace where nspname = 'public'"));
            c.exec("set search_path = public, pg_catalog");
            assertEquals(1L, c.value("select count(*) from pg_namespace where nspname = 'public'"));
            c.exec("create table made_here(a int)");
            assertEquals(1L, c.value("select count(*) from information_schema.tables where table_name = 'made_here'"
                    + " and table_schema = 'public'"));
        }
    }

    @Test
    void setShowReset() {
        try (SqlClient c = server.connect()) {
            c.exec("set application_name = 'tester'");
            assertEquals("tester", c.value("show application_name"));
            c.exec("reset application_name");
            assertEquals("", c.value("show application_name"));
            assertEquals(SqlState.CANT_CHANGE_RUNTIME_PARAM, c.error("set port = 1").sqlState());
        }
    }

    /** psql qualifies the set-returning functions it reads in FROM with pg_catalog. */
    @Test
    void catalogQualifiedSetReturningFunctionsInFrom() {
        try (SqlClient c = server.connect()) {
            assertEquals("toast.a, toast.b", c.value(
                    "select array_to_string(array(select 'toast.' || x from pg_catalog.unnest(array['a', 'b']) x), ', ')"));
            assertEquals(3L, ((Number) c.value("select count(*) from pg_catalog.generate_series(1, 3) as n")).longValue());
        }
    }

    /**
     * A hundred million rows: materialised first, this would take minutes and gigabytes; streamed,
     * the receiver's first row arrives at once and stopping there ends the statement.
     */
    @Test
    @org.junit.jupiter.api.Timeout(60)
    void rowsStreamToTheReceiverAndItCanStopEarly() {
        try (SqlClient c = server.connect()) {
            java.util.concurrent.atomic.AtomicInteger received = new java.util.concurrent.atomic.AtomicInteger();
            c.session().simpleQuery("select * from generate_series(1, 100000000)", new ClientOutput() {
                @Override
                public void startup(org.elephas.api.sql.CommandType operation, List<org.elephas.api.sql.Column> columns) {
                }

                @Override
                public boolean receive(Object[] row) {
                    received.incrementAndGet();
                    return false;
                }

                @Override
                public void shutdown() {
                }

                @Override
                public void commandComplete(org.elephas.api.sql.QueryCompletion completion) {
                    assertEquals("SELECT 1", completion.toString());
                }
            });
            assertEquals(1, received.get());
        }
    }

    @Test
    void preparedStatementPlansOnceAndRunsMany() {
        try (SqlClient c = server.connect()) {
            c.exec("create table prep(id int primary key, v text)");
            c.session().prepare("ins", "insert into prep values ($1, $2)");
            for (int i = 0; i < 5; i++) {
                c.session().executePrepared("ins", List.of(i, "v" + i), org.elephas.api.sql.DestReceiver.NONE);
            }
            assertEquals(5L, c.value("select count(*) from prep"));
        }
    }

    @Test
    void eachCallLeavesTheCallingThreadUnbound() {
        try (SqlClient c = server.connect()) {
            assertEquals(1, c.value("select 1"));
            assertNull(Backend.current());
            assertNull(StatementContext.current());
            assertEquals(SqlState.DIVISION_BY_ZERO, c.error("select 1 / 0").sqlState());
            assertNull(Backend.current());
            assertNull(StatementContext.current());
            c.session().prepare("one", "select $1");
            c.session().executePrepared("one", List.of(1), org.elephas.api.sql.DestReceiver.NONE);
            assertNull(Backend.current());
            assertNull(StatementContext.current());
            // Entering again binds it again.
            try (Session.Scope scope = c.session().enter()) {
                assertSame(c.session().backend(), Backend.current());
                assertSame(c.session(), StatementContext.current());
            }
            assertNull(Backend.current());
        }
    }
}
