package org.elephas.samples.statstatements;

import static org.elephas.testing.PgAssertions.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.elephas.extension.ExtensionFixtures;
import org.elephas.testing.ShippedBundles;
import org.elephas.testing.SqlClient;
import org.elephas.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped stat_statements bundle, preloaded: what pg_stat_statements counts, and how its
 * parameters change that. One server for all tests; each test starts from a reset and sets the
 * parameters it needs in its own session.
 */
class StatStatementsIT {
    @TempDir
    static Path root;
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        ShippedBundles.copy(root.resolve("home/bundles"), "elephas-stat-statements");
        ExtensionFixtures.build(root.resolve("home/bundles"));
        server = TestServer.start(root, Map.of("shared_preload_bundles", "stat_statements", "stat_statements.max", "100"));
        try (SqlClient c = server.connect()) {
            c.exec("CREATE EXTENSION stat_statements");
            c.exec("CREATE EXTENSION fx_sql");
            c.exec("CREATE TABLE items (id int PRIMARY KEY, label text)");
            c.exec("INSERT INTO items VALUES (1, 'one'), (2, 'two'), (3, 'three')");
            c.exec("CREATE ROLE alice LOGIN");
            c.exec("CREATE DATABASE other");
        }
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void reset() {
        try (SqlClient c = server.connect()) {
            c.exec("SELECT pg_stat_statements_reset()");
        }
    }

    /** @return [calls, rows] of the entry with this text, or null */
    private static List<Object> callsAndRows(SqlClient c, String query) {
        List<List<Object>> rows = c.rows("SELECT calls, rows FROM pg_stat_statements WHERE query = '"
                + query.replace("'", "''") + "'");
        assertTrue(rows.size() <= 1, rows.toString());
        return rows.isEmpty() ? null : rows.get(0);
    }

    @Test
    void sameStatementWithOtherConstantsIsOneEntryWithNormalisedText() {
        try (SqlClient c = server.connect()) {
            c.exec("SELECT * FROM items WHERE id = 1");
            c.exec("SELECT * FROM items WHERE id = 2");
            c.exec("SELECT * FROM items WHERE id = 42");
            c.exec("UPDATE items SET label = 'x' WHERE id >= 2");
            assertEquals(List.of(3L, 2L), callsAndRows(c, "SELECT * FROM items WHERE id = $1"));
            assertEquals(List.of(1L, 2L), callsAndRows(c, "UPDATE items SET label = $1 WHERE id >= $2"));
            c.exec("UPDATE items SET label = CASE id WHEN 1 THEN 'one' WHEN 2 THEN 'two' ELSE 'three' END");

            List<Object> row = c.rows("SELECT userid, dbid, toplevel, queryid, plans, total_plan_time, total_exec_time,"
                    + " min_exec_time <= mean_exec_time, mean_exec_time <= max_exec_time, stddev_exec_time >= 0"
                    + " FROM pg_stat_statements WHERE query = 'SELECT * FROM items WHERE id = $1'").get(0);
            assertEquals(10L, row.get(0), "the bootstrap superuser's OID");
            assertEquals(5L, row.get(1), "the postgres database's OID");
            assertEquals(true, row.get(2));
            assertTrue(row.get(3) instanceof Long);
            assertEquals(0L, row.get(4), "track_planning is off by default");
            assertEquals(0.0, row.get(5));
            assertTrue((Double) row.get(6) > 0, row.toString());
            assertEquals(List.of(true, true, true), row.subList(7, 10));
        }
    }

    @Test
    void utilityStatementsAndTheirRows() {
        try (SqlClient c = server.connect()) {
            c.exec("CREATE TABLE copied AS SELECT * FROM items");
            c.exec("DROP TABLE copied");
            // PostgreSQL counts CREATE TABLE AS's rows; the engine does not report them (docs).
            assertEquals(List.of(1L, 0L), callsAndRows(c, "CREATE TABLE copied AS SELECT * FROM items"));
            assertEquals(List.of(1L, 0L), callsAndRows(c, "DROP TABLE copied"));

            c.exec("SET stat_statements.track_utility = off");
            c.exec("CREATE TABLE untracked (i int)");
            c.exec("DROP TABLE untracked");
            assertNull(callsAndRows(c, "CREATE TABLE untracked (i int)"));
        }
    }

    @Test
    void trackTopCountsOnlyClientStatementsAndTrackAllAlsoNestedOnes() {
        String nested = "SELECT count(*) FROM fx_items";
        try (SqlClient c = server.connect()) {
            assertEquals(1L, c.value("SELECT fx_count_items()"));
            assertEquals(List.of(1L, 1L), callsAndRows(c, "SELECT fx_count_items()"));
            assertNull(callsAndRows(c, nested), "track = top leaves SPI statements out");

            c.exec("SET stat_statements.track = 'all'");
            assertEquals(1L, c.value("SELECT fx_count_items()"));
            assertEquals(1L, c.value("SELECT fx_nested_count()"));
            assertEquals(List.of(List.of(false, 2L, 2L)),
                    c.rows("SELECT toplevel, calls, rows FROM pg_stat_statements WHERE query = '" + nested + "'"));
            assertEquals(List.of(List.of(false, 1L)), c.rows("SELECT toplevel, calls FROM pg_stat_statements"
                    + " WHERE query = 'SELECT fx_count_items()' AND NOT toplevel"));
            assertEquals(List.of(List.of(true, 2L)), c.rows("SELECT toplevel, calls FROM pg_stat_statements"
                    + " WHERE query = 'SELECT fx_count_items()' AND toplevel"));

            c.exec("SET stat_statements.track = none");
            c.exec("SELECT * FROM items WHERE id = 3");
            assertNull(callsAndRows(c, "SELECT * FROM items WHERE id = $1"));
        }
    }

    @Test
    void extensionScriptStatementsAreNested() {
        try (SqlClient c = server.connect()) {
            c.exec("SET stat_statements.track = 'all'");
            c.exec("CREATE EXTENSION fx_base");
            c.exec("DROP EXTENSION fx_base");
            assertEquals(List.of(List.of(true, 1L)), c.rows("SELECT toplevel, calls FROM pg_stat_statements"
                    + " WHERE query = 'CREATE EXTENSION fx_base'"));
            List<List<Object>> script = c.rows("SELECT toplevel, calls FROM pg_stat_statements"
                    + " WHERE query LIKE 'CREATE TABLE fx_base_t%'");
            assertEquals(List.of(List.of(false, 1L)), script);
        }
    }

    @Test
    void planningIsTimedOnlyWithTrackPlanning() {
        try (SqlClient c = server.connect()) {
            c.exec("SET stat_statements.track_planning = on");
            c.exec("SELECT label FROM items WHERE id = 1");
            c.exec("SELECT label FROM items WHERE id = 2");
            List<Object> row = c.rows("SELECT plans, calls, total_plan_time > 0, min_plan_time <= max_plan_time"
                    + " FROM pg_stat_statements WHERE query = 'SELECT label FROM items WHERE id = $1'").get(0);
            assertEquals(List.of(2L, 2L, true, true), row);
        }
    }

    @Test
    void failedStatementsAreNotCounted() {
        try (SqlClient c = server.connect()) {
            assertEquals("22012", c.error("SELECT 1 / (id - id) FROM items WHERE id = 1").sqlState());
            assertEquals("42P01", c.error("SELECT * FROM no_such_table WHERE id = 1").sqlState());
            assertEquals("42P07", c.error("CREATE TABLE items (id int)").sqlState());
            List<List<Object>> rows = c.rows("SELECT query, calls FROM pg_stat_statements"
                    + " WHERE query LIKE '%(id - id)%' OR query LIKE '%no_such_table%' OR query LIKE 'CREATE TABLE items%'");
            assertEquals(List.of(), rows);
        }
    }

    @Test
    void keysAreByRoleAndDatabaseAndOthersTextIsHidden() {
        try (SqlClient c = server.connect(); SqlClient a = server.connect("postgres", "alice");
                SqlClient other = server.connect("other", "postgres")) {
            c.exec("SELECT 11");
            a.exec("SELECT 12");
            a.exec("SELECT 13");
            other.exec("SELECT 14");
            assertEquals(List.of(List.of("postgres", "postgres", 1L), List.of("alice", "postgres", 2L),
                    List.of("postgres", "other", 1L)), c.rows("SELECT r.rolname, d.datname, s.calls"
                    + " FROM pg_stat_statements s JOIN pg_roles r ON r.oid = s.userid JOIN pg_database d ON d.oid = s.dbid"
                    + " WHERE s.query = 'SELECT $1' ORDER BY s.calls = 1 AND d.datname = 'other', s.calls"
                    + " = 2, r.rolname DESC"));

            // alice sees her own text and query id, and only the counters of the others.
            List<List<Object>> seen = a.rows("SELECT query, queryid IS NULL, calls FROM pg_stat_statements"
                    + " WHERE userid <> 10 OR query <> 'SELECT $1' ORDER BY query, calls");
            assertTrue(seen.contains(List.of("SELECT $1", false, 2L)), seen.toString());
            assertTrue(seen.contains(List.of("<insufficient privilege>", true, 1L)), seen.toString());
            assertFalse(seen.stream().anyMatch(r -> "SELECT $1".equals(r.get(0)) && !Long.valueOf(2L).equals(r.get(2))));

            assertError("42501", "permission denied for function pg_stat_statements_reset",
                    a.error("SELECT pg_stat_statements_reset()"));
        }
    }

    @Test
    void resetByRoleDatabaseOrQueryAndInfo() {
        try (SqlClient c = server.connect(); SqlClient a = server.connect("postgres", "alice")) {
            c.exec("SELECT 21");
            a.exec("SELECT 22");
            long alice = ((Number) c.value("SELECT oid FROM pg_roles WHERE rolname = 'alice'")).longValue();
            c.exec("SELECT pg_stat_statements_reset(" + alice + ")");
            assertEquals(List.of(List.of(10L)), c.rows("SELECT userid FROM pg_stat_statements WHERE query = 'SELECT $1'"));

            long queryId = (Long) c.value("SELECT queryid FROM pg_stat_statements WHERE query = 'SELECT $1'");
            c.exec("SELECT pg_stat_statements_reset(0, 0, " + queryId + ")");
            assertEquals(0L, c.value("SELECT count(*) FROM pg_stat_statements WHERE query = 'SELECT $1'"));

            Object before = c.value("SELECT stats_reset FROM pg_stat_statements_info");
            c.exec("SELECT pg_stat_statements_reset()");
            List<Object> info = c.rows("SELECT dealloc, stats_reset FROM pg_stat_statements_info").get(0);
            assertEquals(0L, info.get(0));
            assertTrue(((java.time.OffsetDateTime) info.get(1)).isAfter((java.time.OffsetDateTime) before)
                    || info.get(1).equals(before), info.toString());
        }
    }

    @Test
    void maxEvictsTheLeastUsedAndCountsDeallocations() {
        try (SqlClient c = server.connect()) {
            for (int i = 0; i < 5; i++) {
                c.exec("SELECT id FROM items WHERE id = 1");
            }
            // 150 different statements into a table of 100 entries.
            for (int i = 0; i < 150; i++) {
                c.exec("SELECT " + "1, ".repeat(i) + "1");
            }
            long count = (Long) c.value("SELECT count(*) FROM pg_stat_statements");
            assertTrue(count <= 100, "entries: " + count);
            assertTrue((Long) c.value("SELECT dealloc FROM pg_stat_statements_info") >= 5);
            assertEquals(List.of(5L, 5L), callsAndRows(c, "SELECT id FROM items WHERE id = $1"),
                    "the most used entry survives");
            assertEquals("100", c.value("SHOW stat_statements.max"));
            assertError("55P02", "parameter \"stat_statements.max\" cannot be changed without restarting the server",
                    c.error("SET stat_statements.max = 200"));
        }
    }

    @Test
    void parametersAreDefinedAndThePrefixIsReserved() {
        try (SqlClient c = server.connect()) {
            assertEquals(List.of(List.of("stat_statements.max", "100", "postmaster"),
                    List.of("stat_statements.track", "top", "superuser"),
                    List.of("stat_statements.track_planning", "off", "superuser"),
                    List.of("stat_statements.track_utility", "on", "superuser")),
                    c.rows("SELECT name, setting, context FROM pg_settings WHERE name LIKE 'stat_statements.%' ORDER BY name"));
            assertEquals("42602", c.error("SET stat_statements.nosuch = 1").sqlState(), "a reserved prefix");
        }
    }
}
