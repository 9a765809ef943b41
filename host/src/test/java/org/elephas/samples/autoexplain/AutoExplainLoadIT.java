package org.elephas.samples.autoexplain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.elephas.samples.autoexplain.PlanLog.Report;
import org.elephas.testing.ShippedBundles;
import org.elephas.testing.SqlClient;
import org.elephas.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** auto_explain needs no shared state: {@code LOAD} in a session is enough. */
class AutoExplainLoadIT {
    @TempDir
    Path root;

    @Test
    void loadedInASession() throws Exception {
        ShippedBundles.copy(root.resolve("home/bundles"), "elephas-auto-explain");
        try (TestServer server = TestServer.start(root, Map.of()); SqlClient c = server.connect()) {
            PlanLog plans = new PlanLog(server.log());
            c.exec("SELECT 'before_load' AS marker");
            assertEquals("LOAD", c.exec("LOAD 'auto_explain'"));
            c.exec("SET auto_explain.log_min_duration = 0");
            c.exec("SELECT 'after_load' AS marker");
            Report r = plans.await("'after_load'");
            assertEquals("Query Text: SELECT 'after_load' AS marker", r.body().get(0));
            assertTrue(r.millis() >= 0);
            assertEquals(List.of(), plans.about("'before_load'"));
        }
    }
}
