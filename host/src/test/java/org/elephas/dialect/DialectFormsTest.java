package org.elephas.dialect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * The utility and expression-level PostgreSQL forms through a real session: TRUNCATE, VACUUM,
 * ANALYZE, storage parameters (pgbench's statements), OPERATOR(), regclass, type names,
 * general WITH shapes and what is refused.
 */
class DialectFormsTest {
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
    void truncateForms() {
        try (SqlClient c = server.connect()) {
            c.exec("create table tr_a (id serial, v int)");
            c.exec("create table tr_b (v int)");
            c.exec("insert into tr_a (v) values (1), (2)");
            c.exec("insert into tr_b values (1)");
            assertEquals("TRUNCATE TABLE", c.exec("truncate tr_b"));
            assertEquals(0L, c.value("select count(*) from tr_b"));
            c.exec("insert into tr_b values (1)");
            assertEquals("TRUNCATE TABLE", c.exec("truncate table only tr_a, tr_b restart identity cascade"));
            assertEquals(0L, c.value("select count(*) from tr_a"));
            assertEquals(0L, c.value("select count(*) from tr_b"));
            c.exec("insert into tr_a (v) values (3)");
            assertEquals(1, c.value("select id from tr_a"));
            assertEquals("TRUNCATE TABLE", c.exec("truncate tr_a continue identity restrict"));
            c.exec("insert into tr_a (v) values (4)");
            assertEquals(2, c.value("select id from tr_a"));
            c.exec("create table tr_p (id int primary key)");
            c.exec("create table tr_c (pid int references tr_p (id))");
            PgException referenced = c.error("truncate tr_p");
            assertEquals(SqlState.FEATURE_NOT_SUPPORTED, referenced.sqlState());
            assertEquals("cannot truncate a table referenced in a foreign key constraint", referenced.getMessage());
            PgException missing = c.error("truncate nosuch_tr");
            assertEquals(SqlState.UNDEFINED_TABLE, missing.sqlState());
            assertEquals("relation \"nosuch_tr\" does not exist", missing.getMessage());
        }
    }

    @Test
    void vacuumAndAnalyze() {
        try (SqlClient c = server.connect()) {
            c.exec("create table va (id int, v text)");
            c.exec("insert into va values (1, 'a')");
            assertEquals("VACUUM", c.exec("vacuum"));
            assertEquals("VACUUM", c.exec("vacuum analyze va"));
            assertEquals("VACUUM", c.exec("vacuum full freeze verbose analyze va (id), va"));
            assertEquals("VACUUM", c.exec("vacuum (verbose, analyze true, skip_locked) va"));
            assertEquals("ANALYZE", c.exec("analyze"));
            assertEquals("ANALYZE", c.exec("analyze verbose va (v)"));
            assertEquals("ANALYZE", c.exec("analyse va"));

            PgException missing = c.error("vacuum nosuch_va");
            assertEquals(SqlState.UNDEFINED_TABLE, missing.sqlState());
            assertEquals("relation \"nosuch_va\" does not exist", missing.getMessage());
            assertEquals("relation \"nosuch_va\" does not exist", c.error("analyze nosuch_va").getMessage());
            PgException column = c.error("analyze va (nosuch)");
            assertEquals(SqlState.UNDEFINED_COLUMN, column.sqlState());
            assertEquals("column \"nosuch\" of relation \"va\" does not exist", column.getMessage());
            assertEquals("unrecognized VACUUM option \"bogus\"", c.error("vacuum (bogus) va").getMessage());

            c.exec("begin");
            PgException inBlock = c.error("vacuum va");
            assertEquals(SqlState.ACTIVE_SQL_TRANSACTION, inBlock.sqlState());
            assertEquals("VACUUM cannot run inside a transaction block", inBlock.getMessage());
            c.exec("rollback");
            // ANALYZE may run in a block, and must not end it.
            c.exec("begin");
            c.exec("insert into va values (2, 'b')");
            assertEquals("ANALYZE", c.exec("analyze va"));
            c.exec("rollback");
            assertEquals(1L, c.value("select count(*) from va"));
        }
    }

    /** The statements {@code pgbench -i -I dtGvpf} (and its client-side variant, but COPY) sends to PostgreSQL 15. */
    @Test
    void pgbenchInitialisation() {
        try (SqlClient c = server.connect()) {
            String[] statements = {
                "drop table if exists pgbench_accounts, pgbench_branches, pgbench_history, pgbench_tellers",
                "create table pgbench_history(tid int,bid int,aid    int,delta int,mtime timestamp,filler char(22))",
                "create table pgbench_tellers(tid int not null,bid int,tbalance int,filler char(84)) with (fillfactor=100)",
                "create table pgbench_accounts(aid    int not null,bid int,abalance int,filler char(84)) "
                        + "with (fillfactor=100)",
                "create table pgbench_branches(bid int not null,bbalance int,filler char(88)) with (fillfactor=100)",
                "begin",
                "truncate table pgbench_accounts, pgbench_branches, pgbench_history, pgbench_tellers",
                "insert into pgbench_branches(bid,bbalance) select bid, 0 from generate_series(1, 1) as bid",
                "insert into pgbench_tellers(tid,bid,tbalance) select tid, (tid - 1) / 10 + 1, 0 "
                        + "from generate_series(1, 10) as tid",
                "insert into pgbench_accounts(aid,bid,abalance,filler) select aid, (aid - 1) / 100000 + 1, 0, '' "
                        + "from generate_series(1, 1000) as aid",
                "commit",
                "vacuum analyze pgbench_branches",
                "vacuum analyze pgbench_tellers",
                "vacuum analyze pgbench_accounts",
                "vacuum analyze pgbench_history",
                "alter table pgbench_branches add primary key (bid)",
                "alter table pgbench_tellers add primary key (tid)",
                "alter table pgbench_accounts add primary key (aid)",
                "alter table pgbench_tellers add constraint pgbench_tellers_bid_fkey foreign key (bid) "
                        + "references pgbench_branches",
                "alter table pgbench_accounts add constraint pgbench_accounts_bid_fkey foreign key (bid) "
                        + "references pgbench_branches",
                "alter table pgbench_history add constraint pgbench_history_bid_fkey foreign key (bid) "
                        + "references pgbench_branches",
                "alter table pgbench_history add constraint pgbench_history_tid_fkey foreign key (tid) "
                        + "references pgbench_tellers",
                "alter table pgbench_history add constraint pgbench_history_aid_fkey foreign key (aid) "
                        + "references pgbench_accounts",
                "select count(*) from pgbench_branches",
                "truncate pgbench_history",
                "insert into pgbench_tellers(tid,bid,tbalance) values (11,1,0)",
            };
            for (String s : statements) {
                c.exec(s);
            }
            assertEquals(1000L, c.value("select count(*) from pgbench_accounts"));
            assertEquals(List.of(row(1, 2L)), c.rows("select tid, bid + 1 from pgbench_tellers where tid = 1"
                    .replace("bid + 1", "cast(bid + 1 as bigint)")));
            // The transaction pgbench runs.
            c.exec("BEGIN");
            c.exec("UPDATE pgbench_accounts SET abalance = abalance + 4809 WHERE aid = 11");
            assertEquals(4809, c.value("SELECT abalance FROM pgbench_accounts WHERE aid = 11"));
            c.exec("UPDATE pgbench_tellers SET tbalance = tbalance + 4809 WHERE tid = 9");
            c.exec("UPDATE pgbench_branches SET bbalance = bbalance + 4809 WHERE bid = 1");
            c.exec("INSERT INTO pgbench_history (tid, bid, aid, delta, mtime) VALUES (9, 1, 11, 4809, CURRENT_TIMESTAMP)");
            c.exec("END");
            assertEquals(1L, c.value("select count(*) from pgbench_history"));
        }
    }

    @Test
    void storageParametersAreDropped() {
        try (SqlClient c = server.connect()) {
            assertEquals("CREATE TABLE", c.exec("create unlogged table sp (a int) with (fillfactor=70, "
                    + "autovacuum_enabled = false) tablespace pg_default"));
            assertEquals("ALTER TABLE", c.exec("alter table sp set (fillfactor = 100)"));
            assertEquals("ALTER TABLE", c.exec("alter table sp reset (fillfactor), add column b int"));
            assertEquals("ALTER TABLE", c.exec("alter table if exists nosuch_sp set (fillfactor = 100)"));
            assertEquals(SqlState.UNDEFINED_TABLE, c.error("alter table nosuch_sp set (fillfactor = 100)").sqlState());
            c.exec("insert into sp values (1, 2)");
            assertEquals(List.of(row(1, 2)), c.rows("select a, b from sp"));
        }
    }

    @Test
    void explicitOperatorsAndDefaultCollation() {
        try (SqlClient c = server.connect()) {
            c.exec("create table op_t (relname text)");
            c.exec("insert into op_t values ('pg_class'), ('other')");
            assertEquals(List.of(row("pg_class")), c.rows("select relname from op_t where relname "
                    + "OPERATOR(pg_catalog.~) '^(pg_class)$' COLLATE pg_catalog.default"));
            // psql's first \\d query.
            c.exec("create table op_d (a int)");
            List<List<Object>> d = c.rows("SELECT c.oid,\n  n.nspname,\n  c.relname\nFROM pg_catalog.pg_class c\n"
                    + "     LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace\n"
                    + "WHERE c.relname OPERATOR(pg_catalog.~) '^(op_d)$' COLLATE pg_catalog.default\n"
                    + "  AND pg_catalog.pg_table_is_visible(c.oid)\nORDER BY 2, 3;");
            assertEquals(1, d.size());
            assertEquals(List.of("public", "op_d"), d.get(0).subList(1, 3));
            assertEquals(2L, c.value("select pg_catalog.count(*) from op_t where pg_catalog.lower(relname) <> ''"));
            assertEquals(List.of(row(true, true, true, true, true)), c.rows("select 'a' OPERATOR(pg_catalog.=) 'a', "
                    + "'a' operator(pg_catalog.!~) 'b', 'A' OPERATOR(~*) 'a', 'abc' OPERATOR(pg_catalog.~~) 'a%', "
                    + "'x' COLLATE \"C\" < 'y'"));
        }
    }

    @Test
    void objectIdentifierCasts() {
        try (SqlClient c = server.connect()) {
            c.exec("create schema oidc");
            c.exec("create table oidc.rel (a int)");
            c.exec("create table plain_rel (a int)");
            Object oid = c.value("select oid from pg_catalog.pg_class where relname = 'plain_rel'");
            assertEquals(List.of(row(oid, oid, oid)), c.rows("select 'plain_rel'::regclass, "
                    + "'public.plain_rel'::pg_catalog.regclass::oid, cast('PLAIN_REL' as regclass)"));
            Object qualified = c.value("select c.oid from pg_catalog.pg_class c join pg_catalog.pg_namespace n "
                    + "on n.oid = c.relnamespace where n.nspname = 'oidc' and c.relname = 'rel'");
            assertEquals(qualified, c.value("select 'oidc.rel'::regclass"));
            assertEquals(List.of(row("plain_rel")),
                    c.rows("select relname from pg_catalog.pg_class where oid = 'plain_rel'::regclass"));
            // In a select list a regclass shows as PostgreSQL's output: the name (qualified when not visible).
            assertEquals("plain_rel", c.value("select c.oid::regclass from pg_catalog.pg_class c where relname = 'plain_rel'"));
            assertEquals("oidc.rel", c.value("select c.oid::pg_catalog.regclass as r from pg_catalog.pg_class c "
                    + "where relname = 'rel'"));
            assertEquals(oid, c.value("select c.oid from pg_catalog.pg_class c where c.oid::regclass = " + oid));

            PgException missing = c.error("select 'nosuch'::regclass");
            assertEquals(SqlState.UNDEFINED_TABLE, missing.sqlState());
            assertEquals("relation \"nosuch\" does not exist", missing.getMessage());
            assertEquals("relation \"public.nosuch\" does not exist",
                    c.error("select 'public.nosuch'::regclass").getMessage());

            assertEquals(List.of(row(23, 23, 1043, 25)), c.rows("select 'int4'::regtype, 'integer'::regtype::oid, "
                    + "'character varying'::regtype, cast('pg_catalog.text' as pg_catalog.regtype)"));
            PgException noType = c.error("select 'nosuchtype'::regtype");
            assertEquals(SqlState.UNDEFINED_OBJECT, noType.sqlState());
            assertEquals("type \"nosuchtype\" does not exist", noType.getMessage());
            assertEquals(SqlState.UNDEFINED_FUNCTION, c.error("select 'nosuchf'::regproc").sqlState());
            assertEquals(List.of(row(23)), c.rows("select atttypid::regtype from pg_catalog.pg_attribute "
                    + "where attrelid = 'plain_rel'::regclass and attname = 'a'"));
        }
    }

    @Test
    void typeNames() {
        try (SqlClient c = server.connect()) {
            c.exec("create table ty (a timestamptz, b timetz(3), c smallserial, d serial8, e bpchar(2), f name, "
                    + "name text, g int2, h float8, i bool, j bytea, k jsonb, l oid, m serial4)");
            c.exec("alter table ty add column n timestamptz(3)");
            c.exec("alter table ty alter column n set data type timestamptz");
            c.exec("insert into ty (a, b, e, f, name) values (timestamptz '2024-01-02 03:04:05+00', "
                    + "'10:00:00+02'::timetz, 'ab', 'x'::name, 'n')");
            List<SqlClient.Result> r = c.run("select a, c, d, e, f, name, now()::timestamptz, "
                    + "cast('2024-01-01 00:00:00+00' as pg_catalog.timestamptz), m from ty");
            var columns = r.get(0).columns;
            assertEquals(1184, columns.get(0).typeOid());
            assertEquals(21, columns.get(1).typeOid());
            assertEquals(20, columns.get(2).typeOid());
            assertEquals("n", r.get(0).rows.get(0).get(5));
            assertEquals(1184, columns.get(6).typeOid());
            assertEquals(1, r.get(0).rows.get(0).get(1));
        }
    }

    @Test
    void textColumnsAreReportedAsText() {
        try (SqlClient c = server.connect()) {
            c.exec("create table tx_t (t text, v varchar(10), u varchar)");
            c.exec("insert into tx_t values ('a', 'b', 'c')");
            var columns = c.run("select t, v, u, 'lit', upper(v), t || v from tx_t").get(0).columns;
            assertEquals(List.of(25, 1043, 25, 25, 25, 25), columns.stream().map(col -> col.typeOid()).toList());
        }
    }

    @Test
    void withQueriesInGeneral() {
        try (SqlClient c = server.connect()) {
            c.exec("create table wq_src (id int, v int)");
            c.exec("create table wq_dst (id int, v int)");
            c.exec("insert into wq_src values (1, 10), (2, 20), (3, 30)");
            // Moving rows: DELETE .. RETURNING feeding an INSERT.
            assertEquals("INSERT 0 2", c.exec("with moved as (delete from wq_src where id >= 2 returning *) "
                    + "insert into wq_dst select * from moved"));
            assertEquals(List.of(row(1)), c.rows("select id from wq_src"));
            assertEquals(2L, c.value("select count(*) from wq_dst"));
            // A SELECT main statement reading a data-modifying query twice: it ran once.
            SqlClient.Result r = c.run("with ins as (insert into wq_src values (4, 40), (5, 50) returning id) "
                    + "select (select count(*) from ins), (select count(*) from ins)").get(0);
            assertEquals("SELECT 1", r.tag);
            assertEquals(List.of(row(2L, 2L)), r.rows);
            assertEquals(3L, c.value("select count(*) from wq_src"));
            // An unreferenced data-modifying query runs all the same.
            c.exec("with gone as (delete from wq_dst) select 1");
            assertEquals(0L, c.value("select count(*) from wq_dst"));
            // WITH before a DELETE (H2 takes WITH before queries only).
            assertEquals("DELETE 1", c.exec("with x as (select 4 as id) delete from wq_src where id in "
                    + "(select id from x)"));
            // Parameters reach the materialised query.
            c.session().prepare("wqp", "with d as (delete from wq_src where id = $1 returning v) "
                    + "update wq_src set v = v + (select sum(v) from d) where id = $2");
            var qc = c.session().executePrepared("wqp", List.of(5, 1), org.elephas.api.sql.DestReceiver.NONE);
            assertEquals("UPDATE 1", qc.toString());
            assertEquals(List.of(row(1, 60)), c.rows("select id, v from wq_src"));
        }
    }

    @Test
    void withQueriesThatNeedOneSnapshotAreRefused() {
        try (SqlClient c = server.connect()) {
            c.exec("create table wr (id int, v int)");
            c.exec("insert into wr values (1, 1)");
            PgException reads = c.error("with d as (delete from wr returning *) select * from wr");
            assertEquals(SqlState.FEATURE_NOT_SUPPORTED, reads.sqlState());
            assertTrue(reads.getMessage().contains("\"d\""), reads.getMessage());
            assertEquals(SqlState.FEATURE_NOT_SUPPORTED,
                    c.error("with u as (update wr set v = 2 returning *) delete from wr").sqlState());
            PgException noReturning = c.error("with d as (delete from wr where id = 1) select * from d");
            assertEquals("WITH query \"d\" does not have a RETURNING clause", noReturning.getMessage());
            // Nothing of the refused statements ran.
            assertEquals(List.of(row(1, 1)), c.rows("select id, v from wr"));
        }
    }
}
