package org.elephas.samples.statstatements;

import static org.elephas.testing.PgAssertions.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.elephas.testing.ShippedBundles;
import org.elephas.testing.SqlClient;
import org.elephas.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** stat_statements installed but not preloaded: like pg_stat_statements, it refuses to work. */
class StatStatementsNotPreloadedIT {
    @TempDir
    Path root;

    @Test
    void functionsSayHowToLoadIt() throws Exception {
        ShippedBundles.copy(root.resolve("home/bundles"), "elephas-stat-statements");
        try (TestServer server = TestServer.start(root, Map.of("shared_preload_bundles", ""));
                SqlClient c = server.connect()) {
            assertEquals("CREATE EXTENSION", c.exec("CREATE EXTENSION stat_statements"));
            String message = "pg_stat_statements must be loaded via \"shared_preload_bundles\"";
            assertError("55000", message, c.error("SELECT * FROM pg_stat_statements"));
            assertError("55000", message, c.error("SELECT pg_stat_statements_reset()"));
            assertError("55000", message, c.error("SELECT * FROM pg_stat_statements_info"));
            // Loaded, but its _PG_init returned at once: no parameters, no hooks.
            assertEquals(List.of(), c.rows("SELECT name FROM pg_settings WHERE name LIKE 'stat_statements.%'"));
            assertEquals(List.of(), c.rows("SELECT hook FROM elephas_hooks WHERE extension = 'stat_statements'"));
        }
    }
}
