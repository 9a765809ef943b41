package org.elephas.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.elephas.testing.SqlClient;
import org.elephas.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sessions running DDL at the same moment in one database, as worker_spi's workers do when
 * they start together: none may fail with H2's {@code Timeout trying to lock table "SYS"}
 * (the engine deadlock {@link DdlLock} prevents).
 */
class ConcurrentDdlTest {
    private static final int SESSIONS = 3;

    @TempDir
    Path root;

    @Test
    void concurrentCreateSchemaWithElementsAllSucceed() throws Exception {
        try (TestServer server = TestServer.start(root, Map.of()); SqlClient admin = server.connect()) {
            admin.exec("CREATE DATABASE ddldb");
            ExecutorService pool = Executors.newFixedThreadPool(SESSIONS);
            try {
                for (int round = 0; round < 2; round++) {
                    CyclicBarrier start = new CyclicBarrier(SESSIONS);
                    List<Future<String>> results = new ArrayList<>();
                    for (int i = 0; i < SESSIONS; i++) {
                        String schema = "s" + round + "_" + i;
                        results.add(pool.submit(() -> {
                            try (SqlClient c = server.connect("ddldb", "postgres")) {
                                start.await();
                                // worker_spi's initialisation transaction.
                                c.exec("BEGIN");
                                c.value("select count(*) from pg_namespace where nspname = '" + schema + "'");
                                c.exec("CREATE SCHEMA \"" + schema + "\" CREATE TABLE \"counted\" (type text CHECK"
                                        + " (type IN ('total', 'delta')), value integer)CREATE UNIQUE INDEX"
                                        + " \"counted_unique_total\" ON \"counted\" (type) WHERE type = 'total'");
                                return c.exec("COMMIT");
                            }
                        }));
                    }
                    for (Future<String> f : results) {
                        assertEquals("COMMIT", f.get());
                    }
                }
            } finally {
                pool.shutdownNow();
            }
            try (SqlClient c = server.connect("ddldb", "postgres")) {
                assertEquals(6L, c.value("SELECT count(*) FROM information_schema.tables WHERE table_name = 'counted'"));
            }
        }
    }
}
