package org.elephas.dialect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.elephas.api.PgException;
import org.elephas.api.SqlState;
import org.elephas.testing.SqlClient;
import org.elephas.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL forms H2 lacks, through a real session over the engine with its real settings:
 * RETURNING, data-modifying WITH queries (worker_spi's statement), partial unique indexes.
 */
class DialectSessionTest {
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

    private static List<Object> row(Object... values) {
        return List.of(values);
    }

    @Test
    void insertReturningReportsInsertTagWithRows() {
        try (SqlClient c = server.connect()) {
            c.exec("create table ret_i (id serial primary key, v text default 'd')");
            SqlClient.Result r = c.run("insert into ret_i (v) values ('a'), ('b') returning id, v || '!' as shout").get(0);
            assertEquals("INSERT 0 2", r.tag);
            assertEquals(List.of(row(1, "a!"), row(2, "b!")), r.rows);
            assertEquals("shout", r.columns.get(1).name());
            SqlClient.Result star = c.run("insert into ret_i (id) values (10) returning *").get(0);
            assertEquals("INSERT 0 1", star.tag);
            assertEquals(List.of(row(10, "d")), star.rows);
            assertEquals(List.of("id", "v"), star.columns.stream().map(col -> col.name()).toList());
        }
    }

    @Test
    void updateReturningGivesNewValuesAndUpdateTag() {
        try (SqlClient c = server.connect()) {
            c.exec("create table ret_u (id int primary key, v int)");
            c.exec("insert into ret_u values (1, 10), (2, 20), (3, 30)");
            SqlClient.Result r = c.run("update ret_u as u set v = v + 1 where id >= 2 returning u.id, v").get(0);
            assertEquals("UPDATE 2", r.tag);
            assertEquals(List.of(row(2, 21), row(3, 31)), r.rows.stream().sorted((a, b) ->
                    Integer.compare((Integer) a.get(0), (Integer) b.get(0))).toList());
            assertEquals("UPDATE 0", c.exec("update ret_u set v = 0 where id = 99 returning *"));
        }
    }

    @Test
    void deleteReturningGivesOldRowsAndDeleteTag() {
        try (SqlClient c = server.connect()) {
            c.exec("create table ret_d (id int primary key, v text)");
            c.exec("insert into ret_d values (1, 'x'), (2, 'y')");
            SqlClient.Result r = c.run("delete from ret_d where id = 1 returning ret_d.v").get(0);
            assertEquals("DELETE 1", r.tag);
            assertEquals(List.of(row("x")), r.rows);
            assertEquals(1L, c.value("select count(*) from ret_d"));
        }
    }

    @Test
    void returningWithParametersThroughPreparedStatement() {
        try (SqlClient c = server.connect()) {
            c.exec("create table ret_p (id int primary key, v int)");
            c.session().prepare("ins", "insert into ret_p values ($1, $2) returning v * 2");
            List<Object[]> rows = new java.util.ArrayList<>();
            var qc = c.session().executePrepared("ins", List.of(1, 21), new CollectingReceiver(rows));
            assertEquals("INSERT 0 1", qc.toString());
            assertEquals(42, rows.get(0)[0]);
        }
    }

    @Test
    void returningOtherTablesColumnsIsRefused() {
        try (SqlClient c = server.connect()) {
            c.exec("create table ret_a (id int, v int)");
            c.exec("create table ret_b (id int, w int)");
            PgException e = c.error("update ret_a set v = ret_b.w from ret_b where ret_a.id = ret_b.id returning ret_b.w");
            assertEquals(SqlState.FEATURE_NOT_SUPPORTED, e.sqlState());
        }
    }

    /** PostgreSQL's worker_spi: its table, its partial unique index and the statement its worker runs. */
    @Test
    void workerSpiStatementHasPostgresEffect() {
        try (SqlClient c = server.connect()) {
            c.exec("create schema spi");
            c.exec("CREATE TABLE spi.counted (type text CHECK (type IN ('total', 'delta')), value integer)");
            assertEquals("CREATE INDEX",
                    c.exec("CREATE UNIQUE INDEX counted_unique_total ON spi.counted (type) WHERE type = 'total'"));
            c.exec("INSERT INTO spi.counted VALUES ('total', 0)");
            String statement = "WITH deleted AS (DELETE FROM spi.counted WHERE type = 'delta' RETURNING value), "
                    + "total AS (SELECT coalesce(sum(value), 0) as sum FROM deleted) "
                    + "UPDATE spi.counted SET value = counted.value + total.sum "
                    + "FROM total WHERE type = 'total' RETURNING counted.value";
            SqlClient.Result first = c.run(statement).get(0);
            assertEquals("UPDATE 1", first.tag);
            assertEquals(List.of(row(0)), first.rows);

            c.exec("INSERT INTO spi.counted VALUES ('delta', 3), ('delta', 4)");
            SqlClient.Result second = c.run(statement).get(0);
            assertEquals("UPDATE 1", second.tag);
            assertEquals(List.of(row(7)), second.rows);
            assertEquals(List.of(row("total", 7)), c.rows("SELECT type, value FROM spi.counted"));

            // As worker_spi runs it: through SPI, one nesting level down.
            c.exec("INSERT INTO spi.counted VALUES ('delta', 5)");
            List<Object[]> spiRows = new java.util.ArrayList<>();
            var done = c.session().runNested(statement, List.of(),
                    org.elephas.api.sql.ProcessUtilityContext.QUERY_NONATOMIC, new CollectingReceiver(spiRows));
            assertEquals("UPDATE 1", done.get(0).toString());
            assertEquals(12, spiRows.get(0)[0]);
            c.exec("UPDATE spi.counted SET value = 7 WHERE type = 'total'");

            // Inside a transaction block, twice: each execution has tables of its own.
            c.exec("begin");
            c.exec("INSERT INTO spi.counted VALUES ('delta', 10)");
            assertEquals(List.of(row(17)), c.rows(statement));
            c.exec("INSERT INTO spi.counted VALUES ('delta', 1)");
            assertEquals(List.of(row(18)), c.rows(statement));
            c.exec("rollback");
            assertEquals(List.of(row("total", 7)), c.rows("SELECT type, value FROM spi.counted"));
        }
    }

    /** worker_spi's initialisation and statement exactly as its C code builds them: one CREATE SCHEMA, quoted names. */
    @Test
    void workerSpiAsItsCodeWritesIt() {
        try (SqlClient c = server.connect()) {
            assertEquals(0L, c.value("select count(*) from pg_catalog.pg_namespace where nspname = 'schema1'"));
            assertEquals("CREATE SCHEMA", c.exec("CREATE SCHEMA \"schema1\" CREATE TABLE \"counted\" ("
                    + "\t\ttype text CHECK (type IN ('total', 'delta')), \t\tvalue\tinteger)"
                    + "CREATE UNIQUE INDEX \"counted_unique_total\" ON \"counted\" (type) WHERE type = 'total'"));
            assertEquals(1L, c.value("select count(*) from pg_catalog.pg_namespace where nspname = 'schema1'"));
            c.exec("INSERT INTO schema1.counted VALUES ('total', 1), ('delta', 2), ('delta', 3)");
            assertEquals(SqlState.UNIQUE_VIOLATION,
                    c.error("INSERT INTO schema1.counted VALUES ('total', 5)").sqlState());
            SqlClient.Result r = c.run("WITH deleted AS (DELETE FROM \"schema1\".\"counted\" WHERE type = 'delta' "
                    + "RETURNING value), total AS (SELECT coalesce(sum(value), 0) as sum FROM deleted) "
                    + "UPDATE \"schema1\".\"counted\" SET value = \"counted\".value + total.sum FROM total "
                    + "WHERE type = 'total' RETURNING \"counted\".value").get(0);
            assertEquals("UPDATE 1", r.tag);
            assertEquals(List.of(row(6)), r.rows);
        }
    }

    @Test
    void partialUniqueIndexConstrainsOnlyMatchingRows() {
        try (SqlClient c = server.connect()) {
            c.exec("create table pidx (type text, value int)");
            c.exec("create unique index pidx_total on pidx (type) where type = 'total'");
            assertEquals("INSERT 0 2", c.exec("insert into pidx values ('delta', 1), ('delta', 2)"));
            c.exec("insert into pidx values ('total', 1)");
            PgException dup = c.error("insert into pidx values ('total', 2)");
            assertEquals(SqlState.UNIQUE_VIOLATION, dup.sqlState());
            // The index's columns stay out of sight.
            assertEquals(List.of("type", "value"), c.run("select * from pidx").get(0).columns.stream()
                    .map(col -> col.name()).toList());
            assertEquals("INSERT 0 1", c.exec("insert into pidx values ('delta', 3)"));
            assertEquals("DROP INDEX", c.exec("drop index pidx_total"));
            assertEquals("INSERT 0 1", c.exec("insert into pidx values ('total', 2)"));
            assertEquals(0L, c.value("select count(*) from information_schema.columns where table_name = 'pidx' "
                    + "and column_name like 'pidx_total%'"));
        }
    }

    @Test
    void failedPartialUniqueIndexCanBeRetried() {
        try (SqlClient c = server.connect()) {
            c.exec("create table pidx2 (k int, live boolean)");
            c.exec("insert into pidx2 values (1, true), (1, true), (1, false)");
            PgException e = c.error("create unique index pidx2_live on pidx2 (k) where live");
            assertEquals(SqlState.UNIQUE_VIOLATION, e.sqlState());
            c.exec("update pidx2 set live = false where live");
            assertEquals("CREATE INDEX", c.exec("create unique index pidx2_live on pidx2 (k) where live"));
            c.exec("insert into pidx2 values (1, true)");
            assertEquals(SqlState.UNIQUE_VIOLATION, c.error("insert into pidx2 values (1, true)").sqlState());
        }
    }

    @Test
    void nonUniquePartialAndExpressionIndexes() {
        try (SqlClient c = server.connect()) {
            c.exec("create table eidx (id int, email text)");
            assertEquals("CREATE INDEX",
                    c.exec("create index concurrently eidx_id on only eidx using btree (id desc nulls last) "
                            + "include (email) with (fillfactor = 70) where id > 0"));
            assertEquals("CREATE INDEX", c.exec("create unique index eidx_lower on eidx (lower(email))"));
            assertEquals("CREATE INDEX", c.exec("create index on eidx (email text_pattern_ops)"));
            c.exec("insert into eidx values (1, 'A@x'), (-1, 'b@x')");
            assertEquals(SqlState.UNIQUE_VIOLATION, c.error("insert into eidx values (2, 'a@X')").sqlState());
            assertEquals(1L, c.value("select count(*) from eidx where id > 0"));
        }
    }

    /** A statement's rows into a list. */
    private record CollectingReceiver(List<Object[]> rows) implements org.elephas.api.sql.DestReceiver {
        @Override
        public void startup(org.elephas.api.sql.CommandType operation, List<org.elephas.api.sql.Column> columns) {
        }

        @Override
        public boolean receive(Object[] row) {
            rows.add(row);
            return true;
        }

        @Override
        public void shutdown() {
        }
    }
}
