package org.elephas.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;

import org.elephas.testing.SqlClient;
import org.elephas.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The system objects are rebuilt at a database's open only when the definitions recorded in it
 * (a fingerprint in the schema's comment) are not this build's.
 */
class SystemObjectsTest {

    private static final String RECORDED =
            "select remarks from information_schema.schemata where upper(schema_name) = 'ELEPHAS_CATALOG'";

    @TempDir
    Path root;

    @Test
    void rebuiltWhenTheRecordedDefinitionsDifferAndKeptWhenTheyMatch() throws Exception {
        String fingerprint;
        try (TestServer server = TestServer.start(root, Map.of()); SqlClient c = server.connect()) {
            fingerprint = (String) c.value(RECORDED);
            assertTrue(fingerprint.startsWith("elephas system objects "), fingerprint);
            // As an older build would have left it: other definitions, another fingerprint.
            c.exec("create or replace view elephas_catalog.pg_wait_events as select 1 as x");
            c.exec("comment on schema elephas_catalog is 'elephas system objects of another build'");
        }
        try (TestServer server = TestServer.start(root, Map.of()); SqlClient c = server.connect()) {
            assertEquals(fingerprint, c.value(RECORDED));
            assertTrue(((Number) c.value("select count(*) from pg_wait_events")).longValue() > 1,
                    "the view is this build's again");
            c.exec("create or replace view elephas_catalog.pg_wait_events as select 1 as x");
        }
        try (TestServer server = TestServer.start(root, Map.of()); SqlClient c = server.connect()) {
            assertEquals(1L, ((Number) c.value("select count(*) from pg_wait_events")).longValue(),
                    "matching fingerprint: nothing was re-run");
        }
    }
}
