package org.elephas.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.elephas.system.SystemObjectsSeed;
import org.elephas.testing.JdbcColumns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A new database starts as a copy of the seed; an existing one is never replaced by it; a seed
 * the engine cannot open leaves the new database empty, as without one.
 */
class EngineSeedTest {
    @TempDir
    Path root;

    /** A seed made by an engine whose initializer leaves a table behind, the mark of the copy. */
    private Path markedSeed() throws SQLException, IOException {
        Path seed = root.resolve("seed.mv.db");
        try (Engine maker = new Engine(root.resolve("maker"))) {
            maker.openDatabase(1);
            try (Connection c = maker.connect(1); Statement s = c.createStatement()) {
                s.execute("create table seeded_mark(x int)");
            }
        }
        return Files.copy(root.resolve("maker").resolve("1").resolve(Engine.DATABASE_FILE), seed);
    }

    @Test
    void aNewDatabaseStartsAsACopyOfTheSeedAndTheInitializersStillRun() throws Exception {
        Path seed = markedSeed();
        List<Integer> initialized = new ArrayList<>();
        try (Engine engine = new Engine(root.resolve("base"), seed)) {
            engine.addInitializer(c -> initialized.add(1));
            try (Connection c = engine.connect(5)) {
                assertTrue(tables(c).contains("seeded_mark"), tables(c).toString());
            }
        }
        assertEquals(List.of(1), initialized);
    }

    @Test
    void anExistingDatabaseIsNotReplacedByTheSeed() throws Exception {
        Path seed = markedSeed();
        try (Engine plain = new Engine(root.resolve("base")); Connection c = plain.connect(5);
                Statement s = c.createStatement()) {
            s.execute("create table mine(x int)");
        }
        try (Engine engine = new Engine(root.resolve("base"), seed); Connection c = engine.connect(5)) {
            List<String> tables = tables(c);
            assertTrue(tables.contains("mine"), tables.toString());
            assertFalse(tables.contains("seeded_mark"), tables.toString());
        }
    }

    @Test
    void aSeedTheEngineCannotOpenLeavesTheNewDatabaseEmpty() throws Exception {
        Path seed = Files.write(root.resolve("damaged.mv.db"), "not an engine file".repeat(500).getBytes(StandardCharsets.US_ASCII));
        try (Engine engine = new Engine(root.resolve("base"), seed); Connection c = engine.connect(5);
                Statement s = c.createStatement()) {
            assertFalse(tables(c).contains("seeded_mark"));
            s.execute("create table works(x int)");
            assertTrue(tables(c).contains("works"));
        }
    }

    @Test
    void theDistributionSeedHoldsTheSystemObjects() throws Exception {
        Path seed = root.resolve("lib-seed").resolve(Engine.DATABASE_FILE);
        SystemObjectsSeed.write(seed);
        try (Engine engine = new Engine(root.resolve("base"), seed); Connection c = engine.connect(5);
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("select count(*) from information_schema.views"
                        + " where table_schema = 'elephas_catalog' and table_name in ('pg_class', 'pg_settings')")) {
            assertTrue(r.next());
            assertEquals(2, r.getInt(1));
        }
    }

    private static List<String> tables(Connection c) throws SQLException {
        return JdbcColumns.firstColumn(c, "select table_name from information_schema.tables where table_schema = 'public'");
    }
}
