package org.elephas.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Pattern;

import org.elephas.testing.PgClientTools;
import org.elephas.testing.PsqlRunner;
import org.elephas.testing.PsqlRunner.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The real psql against the distribution started as a process: a schema loaded from a script,
 * the describe meta-commands (compared with PostgreSQL 15's output for the same schema), an
 * extension in {@code \dx}, {@code \copy} both ways, and password authentication after
 * hba.conf is changed and reloaded.
 */
@Timeout(180)
class PsqlIT {
    private static final String SCHEMA = """
            CREATE TABLE customers (id integer CONSTRAINT customers_pkey PRIMARY KEY, name varchar(40) NOT NULL,
                email text CONSTRAINT customers_email_key UNIQUE, balance numeric(12,2) DEFAULT 0);
            CREATE TABLE orders (id bigint CONSTRAINT orders_pkey PRIMARY KEY, customer_id integer NOT NULL
                CONSTRAINT orders_customer_id_fkey REFERENCES customers (id), placed date, note text);
            CREATE INDEX orders_placed ON orders (placed);
            CREATE EXTENSION stat_statements;
            CREATE ROLE app LOGIN PASSWORD 'app secret';
            """;

    @Test
    void psqlAgainstTheDistribution() throws Exception {
        Path program = PgClientTools.require("psql");
        Path data = ServerProcess.newDataDirectory("psql");
        try (ServerProcess server = ServerProcess.startReady(data)) {
            PsqlRunner psql = new PsqlRunner(program, server.port());
            Result loaded = psql.run("postgres", "postgres", null, SCHEMA, "-v", "ON_ERROR_STOP=1", "-f", "-").ok();
            assertEquals("CREATE TABLE\nCREATE TABLE\nCREATE INDEX\nCREATE EXTENSION\nCREATE ROLE\n", loaded.stdout());

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

                        """, psql.run("postgres", "postgres", null, null, "-c", "\\d orders").ok().stdout());
            assertEquals("public|customers|table|postgres\npublic|orders|table|postgres\n",
                    psql.run("postgres", "postgres", null, null, "-A", "-t", "-c", "\\dt").ok().stdout());
            // The extension's description (its control file's comment) is not shown: docs/clients.md.
            assertEquals("stat_statements|1.0|public|\n",
                    psql.run("postgres", "postgres", null, null, "-A", "-t", "-c", "\\dx").ok().stdout());

            Path in = data.resolveSibling(data.getFileName() + "-in.csv");
            Files.writeString(in, "1,Ann,ann@example.com,120.5\n2,Bob,,3\n");
            assertEquals("COPY 2\n", psql.run("postgres", "postgres", null, null, "-c",
                    "\\copy customers from '" + in + "' with (format csv)").ok().stdout());
            assertEquals("1\tAnn\tann@example.com\t120.50\n2\tBob\t\\N\t3.00\n", psql.run("postgres", "postgres", null,
                    null, "-c", "\\copy (SELECT * FROM customers ORDER BY id) to stdout").ok().stdout());

            // Passwords: app must now authenticate by SCRAM.
            Files.writeString(data.resolve("hba.conf"), """
                    host    all    app    127.0.0.1/32    scram-sha-256
                    host    all    all    127.0.0.1/32    trust
                    """);
            int seen = server.log().size();
            server.signal("HUP");
            server.awaitLogLine(Pattern.compile("LOG:  received SIGHUP, reloading configuration files$"), seen,
                    ServerProcess.TIMEOUT);
            long deadline = System.nanoTime() + ServerProcess.TIMEOUT.toNanos();
            Result wrong;
            while ((wrong = psql.run("app", "postgres", "wrong", null, "-c", "SELECT 1")).exitCode() == 0) {
                assertTrue(System.nanoTime() < deadline, "hba.conf's scram rule never applied");
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
            }
            assertEquals(2, wrong.exitCode());
            assertTrue(wrong.stderr().contains("FATAL:  password authentication failed for user \"app\""),
                    wrong.stderr());
            assertEquals("app\n", psql.run("app", "postgres", "app secret", null, "-A", "-t", "-c",
                    "SELECT current_user").ok().stdout());
        }
    }
}
