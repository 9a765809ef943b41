package org.elephas.extension;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;

import org.elephas.testing.SqlClient;
import org.elephas.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An extension and its Java functions across a restart: the bundle loads on the first call. */
class ExtensionRestartTest {
    @TempDir
    Path root;

    @Test
    void functionsSurviveARestartAndLoadTheirBundleOnFirstCall() throws Exception {
        ExtensionFixtures.build(root.resolve("home/bundles"));
        try (TestServer server = TestServer.start(root, Map.of()); SqlClient c = server.connect()) {
            c.exec("CREATE EXTENSION fx_sql");
            c.exec("INSERT INTO fx_items VALUES (5, 'five')");
        }
        try (TestServer server = TestServer.start(root, Map.of()); SqlClient c = server.connect()) {
            // Opening the database does not load the bundle: PostgreSQL loads a library on first use.
            assertEquals(1L, c.value("SELECT count(*) FROM fx_items WHERE id = 5"));
            assertEquals(0, server.log().count("fixture _PG_init of fx_sql"));
            assertEquals(11, c.value("SELECT fx_add(5, 6)"));
            assertEquals(1, server.log().count("fixture _PG_init of fx_sql"));
            assertEquals(2L, c.value("SELECT fx_count_items()"));
            assertEquals("1.0", server.postmaster().catalog().extensions(5).get(0).version());
            c.exec("DROP EXTENSION fx_sql");
            assertEquals("42P01", c.error("SELECT * FROM fx_items").sqlState());
        }
    }
}
