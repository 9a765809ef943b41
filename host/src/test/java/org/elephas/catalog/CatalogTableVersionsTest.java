package org.elephas.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Statement;
import java.util.List;

import org.elephas.testing.JdbcColumns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The catalog runs each owner's table definitions once per version of them: not again at every
 * open, again when they change, and again (once) in a catalog made before versions were kept.
 */
class CatalogTableVersionsTest {
    @TempDir
    Path global;

    @Test
    void aNewCatalogIsBootstrappedAndRecordsItsOwnTables() {
        try (Catalog catalog = Catalog.open(global)) {
            assertTrue(catalog.database("postgres").isPresent());
            assertEquals(1, catalog.roles().size());
            assertEquals(List.of("catalog"), owners(catalog));
        }
    }

    @Test
    void definitionsAlreadyRecordedDoNotRunAgain() {
        // Not idempotent on purpose: running it a second time would fail.
        List<String> once = List.of("CREATE TABLE once_only (x INT)");
        try (Catalog catalog = Catalog.open(global)) {
            catalog.ensureTables("test", once);
            catalog.ensureTables("test", once);
        }
        try (Catalog catalog = Catalog.open(global)) {
            catalog.ensureTables("test", once);
            assertEquals(List.of("catalog", "test"), owners(catalog));
        }
    }

    @Test
    void changedDefinitionsRun() {
        try (Catalog catalog = Catalog.open(global)) {
            catalog.ensureTables("test", List.of("CREATE TABLE IF NOT EXISTS grows (x INT)"));
        }
        try (Catalog catalog = Catalog.open(global)) {
            catalog.ensureTables("test", List.of("CREATE TABLE IF NOT EXISTS grows (x INT)",
                    "ALTER TABLE grows ADD COLUMN IF NOT EXISTS y INT"));
            assertEquals(List.of("X", "Y"), catalog.read(c -> JdbcColumns.firstColumn(c,
                    "SELECT column_name FROM information_schema.columns WHERE table_name = 'GROWS' ORDER BY ordinal_position")));
        }
    }

    @Test
    void aCatalogWithoutVersionsRunsEveryDefinitionOnceAndKeepsItsRows() {
        try (Catalog catalog = Catalog.open(global)) {
            // What a catalog of an earlier build looks like (written through read: a test only).
            catalog.read(c -> {
                try (Statement s = c.createStatement()) {
                    s.execute("DROP TABLE table_versions");
                    s.execute("INSERT INTO roles VALUES (16384, 'alice', FALSE, FALSE, FALSE, TRUE, NULL, -1)");
                }
                return null;
            });
        }
        try (Catalog catalog = Catalog.open(global)) {
            assertEquals(List.of("catalog"), owners(catalog));
            assertEquals(2, catalog.roles().size(), "the bootstrap rows are not added twice");
            assertTrue(catalog.role("alice").isPresent());
        }
    }

    private static List<String> owners(Catalog catalog) {
        return catalog.read(c -> JdbcColumns.firstColumn(c, "SELECT owner FROM table_versions ORDER BY owner"));
    }
}
