package org.elephas.samples.autoexplain;

import static org.elephas.testing.PgAssertions.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.elephas.api.sql.Column;
import org.elephas.api.sql.CommandType;
import org.elephas.api.sql.DestReceiver;
import org.elephas.fixtures.explain.ExplainFixtureExtension;
import org.elephas.samples.autoexplain.PlanLog.Report;
import org.elephas.testing.FixtureBundles;
import org.elephas.testing.ShippedBundles;
import org.elephas.testing.SqlClient;
import org.elephas.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped auto_explain bundle, preloaded. Its parameters are per session, so each test sets
 * them in a session of its own and finds its reports by a marker in its statements' text.
 * Slow statements are slow by construction: {@code fx_block(ms)} blocks for at least that long.
 */
class AutoExplainIT {
    @TempDir
    static Path root;
    static TestServer server;
    static PlanLog plans;

    @BeforeAll
    static void start() throws Exception {
        ShippedBundles.copy(root.resolve("home/bundles"), "elephas-auto-explain");
        FixtureBundles.build(root.resolve("home/bundles"), "fx_explain", ExplainFixtureExtension.class,
                Map.of("sql/fx_explain--1.0.sql", ExplainFixtureExtension.SCRIPT));
        server = TestServer.start(root, Map.of("shared_preload_bundles", "auto_explain"));
        plans = new PlanLog(server.log());
        try (SqlClient c = server.connect()) {
            c.exec("CREATE EXTENSION fx_explain");
            c.exec("CREATE TABLE ae_items (id int PRIMARY KEY, label text)");
            c.exec("INSERT INTO ae_items VALUES (1, 'one'), (2, 'two')");
            c.exec("CREATE ROLE ae_user LOGIN");
        }
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aSlowStatementIsLoggedWithItsTextPlanAndDurationAFastOneIsNot() {
        try (SqlClient c = server.connect()) {
            c.exec("SET auto_explain.log_min_duration = 100");
            c.exec("SELECT 'slow_1' AS marker, fx_block(150)");
            c.exec("SELECT 'fast_1' AS marker FROM ae_items WHERE id = 1");

            Report slow = plans.await("'slow_1'");
            assertEquals("LOG", slow.level());
            assertTrue(slow.millis() >= 150, "duration " + slow.millis());
            assertEquals("Query Text: SELECT 'slow_1' AS marker, fx_block(150)", slow.body().get(0));
            // The engine's plan (H2's EXPLAIN) follows the query text.
            assertTrue(slow.text().contains("fx_block(150)") && slow.body().size() > 1, slow.text());
            assertEquals(List.of(), plans.about("'fast_1'"));
            // No STATEMENT line: the report carries the text already.
            assertEquals(0, server.log().count("STATEMENT:  SELECT 'slow_1'"));
        }
    }

    @Test
    void zeroLogsEveryStatementMinusOneNone() {
        try (SqlClient c = server.connect()) {
            c.exec("SET auto_explain.log_min_duration = 0");
            c.exec("SELECT 'every_1' AS marker FROM ae_items WHERE id = 2");
            Report fast = plans.await("'every_1'");
            assertTrue(fast.text().contains("PRIMARY_KEY"), "the engine plans an index lookup: " + fast.text());

            c.exec("SET auto_explain.log_min_duration = -1");
            c.exec("SELECT 'none_1' AS marker, fx_block(20)");
            c.exec("RESET auto_explain.log_min_duration");
            c.exec("SELECT 'none_2' AS marker, fx_block(20)");
            assertEquals(List.of(), plans.about("'none_1'"));
            assertEquals(List.of(), plans.about("'none_2'"));
        }
    }

    @Test
    void nestedStatementsOnlyWithLogNestedStatements() {
        try (SqlClient c = server.connect()) {
            c.exec("SET auto_explain.log_min_duration = 0");
            c.exec("SELECT 'outer_1' AS marker, fx_nested('SELECT ''inner_1'' AS marker FROM ae_items')");
            plans.await("'outer_1'");
            assertEquals(List.of(), plans.about("Query Text: SELECT 'inner_1'"));

            c.exec("SET auto_explain.log_nested_statements = on");
            c.exec("SELECT 'outer_2' AS marker, fx_nested('SELECT ''inner_2'' AS marker FROM ae_items')");
            plans.await("'outer_2'");
            assertEquals(1, plans.about("Query Text: SELECT 'inner_2'").size());
        }
    }

    @Test
    void sampleRateZeroLogsNothingOneEverything() {
        try (SqlClient c = server.connect()) {
            c.exec("SET auto_explain.log_min_duration = 0");
            c.exec("SET auto_explain.sample_rate = 0");
            for (int i = 0; i < 20; i++) {
                c.exec("SELECT 'unsampled_" + i + "' AS marker");
            }
            assertEquals(List.of(), plans.about("'unsampled_"));

            c.exec("SET auto_explain.sample_rate = 1");
            for (int i = 0; i < 20; i++) {
                c.exec("SELECT 'sampled_" + i + "' AS marker");
            }
            plans.await("'sampled_19'");
            assertEquals(20, plans.about("'sampled_").size());
        }
    }

    @Test
    void logLevelAndFormat() {
        try (SqlClient c = server.connect()) {
            c.exec("SET auto_explain.log_min_duration = 0");
            c.exec("SET auto_explain.log_level = warning");
            c.exec("SELECT 'warned_1' AS marker");
            assertEquals("WARNING", plans.await("'warned_1'").level());

            // Below log_min_messages (warning here): not written.
            c.exec("SET auto_explain.log_level = debug1");
            c.exec("SELECT 'debug_1' AS marker");
            assertEquals(List.of(), plans.about("'debug_1'"));

            c.exec("RESET auto_explain.log_level");
            c.exec("SET auto_explain.log_format = json");
            c.exec("SELECT 'json_1' AS marker");
            Report json = plans.await("'json_1'");
            assertEquals("LOG", json.level());
            assertEquals("{", json.body().get(0));
            assertEquals("  \"Query Text\": \"SELECT 'json_1' AS marker\",", json.body().get(1));
            assertTrue(json.body().get(2).startsWith("  \"Plan\": \"SELECT\\n"), json.text());
            assertEquals("}", json.body().get(json.body().size() - 1));
            assertError("22023", "invalid value for parameter \"auto_explain.log_format\": \"xml\"",
                    c.error("SET auto_explain.log_format = xml"));
        }
    }

    @Test
    void aPreparedStatementShowsItsParametersAndItsGenericPlan() {
        try (SqlClient c = server.connect()) {
            c.exec("SET auto_explain.log_min_duration = 0");
            c.session().prepare("ae_p", "SELECT 'prepared_1' AS marker, label FROM ae_items WHERE id = $1 AND label <> 'x$1'");
            c.session().executePrepared("ae_p", List.of(1), discard());
            Report r = plans.await("'prepared_1'");
            assertEquals("Query Parameters: $1 = '1'", r.body().get(1));
            assertTrue(r.text().contains("PRIMARY_KEY") && r.text().contains("?1"), r.text());
            assertTrue(r.text().contains("'x$1'"), "literals stay as written: " + r.text());

            c.exec("SET auto_explain.log_parameter_max_length = 0");
            c.session().executePrepared("ae_p", List.of(2), discard());
            assertEquals(2, plans.about("'prepared_1'").size());
            assertTrue(plans.about("'prepared_1'").get(1).body().stream().noneMatch(l -> l.startsWith("Query Parameters")));

            // Cut at 4 bytes, then quoted as a literal.
            c.exec("SET auto_explain.log_parameter_max_length = 4");
            c.session().prepare("ae_q", "SELECT 'prepared_2' AS marker, id FROM ae_items WHERE label = $1");
            c.session().executePrepared("ae_q", java.util.Arrays.asList("it's long", null), discard());
            assertEquals("Query Parameters: $1 = 'it''s...', $2 = NULL", plans.await("'prepared_2'").body().get(1));
        }
    }

    @Test
    void onlySuperusersMaySetTheParameters() {
        try (SqlClient c = server.connect("postgres", "ae_user")) {
            assertError("42501", "permission denied to set parameter \"auto_explain.log_min_duration\"",
                    c.error("SET auto_explain.log_min_duration = 0"));
            assertError("42501", "permission denied to set parameter \"auto_explain.sample_rate\"",
                    c.error("SET auto_explain.sample_rate = 0.5"));
            assertEquals("-1", c.value("SHOW auto_explain.log_min_duration"));
        }
        try (SqlClient c = server.connect()) {
            assertEquals(List.of(List.of("auto_explain.log_min_duration", "-1", "ms", "superuser")),
                    c.rows("SELECT name, setting, unit, context FROM pg_settings WHERE name = 'auto_explain.log_min_duration'"));
            // The prefix is reserved: no placeholder may appear under it.
            assertError("42602", "invalid configuration parameter name \"auto_explain.no_such\"",
                    c.error("SET auto_explain.no_such = 1"));
        }
    }

    private static DestReceiver discard() {
        return new DestReceiver() {
            @Override
            public void startup(CommandType operation, List<Column> columns) {
            }

            @Override
            public boolean receive(Object[] row) {
                return true;
            }

            @Override
            public void shutdown() {
            }
        };
    }
}
