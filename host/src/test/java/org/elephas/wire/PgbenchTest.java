package org.elephas.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.elephas.testing.Pgbench;
import org.elephas.testing.SqlClient;
import org.elephas.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Real pgbench with custom scripts against an in-process server: pgbench's startup queries,
 * {@code \set} variables bound in each query mode, explicit transactions from concurrent
 * clients. (The built-in scripts and {@code -i} run against the distribution in PgbenchIT.)
 */
class PgbenchTest {
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @TempDir
    static Path root;
    static TestServer server;
    static Path counterScript;
    static Path selectOne;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(root, Map.of("listen_addresses", "127.0.0.1", "port", "0"));
        counterScript = Files.writeString(root.resolve("counter.sql"), """
                \\set id random(1, 10)
                BEGIN;
                UPDATE counters SET n = n + 1 WHERE id = :id;
                SELECT n FROM counters WHERE id = :id;
                END;
                """);
        selectOne = Files.writeString(root.resolve("select1.sql"), "SELECT 1;\n");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"simple", "extended", "prepared"})
    void aCustomScriptWithVariablesAndTransactions(String mode) {
        String table = "counters";
        try (SqlClient sql = server.connect()) {
            sql.exec("DROP TABLE IF EXISTS " + table);
            sql.exec("CREATE TABLE " + table + " (id int PRIMARY KEY, n int NOT NULL)");
            sql.exec("INSERT INTO " + table + " SELECT x, 0 FROM generate_series(1, 10) AS g(x)");
        }
        Pgbench.run(server.port(), DEADLINE, "-n", "-M", mode, "-c", "2", "-j", "2", "-t", "40", "-f",
                counterScript.toString()).assertCompleted(80);
        try (SqlClient sql = server.connect()) {
            assertEquals("80", String.valueOf(sql.value("SELECT sum(n) FROM " + table)), "every update kept, none lost");
        }
    }

    @Test
    void selectOneInEveryModeWithPerStatementLatencies() {
        for (String mode : new String[] {"simple", "extended", "prepared"}) {
            Pgbench.Result r = Pgbench.run(server.port(), DEADLINE, "-n", "-r", "-M", mode, "-t", "100", "-f",
                    selectOne.toString());
            r.assertCompleted(100);
            assertEquals(true, r.output().contains("statement latencies in milliseconds"), r.toString());
        }
    }
}
