package org.elephas.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.elephas.testing.ShippedBundles;
import org.elephas.testing.SqlClient;
import org.elephas.testing.TestServer;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The three sample hook extensions, as shipped, preloaded together in either order: each sees
 * what it should whatever the others do around it, and the chains are in PostgreSQL's order
 * (the bundle loaded last is called first).
 */
class SampleHookBundlesIT {
    @TempDir
    Path root;

    @ParameterizedTest
    @ValueSource(strings = {"audit,stat_statements,auto_explain", "auto_explain,stat_statements,audit"})
    void allThreeSeeEveryStatementInEitherLoadOrder(String preload) throws Exception {
        ShippedBundles.copy(root.resolve("home/bundles"), "elephas-audit", "elephas-stat-statements", "elephas-auto-explain");
        try (TestServer server = TestServer.start(root, Map.of("shared_preload_bundles", preload));
                SqlClient client = server.connect()) {
            assertEquals(List.of(List.of("audit", "ACTIVE", "preload"), List.of("auto_explain", "ACTIVE", "preload"),
                    List.of("stat_statements", "ACTIVE", "preload")),
                    client.rows("select extension_name, state, origin from elephas_bundles"
                            + " where extension_name in ('audit', 'stat_statements', 'auto_explain') order by extension_name"));

            client.exec("CREATE EXTENSION stat_statements");
            client.exec("SET audit.log = 'ddl, write'");
            client.exec("SET auto_explain.log_min_duration = 0");
            client.exec("SELECT pg_stat_statements_reset()");
            client.exec("CREATE TABLE together (id int PRIMARY KEY, label text)");
            client.exec("INSERT INTO together VALUES (1, 'one'), (2, 'two')");
            client.exec("SELECT label FROM together WHERE id = 2");
            client.exec("SELECT label FROM together WHERE id = 1");

            // audit: the DDL and the write, with their outcome.
            server.log().await("AUDIT: SESSION,\\d+,1,DDL,CREATE TABLE,,,\"CREATE TABLE together .*,postgres,postgres,SUCCESS,00000",
                    TestServer.PATIENCE);
            server.log().await("AUDIT: SESSION,\\d+,1,WRITE,INSERT,,,\"INSERT INTO together .*,postgres,postgres,SUCCESS,00000",
                    TestServer.PATIENCE);
            // auto_explain: a plan for each optimisable statement.
            server.log().await("LOG:  duration: \\d+\\.\\d{3} ms  plan:", TestServer.PATIENCE);
            server.log().awaitCount("Query Text: SELECT label FROM together WHERE id = [12]$", 2, TestServer.PATIENCE);
            // stat_statements: both SELECTs under one normalised entry, the INSERT and the DDL.
            assertEquals(List.of(List.of(2L, 2L)), client.rows(
                    "SELECT calls, rows FROM pg_stat_statements WHERE query = 'SELECT label FROM together WHERE id = $1'"));
            assertEquals(List.of(List.of(1L, 2L)), client.rows(
                    "SELECT calls, rows FROM pg_stat_statements WHERE query LIKE 'INSERT INTO together%'"));
            assertEquals(1L, ((Number) client.value(
                    "SELECT count(*) FROM pg_stat_statements WHERE query LIKE 'CREATE TABLE together%'")).longValue());

            // Order: the bundle preloaded last is called first on every chain it is on.
            String last = preload.substring(preload.lastIndexOf(',') + 1);
            assertEquals(last, client.value(
                    "SELECT extension FROM elephas_hooks WHERE hook = 'ExecutorEnd' AND position = 1"));
            List<List<Object>> utility = client.rows(
                    "SELECT extension FROM elephas_hooks WHERE hook = 'ProcessUtility' ORDER BY position");
            assertTrue(utility.size() >= 2, utility.toString());
            assertEquals(preload.indexOf("audit") < preload.indexOf("stat_statements")
                    ? List.of(List.of("stat_statements"), List.of("audit")) : List.of(List.of("audit"), List.of("stat_statements")),
                    utility.subList(0, 2));
        }
    }
}
