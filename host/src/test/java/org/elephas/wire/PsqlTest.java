package org.elephas.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.elephas.testing.PgClientTools;
import org.elephas.testing.PsqlRunner;
import org.elephas.testing.PsqlRunner.Result;
import org.elephas.testing.SqlClient;
import org.elephas.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real psql (15) against the wire server: connecting (trust, password), queries, the
 * describe meta-commands and {@code \copy}. The expected outputs of the meta-commands are what
 * psql prints against PostgreSQL 15 for the same schema (constraints are named, since the
 * engine names unnamed ones differently: docs/clients.md).
 */
class PsqlTest {
    @TempDir
    static Path root;
    static TestServer server;
    static PsqlRunner psql;

    @BeforeAll
    static void start() throws Exception {
        Path program = PgClientTools.require("psql");
        Files.createDirectories(root.resolve("data"));
        Files.writeString(root.resolve("data/hba.conf"), """
                host    all       app         127.0.0.1/32   scram-sha-256
                host    all       all         127.0.0.1/32   trust
                """);
        server = TestServer.start(root, Map.of("listen_addresses", "127.0.0.1"));
        psql = new PsqlRunner(program, server.port());
        try (SqlClient c = server.connect()) {
            c.exec("CREATE ROLE app LOGIN PASSWORD 'app secret'");
            c.exec("CREATE SCHEMA scratch"); // tables of single tests, out of the listings' way
            c.exec("CREATE TABLE customers (id integer CONSTRAINT customers_pkey PRIMARY KEY, "
                    + "name varchar(40) NOT NULL, email text CONSTRAINT customers_email_key UNIQUE, "
                    + "balance numeric(12,2) DEFAULT 0)");
            c.exec("CREATE TABLE orders (id bigint CONSTRAINT orders_pkey PRIMARY KEY, customer_id integer NOT NULL "
                    + "CONSTRAINT orders_customer_id_fkey REFERENCES customers (id), placed date, note text)");
            c.exec("CREATE INDEX orders_placed ON orders (placed)");
            c.exec("CREATE VIEW big_customers AS SELECT id, name FROM customers WHERE balance > 100");
            c.exec("CREATE SEQUENCE order_numbers");
            c.exec("INSERT INTO customers VALUES (1, 'Ann', 'ann@example.com', 120.50), (2, 'Bob', NULL, 3)");
        }
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    static Result postgres(String... args) {
        return psql.run("postgres", "postgres", null, null, args).ok();
    }

    @Test
    void connectsWithTrustAndWithAPassword() {
        assertEquals("postgres|2\n", postgres("-A", "-t", "-c", "SELECT current_user, 1 + 1").stdout());
        Result app = psql.run("app", "postgres", "app secret", null, "-A", "-t", "-c", "SELECT current_user").ok();
        assertEquals("app\n", app.stdout());
        Result wrong = psql.run("app", "postgres", "wrong", null, "-c", "SELECT 1");
        assertEquals(2, wrong.exitCode());
        assertTrue(wrong.stderr().contains("FATAL:  password authentication failed for user \"app\""), wrong.stderr());
    }

    @Test
    void runsAScript() {
        String script = """
                CREATE TABLE scratch.script_t (n int, word text);
                INSERT INTO scratch.script_t VALUES (1, 'one'), (2, 'two');
                SELECT n, word FROM scratch.script_t ORDER BY n;
                BEGIN;
                UPDATE scratch.script_t SET word = upper(word);
                ROLLBACK;
                SELECT count(*) FROM scratch.script_t WHERE word = 'one';
                """;
        Result r = psql.run("postgres", "postgres", null, script, "-A", "-t", "-v", "ON_ERROR_STOP=1", "-f", "-").ok();
        assertEquals("CREATE TABLE\nINSERT 0 2\n1|one\n2|two\nBEGIN\nUPDATE 2\nROLLBACK\n1\n", r.stdout());
        // An error stops the script with exit status 3 and PostgreSQL's message.
        Result failed = psql.run("postgres", "postgres", null, "SELECT * FROM no_such_table;\nSELECT 1;\n", "-A",
                "-t", "-v", "ON_ERROR_STOP=1", "-f", "-");
        assertEquals(3, failed.exitCode());
        assertTrue(failed.stderr().contains("ERROR:  relation \"no_such_table\" does not exist"), failed.stderr());
        assertEquals("", failed.stdout());
    }

    @Test
    void alignedQueryOutput() {
        assertEquals("""
                 id | name | balance\s
                ----+------+---------
                  1 | Ann  |  120.50
                  2 | Bob  |    3.00
                (2 rows)

                """, postgres("-c", "SELECT id, name, balance FROM customers ORDER BY id").stdout());
    }

    @Test
    void listTables() {
        assertEquals("""
                           List of relations
                 Schema |   Name    | Type  |  Owner  \s
                --------+-----------+-------+----------
                 public | customers | table | postgres
                 public | orders    | table | postgres
                (2 rows)

                """, postgres("-c", "\\dt").stdout());
    }

    @Test
    void describeTable() {
        assertEquals("""
                                     Table "public.customers"
                 Column  |         Type          | Collation | Nullable | Default\s
                ---------+-----------------------+-----------+----------+---------
                 id      | integer               |           | not null |\s
                 name    | character varying(40) |           | not null |\s
                 email   | text                  |           |          |\s
                 balance | numeric(12,2)         |           |          | 0
                Indexes:
                    "customers_pkey" PRIMARY KEY, btree (id)
                    "customers_email_key" UNIQUE CONSTRAINT, btree (email)
                Referenced by:
                    TABLE "orders" CONSTRAINT "orders_customer_id_fkey" FOREIGN KEY (customer_id) REFERENCES customers(id)

                """, postgres("-c", "\\d customers").stdout());
        assertEquals("""
                                 Table "public.orders"
                   Column    |  Type   | Collation | Nullable | Default\s
                -------------+---------+-----------+----------+---------
                 id          | bigint  |           | not null |\s
                 customer_id | integer |           | not null |\s
                 placed      | date    |           |          |\s
                 note        | text    |           |          |\s
                Indexes:
                    "orders_pkey" PRIMARY KEY, btree (id)
                    "orders_placed" btree (placed)
                Foreign-key constraints:
                    "orders_customer_id_fkey" FOREIGN KEY (customer_id) REFERENCES customers(id)

                """, postgres("-c", "\\d orders").stdout());
    }

    @Test
    void listViewsSequencesIndexes() {
        assertEquals("""
                            List of relations
                 Schema |     Name      | Type |  Owner  \s
                --------+---------------+------+----------
                 public | big_customers | view | postgres
                (1 row)

                """, postgres("-c", "\\dv").stdout());
        assertEquals("""
                              List of relations
                 Schema |     Name      |   Type   |  Owner  \s
                --------+---------------+----------+----------
                 public | order_numbers | sequence | postgres
                (1 row)

                """, postgres("-c", "\\ds").stdout());
        assertEquals("""
                                      List of relations
                 Schema |        Name         | Type  |  Owner   |   Table  \s
                --------+---------------------+-------+----------+-----------
                 public | customers_email_key | index | postgres | customers
                 public | customers_pkey      | index | postgres | customers
                 public | orders_pkey         | index | postgres | orders
                 public | orders_placed       | index | postgres | orders
                (4 rows)

                """, postgres("-c", "\\di").stdout());
        // Sizes are the engine's; the listing works.
        String plus = postgres("-A", "-t", "-c", "\\dt+").stdout();
        assertTrue(plus.startsWith("public|customers|table|postgres|permanent|heap|"), plus);
    }

    @Test
    void listRolesDatabasesExtensions() {
        assertEquals("""
                                                   List of roles
                 Role name |                         Attributes                         | Member of\s
                -----------+------------------------------------------------------------+-----------
                 app       |                                                            | {}
                 postgres  | Superuser, Create role, Create DB, Replication, Bypass RLS | {}

                """, postgres("-c", "\\du").stdout());
        // Name, owner, encoding, collate, ctype, ICU locale, provider, privileges.
        assertEquals("""
                postgres|postgres|UTF8|C|C||libc|
                template0|postgres|UTF8|C|C||libc|
                template1|postgres|UTF8|C|C||libc|
                """, postgres("-A", "-t", "-c", "\\l").stdout());
        // No extension is installed (PostgreSQL would list plpgsql).
        assertEquals("""
                     List of installed extensions
                 Name | Version | Schema | Description\s
                ------+---------+--------+-------------
                (0 rows)

                """, postgres("-c", "\\dx").stdout());
    }

    @Test
    void copyBothWays() throws Exception {
        Path in = root.resolve("in.csv");
        Files.writeString(in, "3,Cid,cid@example.com,5\n4,Dan,,6.5\n");
        postgres("-c", "CREATE TABLE scratch.copy_t (id int PRIMARY KEY, name text, email text, balance numeric(12,2))");
        Result from = postgres("-c", "\\copy scratch.copy_t from '" + in + "' with (format csv)");
        assertEquals("COPY 2\n", from.stdout());
        Path out = root.resolve("out.csv");
        Result to = postgres("-c", "\\copy (SELECT * FROM scratch.copy_t ORDER BY id) to '" + out + "' with csv header");
        assertEquals("COPY 2\n", to.stdout());
        assertEquals("id,name,email,balance\n3,Cid,cid@example.com,5.00\n4,Dan,,6.50\n", Files.readString(out));
        // Text format through psql's stdin and stdout.
        Result stdin = psql.run("postgres", "postgres", null, "5\tEve\t\\N\t7\n\\.\n", "-c",
                "\\copy scratch.copy_t from stdin").ok();
        assertEquals("COPY 1\n", stdin.stdout());
        assertEquals("5\tEve\t\\N\t7.00\n", postgres("-c", "\\copy (SELECT * FROM scratch.copy_t WHERE id = 5) to stdout")
                .stdout());
    }
}
