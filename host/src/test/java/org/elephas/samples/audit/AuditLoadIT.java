package org.elephas.samples.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.elephas.testing.ShippedBundles;
import org.elephas.testing.SqlClient;
import org.elephas.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped audit extension loaded in a running server with {@code LOAD 'audit'}. */
class AuditLoadIT {
    @TempDir
    Path root;

    @Test
    void loadInstallsTheHookAndDefinesTheParameters() throws Exception {
        ShippedBundles.copy(root.resolve("home/bundles"), "elephas-audit");
        try (TestServer server = TestServer.start(root, Map.of());
                SqlClient client = server.connect()) {
            // Before LOAD, audit.log is only a placeholder and nothing is logged.
            client.exec("create table t_before (a int)");
            client.exec("load 'audit'");
            assertEquals("none", client.value("show audit.log"));
            assertEquals(List.of(List.of("ExecutorEnd", "audit"), List.of("ExecutorRun", "audit"),
                    List.of("ProcessUtility", "audit")),
                    client.rows("select hook, extension from elephas_hooks where extension = 'audit' order by hook"));
            client.exec("set audit.log = 'ddl'");
            client.exec("drop table t_before");
            String pid = String.valueOf(client.session().backend().pid());
            String line = server.log().await("AUDIT: SESSION,", TestServer.PATIENCE);
            assertEquals("[" + pid + "] LOG:  AUDIT: SESSION,1,1,DDL,DROP TABLE,,,drop table t_before,<not logged>,"
                    + "postgres,postgres,SUCCESS,00000", line.substring(line.indexOf('[')));
            assertEquals(1, server.log().count("AUDIT: "), server.log().toString());
        }
    }
}
