package org.elephas.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.elephas.dialect.Dialect;
import org.elephas.sql.LexedStatement;
import org.elephas.testing.SqlClient;
import org.elephas.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The catalog queries psql 15, pgjdbc 42.7 and pgbench 15 send, run word for word (the texts are
 * the resources in {@code client-queries/}, captured from those clients against PostgreSQL
 * 15.18) on a known schema: a table with a primary key, an index, NOT NULL columns and
 * defaults; a view; a sequence; a second schema with a foreign key. Expected rows are what
 * PostgreSQL 15 returned for the same schema, except where noted (constraint and index names
 * are the engine's; OIDs differ).
 */
class ClientCatalogQueriesTest {
    @TempDir
    static Path root;
    static TestServer server;
    static SqlClient client;
    static int accounts;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(root, Map.of());
        client = server.connect();
        client.run("CREATE TABLE accounts (id integer PRIMARY KEY, name varchar(40) NOT NULL, "
                + "balance numeric(12,2) DEFAULT 0, created timestamp, note text)");
        client.run("CREATE INDEX accounts_name_idx ON accounts (name)");
        client.run("CREATE VIEW rich AS SELECT id, name FROM accounts WHERE balance > 1000");
        client.run("CREATE SCHEMA sales");
        client.run("CREATE TABLE sales.orders (order_id bigint PRIMARY KEY, account_id integer REFERENCES "
                + "public.accounts(id) ON DELETE CASCADE, amount double precision NOT NULL, flag boolean DEFAULT true)");
        client.run("CREATE SEQUENCE counter_seq");
        accounts = ((Number) client.value("select oid from pg_catalog.pg_class where relname = 'accounts'")).intValue();
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
    }

    /** The statements of a captured file, with {oid} set to accounts. */
    private static List<String> queries(String name) {
        return queries(name, accounts);
    }

    /** The statements of a captured file, with {oid} set to the relation psql looked up. */
    private static List<String> queries(String name, int oid) {
        String text;
        try (InputStream in = ClientCatalogQueriesTest.class.getResourceAsStream("/client-queries/" + name + ".sql")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        List<String> out = new ArrayList<>();
        for (LexedStatement s : LexedStatement.split(text.replace("{oid}", Integer.toString(oid)))) {
            String sql = s.text().replaceAll("(?m)^--.*$", "").strip();
            if (!sql.isEmpty()) {
                out.add(sql);
            }
        }
        return out;
    }

    /** Rows as text, arrays as PostgreSQL prints them, so expectations read like psql's output. */
    private static List<List<String>> rows(String sql) {
        List<List<String>> out = new ArrayList<>();
        for (List<Object> row : client.rows(sql)) {
            List<String> r = new ArrayList<>();
            for (Object v : row) {
                r.add(text(v));
            }
            out.add(r);
        }
        return out;
    }

    private static String text(Object v) {
        if (v instanceof Object[] a) {
            return Arrays.toString(a);
        }
        if (v instanceof java.sql.Array a) {
            try {
                return Arrays.toString((Object[]) a.getArray());
            } catch (java.sql.SQLException e) {
                throw new AssertionError(e);
            }
        }
        return String.valueOf(v);
    }

    private static List<List<String>> single(String file) {
        List<String> q = queries(file);
        assertEquals(1, q.size(), file);
        return rows(q.get(0));
    }

    @Test
    void psqlListsDatabases() {
        assertEquals(List.of(List.of("postgres", "postgres", "UTF8", "C", "C", "null", "libc", "null"),
                List.of("template0", "postgres", "UTF8", "C", "C", "null", "libc", "null"),
                List.of("template1", "postgres", "UTF8", "C", "C", "null", "libc", "null")), single("psql-l"));
        List<List<String>> plus = single("psql-l-plus");
        assertEquals(3, plus.size());
        assertTrue(plus.get(0).get(8).endsWith("bytes") || plus.get(0).get(8).endsWith("kB"), plus.toString());
        assertEquals("pg_default", plus.get(0).get(9));
    }

    @Test
    void psqlListsRelationsOfEachKind() {
        assertEquals(List.of(List.of("public", "accounts", "table", "postgres")), single("psql-dt"));
        assertEquals(List.of(List.of("public", "rich", "view", "postgres")), single("psql-dv"));
        assertEquals(List.of(List.of("public", "counter_seq", "sequence", "postgres")), single("psql-ds"));
        assertEquals(List.of(List.of("public", "accounts", "table", "postgres"),
                List.of("public", "counter_seq", "sequence", "postgres"), List.of("public", "rich", "view", "postgres")),
                single("psql-d"));
        assertEquals(List.of(List.of("sales", "orders", "table", "postgres")), single("psql-dt-pattern"));
        // PostgreSQL names the primary key's index accounts_pkey; here it is the engine's constraint name.
        List<List<String>> indexes = single("psql-di");
        assertEquals(2, indexes.size());
        assertTrue(indexes.get(0).get(1).startsWith("CONSTRAINT_"), indexes.toString());
        assertEquals(List.of("public", "accounts_name_idx", "index", "postgres", "accounts"), indexes.get(1));
    }

    @Test
    void psqlListsSchemasRolesExtensionsFunctions() {
        assertEquals(List.of(List.of("public", "postgres"), List.of("sales", "postgres")), single("psql-dn"));
        List<List<String>> roles = single("psql-du");
        assertEquals(List.of("postgres", "true", "true", "true", "true", "true", "-1", "null", "[]", "true", "true"),
                roles.get(0));
        assertEquals(List.of(), single("psql-dx"));
        assertEquals(List.of(), single("psql-df"));
    }

    @Test
    void psqlDescribesATable() {
        List<String> q = queries("psql-d-table");
        assertEquals(12, q.size());
        assertEquals(List.of(List.of(Integer.toString(accounts), "public", "accounts")), rows(q.get(0)));
        // relchecks, relkind, relhasindex, relhasrules, relhastriggers, ..., relpersistence, relreplident, amname
        // relhastriggers: sales.orders has a foreign key to accounts (PostgreSQL's are triggers on both tables).
        assertEquals(List.of(List.of("0", "r", "true", "false", "true", "false", "false", "false", "false", "", "0", "",
                "p", "d", "heap")), rows(q.get(1)));
        assertEquals(List.of(List.of("id", "integer", "null", "true", "null", "", ""),
                List.of("name", "character varying(40)", "null", "true", "null", "", ""),
                List.of("balance", "numeric(12,2)", "0", "false", "null", "", ""),
                List.of("created", "timestamp without time zone", "null", "false", "null", "", ""),
                List.of("note", "text", "null", "false", "null", "", "")), rows(q.get(2)));
        List<List<String>> indexes = rows(q.get(3));
        assertEquals(2, indexes.size());
        String pk = indexes.get(0).get(0);
        assertEquals(List.of(pk, "true", "true", "false", "true", "CREATE UNIQUE INDEX \"" + pk
                + "\" ON public.accounts USING btree (id)", "PRIMARY KEY (id)", "p", "false", "false", "false", "0"),
                indexes.get(0));
        assertEquals(List.of("accounts_name_idx", "false", "false", "false", "true",
                "CREATE INDEX accounts_name_idx ON public.accounts USING btree (name)", "null", "null", "null", "null",
                "false", "0"), indexes.get(1));
        assertEquals(List.of(), rows(q.get(4)), "accounts has no foreign keys");
        List<List<String>> referencedBy = rows(q.get(5));
        assertEquals(1, referencedBy.size());
        // PostgreSQL shows conrelid::regclass as sales.orders; here it is the OID (see docs/sql.md).
        assertEquals("FOREIGN KEY (account_id) REFERENCES accounts(id) ON DELETE CASCADE", referencedBy.get(0).get(2));
        for (int i = 6; i < q.size(); i++) {
            assertEquals(List.of(), rows(q.get(i)), q.get(i));
        }
    }

    @Test
    void psqlDescribesAQualifiedTable() {
        List<String> q = queries("psql-d-qualified-table");
        int orders = ((Number) client.rows(q.get(0)).get(0).get(0)).intValue();
        String forOrders = String.join(";\n", q.subList(1, q.size())).replace(Integer.toString(accounts),
                Integer.toString(orders));
        List<SqlClient.Result> results = client.run(forOrders);
        assertEquals(11, results.size());
        assertEquals(List.of(List.of("order_id", "bigint", "null", "true", "null", "", ""),
                List.of("account_id", "integer", "null", "false", "null", "", ""),
                List.of("amount", "double precision", "null", "true", "null", "", ""),
                List.of("flag", "boolean", "true", "false", "null", "", "")),
                results.get(1).rows.stream().map(r -> r.stream().map(ClientCatalogQueriesTest::text).toList()).toList());
        List<List<Object>> foreignKeys = results.get(3).rows;
        assertEquals(1, foreignKeys.size());
        assertEquals("FOREIGN KEY (account_id) REFERENCES accounts(id) ON DELETE CASCADE", foreignKeys.get(0).get(2));
    }

    private static int oid(String relation) {
        return ((Number) client.value("select oid from pg_catalog.pg_class where relname = '" + relation + "'")).intValue();
    }

    @Test
    void psqlDescribesAViewASequenceAndAnIndex() {
        List<String> view = queries("psql-d-view", oid("rich"));
        assertEquals("v", rows(view.get(1)).get(0).get(1));
        assertEquals(List.of(List.of("id", "integer", "null", "false", "null", "", ""),
                List.of("name", "character varying(40)", "null", "false", "null", "", "")), rows(view.get(2)));
        List<String> sequence = queries("psql-d-sequence", oid("counter_seq"));
        assertEquals("S", rows(sequence.get(1)).get(0).get(1));
        // PostgreSQL's default cache is 1; the engine's is 32.
        assertEquals(List.of(List.of("bigint", "1", "1", "9223372036854775807", "1", "no", "32")),
                rows(sequence.get(2)));
        assertEquals(List.of(), rows(sequence.get(3)), "no sequence is owned by a column");
        List<String> index = queries("psql-d-index", oid("accounts_name_idx"));
        assertEquals(List.of("0", "i", "false"), rows(index.get(1)).get(0).subList(0, 3));
        assertEquals(List.of(List.of("name", "character varying(40)", "yes", "name")), rows(index.get(2)));
        assertEquals(List.of("false", "false", "false", "true", "false", "false", "false", "false", "btree", "accounts",
                "null"), rows(index.get(3)).get(0));
    }

    @Test
    void oidsAgreeAcrossCatalogsAndSessions() {
        assertTrue(accounts >= 16384, "user objects get OIDs from 16384: " + accounts);
        assertEquals(List.of(List.of("5")), rows("select count(*) from pg_catalog.pg_attribute where attrelid = "
                + accounts + " and attnum > 0"));
        assertEquals(List.of(List.of("2")), rows("select count(*) from pg_catalog.pg_index where indrelid = " + accounts));
        assertEquals(List.of(List.of(Integer.toString(accounts))), rows("select conrelid from pg_catalog.pg_constraint "
                + "where contype = 'p' and conrelid = 'accounts'::regclass"));
        assertEquals(List.of(List.of(Integer.toString(accounts))), rows("select confrelid from pg_catalog.pg_constraint "
                + "where contype = 'f'"));
        List<List<String>> primary = rows("select c.relname from pg_class c join pg_index i on c.oid = i.indexrelid "
                + "where i.indrelid = " + accounts + " and i.indisprimary");
        assertEquals(1, primary.size());
        assertTrue(primary.get(0).get(0).startsWith("CONSTRAINT_"), primary.toString());
        assertEquals(List.of(List.of("1259", "11", "2200", "23")), rows("select 'pg_class'::regclass, "
                + "'pg_catalog'::regnamespace, 'public'::regnamespace, 'int4'::regtype"));
        try (SqlClient other = server.connect()) {
            assertEquals(accounts, ((Number) other.value("select oid from pg_class where relname = 'accounts'")).intValue());
        }
    }

    @Test
    void pgjdbcMetadata() {
        assertEquals(List.of(List.of("postgres", "public", "accounts", "TABLE", "null", "", "", "", "", ""),
                List.of("postgres", "public", "rich", "VIEW", "null", "", "", "", "", "")), single("pgjdbc-getTables"));
        // current_database, nspname, relname, attname, atttypid, attnotnull, atttypmod, attlen, typtypmod, attnum,
        // attidentity, attgenerated, adsrc, description, typbasetype, typtype
        assertEquals(List.of(
                List.of("postgres", "public", "accounts", "id", "23", "true", "-1", "4", "-1", "1", "null", "null", "null",
                        "null", "0", "b"),
                List.of("postgres", "public", "accounts", "name", "1043", "true", "44", "-1", "-1", "2", "null", "null",
                        "null", "null", "0", "b"),
                List.of("postgres", "public", "accounts", "balance", "1700", "false", "786438", "-1", "-1", "3", "null",
                        "null", "0", "null", "0", "b"),
                List.of("postgres", "public", "accounts", "created", "1114", "false", "-1", "8", "-1", "4", "null",
                        "null", "null", "null", "0", "b"),
                List.of("postgres", "public", "accounts", "note", "25", "false", "-1", "-1", "-1", "5", "null", "null",
                        "null", "null", "0", "b")), single("pgjdbc-getColumns"));
        List<List<String>> keys = single("pgjdbc-getPrimaryKeys");
        assertEquals(1, keys.size());
        assertEquals(List.of("postgres", "public", "accounts", "id", "1"), keys.get(0).subList(0, 5));
        List<List<String>> index = single("pgjdbc-getIndexInfo");
        assertEquals(2, index.size());
        assertEquals(List.of("postgres", "public", "accounts", "false", "null"), index.get(0).subList(0, 5));
        assertEquals(List.of("3", "1", "id", "A"), index.get(0).subList(6, 10));
        assertEquals(List.of("postgres", "public", "accounts", "true", "null", "accounts_name_idx", "3", "1", "name", "A"),
                index.get(1).subList(0, 10));
        assertEquals(List.of(List.of("information_schema", "postgres"), List.of("pg_catalog", "postgres"),
                List.of("public", "postgres"), List.of("sales", "postgres")), single("pgjdbc-getSchemas"));
        List<List<String>> metadata = single("pgjdbc-resultSetMetaData");
        assertEquals(List.of(Integer.toString(accounts), "1", "id", "accounts", "public", "true"),
                metadata.get(0).subList(0, 6));
        assertEquals(5, metadata.size());
    }

    @Test
    void pgjdbcTypeCache() {
        List<String> types = queries("pgjdbc-getTypeInfo");
        List<List<String>> all = rows(types.get(0));
        assertTrue(all.contains(List.of("int4", "23")) && all.contains(List.of("_varchar", "1015"))
                && all.contains(List.of("timestamptz", "1184")), all.toString());
        List<List<String>> arrays = rows(types.get(1));
        assertTrue(arrays.contains(List.of("true", "b", "_int4", "1007")), arrays.toString());
        assertTrue(arrays.contains(List.of("false", "b", "int4", "23")), arrays.toString());
        List<String> cache = queries("pgjdbc-TypeInfoCache");
        assertEquals(List.of(List.of("true", "pg_catalog", "varchar")), rows(cache.get(0).replace("$1", "1043")));
        assertEquals(List.of(List.of("23", "int4")), rows(cache.get(1).replace("$1", "'int4'")));
        assertEquals(List.of(List.of("1007", "_int4")), rows(cache.get(2).replace("$1", "'int4'")
                .replace("$2", "'pg_catalog'").replace("$3", "false")));
        assertEquals(List.of(List.of("1043", "varchar")), rows(cache.get(3).replace("$1", "'varchar'")
                .replace("$2", "'pg_catalog'").replace("$3", "false")));
        assertEquals(List.of(List.of("true", "b", "_int4", "1007")), rows(cache.get(4).replace("$1", "1007")));
        assertEquals(List.of(List.of(",")), rows(cache.get(5).replace("$1", "1007")));
    }

    @Test
    void pgbenchFindsItsTableUnpartitioned() {
        String startup = single("pgbench-startup").isEmpty() ? null : "found";
        assertEquals(null, startup, "no pgbench_accounts yet: no row");
        client.run("create table pgbench_accounts(aid int not null,bid int,abalance int,filler char(84)) "
                + "with (fillfactor=100)");
        try {
            client.run("alter table pgbench_accounts add primary key (aid)");
            // Position of public in current_schemas(true) = {pg_catalog, public}; no partitioning, no children.
            assertEquals(List.of(List.of("2", "null", "0")), single("pgbench-startup"));
        } finally {
            client.run("drop table pgbench_accounts");
        }
    }

    @Test
    void catalogFollowsDdlFromOneStatementToTheNext() {
        List<SqlClient.Result> results = client.run("create table fresh (a int primary key); "
                + "select count(*) from pg_catalog.pg_class where relname = 'fresh'; "
                + "select count(*) from pg_catalog.pg_index i join pg_class c on c.oid = i.indrelid "
                + "where c.relname = 'fresh'; drop table fresh; "
                + "select count(*) from pg_catalog.pg_class where relname = 'fresh'");
        assertEquals(List.of(List.of(1L)), results.get(1).rows);
        assertEquals(List.of(List.of(1L)), results.get(2).rows);
        assertEquals(List.of(List.of(0L)), results.get(4).rows);
    }

    @Test
    void plainStatementsStayOffTheCatalogRewrites() {
        Dialect dialect = Dialect.standard();
        assertEquals(List.of(), dialect.rewritesFor(LexedStatement.of("select pg_class, oid from accounts a")));
        assertEquals(List.of(), dialect.rewritesFor(LexedStatement.of("SELECT abalance FROM pgbench_accounts WHERE aid = 1")));
        assertEquals(1, dialect.rewritesFor(LexedStatement.of("select oid from pg_catalog.pg_class")).size());
    }
}
