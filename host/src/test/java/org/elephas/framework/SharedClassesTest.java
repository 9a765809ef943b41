package org.elephas.framework;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;

import org.elephas.fixtures.tree.TreeExtension;
import org.elephas.testing.FixtureBundles;
import org.elephas.testing.SqlClient;
import org.elephas.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An extension bundle is wired to the host's own copy of the API and of the parse-tree library
 * (the system bundle exports both), so a tree a hook receives is an instance of the class the
 * bundle compiled against.
 */
class SharedClassesTest {
    @TempDir
    Path root;

    @Test
    void aBundleSeesTheHostsParseTreeAndApiClasses() throws Exception {
        try (TestServer server = TestServer.start(root, Map.of())) {
            FixtureBundles.build(root.resolve("home/bundles"), "fx_tree", TreeExtension.class);
            try (SqlClient c = server.connect()) {
                c.exec("LOAD 'fx_tree'");
            }
            String line = server.log().await("fixture tree classes", TestServer.PATIENCE);
            assertEquals(System.identityHashCode(net.sf.jsqlparser.statement.Statement.class) + " "
                    + System.identityHashCode(org.elephas.api.sql.Query.class),
                    line.substring(line.indexOf("classes ") + "classes ".length()).trim());
        }
    }
}
