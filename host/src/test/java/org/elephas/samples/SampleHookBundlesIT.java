package org.elephas.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.elephas.testing.ShippedBundles;
import org.elephas.testing.SqlClient;
import org.elephas.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The three sample hook extensions, as shipped, preload together. */
class SampleHookBundlesIT {
    @TempDir
    Path root;

    @Test
    void allThreePreloadTogether() throws Exception {
        ShippedBundles.copy(root.resolve("home/bundles"), "elephas-audit", "elephas-stat-statements", "elephas-auto-explain");
        try (TestServer server = TestServer.start(root, Map.of("shared_preload_bundles", "audit,stat_statements,auto_explain"));
                SqlClient client = server.connect()) {
            List<List<Object>> rows = client.rows("select extension_name, state, origin from elephas_bundles"
                    + " where extension_name in ('audit', 'stat_statements', 'auto_explain') order by extension_name");
            assertEquals(List.of(List.of("audit", "ACTIVE", "preload"), List.of("auto_explain", "ACTIVE", "preload"),
                    List.of("stat_statements", "ACTIVE", "preload")), rows);
        }
    }
}
