package org.elephas.extension;

import static org.elephas.testing.PgAssertions.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;

import org.elephas.api.PgException;
import org.elephas.catalog.Catalog;
import org.elephas.catalog.ExtensionInfo;
import org.elephas.testing.SqlClient;
import org.elephas.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CREATE / ALTER / DROP EXTENSION and LOAD over real bundles: scripts, versions, schemas,
 * requirements, permissions, and Java functions with SPI, with PostgreSQL 15's messages.
 */
class ExtensionTest {
    private static final int PLAIN_OID = 90001;
    private static final int CREATOR_OID = 90002;

    @TempDir
    static Path root;
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        ExtensionFixtures.build(root.resolve("home/bundles"));
        server = TestServer.start(root, Map.of());
        Catalog catalog = server.postmaster().catalog();
        // Roles without superuser; the second may CREATE in postgres (what GRANT CREATE records).
        catalog.change(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO roles VALUES (?, ?, FALSE, FALSE, FALSE, TRUE, NULL, -1)")) {
                ps.setInt(1, PLAIN_OID);
                ps.setString(2, "plain");
                ps.executeUpdate();
                ps.setInt(1, CREATOR_OID);
                ps.setString(2, "creator");
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO database_privileges VALUES (?, ?, 'C')")) {
                ps.setInt(1, Catalog.POSTGRES_OID);
                ps.setInt(2, CREATOR_OID);
                ps.executeUpdate();
            }
        });
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void dropAll() {
        try (SqlClient c = server.connect()) {
            c.exec("DROP EXTENSION IF EXISTS fx_sql, fx_top, fx_dep, fx_base, fx_trusted, fx_fixed CASCADE");
        }
    }

    private static ExtensionInfo installed(String name) {
        return server.postmaster().catalog().extensions(Catalog.POSTGRES_OID).stream()
                .filter(e -> e.name().equals(name)).findFirst().orElse(null);
    }



    @Test
    void loadRunsPgInitOnceAndChecksNameAndRole() {
        try (SqlClient c = server.connect(); SqlClient plain = server.connect("postgres", "plain")) {
            assertError("42501", "access to library \"fx_cycle_a\" is not allowed", plain.error("LOAD 'fx_cycle_a'"));
            assertEquals("LOAD", c.exec("LOAD 'fx_cycle_a'"));
            assertEquals("LOAD", c.exec("LOAD '$libdir/fx_cycle_a'"));
            assertEquals(1, server.log().count("fixture _PG_init of fx_cycle_a"));
            PgException missing = c.error("LOAD 'fx_nosuch'");
            assertEquals("58P01", missing.sqlState());
            assertTrue(missing.getMessage().startsWith("could not access extension \"fx_nosuch\""), missing.getMessage());
            assertEquals("42601", c.error("LOAD fx_cycle_a").sqlState());
        }
    }

    @Test
    void createExtensionRunsItsScriptAndItsJavaFunctionsWork() {
        try (SqlClient c = server.connect()) {
            assertEquals("CREATE EXTENSION", c.exec("CREATE EXTENSION fx_sql"));
            ExtensionInfo ext = installed("fx_sql");
            assertEquals("1.0", ext.version());
            assertEquals("public", ext.schema());
            // CREATE FUNCTION ... LANGUAGE java validated the method, loading the bundle.
            server.log().await("fixture _PG_init of fx_sql", TestServer.PATIENCE);

            assertEquals(5, c.value("SELECT fx_add(2, 3)"));
            assertNull(c.value("SELECT fx_add(NULL, 3)"));
            assertEquals("hello, bob", c.value("SELECT fx_greet('bob')"));
            assertEquals("hello, nobody", c.value("SELECT fx_greet(NULL)"));
            assertEquals(40, c.value("SELECT fx_activator_fn(4)"));
            assertEquals("1/7/[]/false", c.value("SELECT fx_defaults(1)"));
            assertEquals("1/8/[x, y]/true", c.value("SELECT fx_defaults(1, 8, ARRAY['x', 'y'], true)"));
            assertNull(c.value("SELECT fx_defaults(1, NULL)"));

            // SPI inside a function (nesting level 1), and one level further down (level 2).
            assertEquals(1L, c.value("SELECT fx_count_items()"));
            assertEquals(1, c.value("SELECT fx_add_item(1, 'one')"));
            assertEquals(2L, c.value("SELECT fx_count_items()"));
            assertEquals(2L, c.value("SELECT fx_nested_count()"));
            assertEquals("one", c.value("SELECT label FROM fx_items WHERE id = 1"));
        }
    }

    @Test
    void setReturningFunctionsAreTablesAndViewsOverThem() {
        try (SqlClient c = server.connect()) {
            c.exec("CREATE EXTENSION fx_sql");
            assertEquals(List.of(List.of(1, "row 1", 1L), List.of(2, "row 2", 4294967295L)),
                    c.rows("SELECT i, label, big FROM fx_series(2) ORDER BY i"));
            assertEquals(List.of(List.of(3L)), c.rows("SELECT count(*) FROM fx_series_view"));
            assertEquals(List.of(List.of("row 3")), c.rows("SELECT label FROM fx_series_view WHERE i = 3"));
            assertEquals(List.of(), c.rows("SELECT * FROM fx_series(0)"));
            assertEquals(List.of(), c.rows("SELECT * FROM fx_series(NULL)"));
            assertError("0A000", "LANGUAGE java functions returning SETOF are not supported", c.error(
                    "CREATE FUNCTION fx_setof() RETURNS SETOF int4 AS 'fx_sql', 'x.Y.z' LANGUAGE java"));
        }
    }

    @Test
    void spiReportsStatusRowsAndRefusesWhatSpiRefuses() {
        try (SqlClient c = server.connect()) {
            c.exec("CREATE EXTENSION fx_sql");
            c.exec("INSERT INTO fx_items VALUES (1, 'a'), (2, 'b')");
            assertEquals("SPI_OK_SELECT 2 [0, seed][1, a]",
                    c.value("SELECT fx_spi('SELECT id, label FROM fx_items ORDER BY id', true, 2)"));
            assertEquals("SPI_OK_INSERT 1 ", c.value("SELECT fx_spi('INSERT INTO fx_items VALUES (3, ''c'')', false, 0)"));
            assertEquals("SPI_OK_UPDATE 2 ",
                    c.value("SELECT fx_spi('UPDATE fx_items SET label = ''z'' WHERE id > 1', false, 0)"));
            assertEquals("SPI_OK_DELETE 1 ", c.value("SELECT fx_spi('DELETE FROM fx_items WHERE id = 3', false, 0)"));
            assertEquals("SPI_OK_UTILITY 0 ", c.value("SELECT fx_spi('CREATE TABLE fx_spi_made (i int)', false, 0)"));
            assertError("0A000", "INSERT is not allowed in a non-volatile function", c.error("SELECT fx_spi('INSERT INTO fx_items VALUES (4, ''d'')', true, 0)"));
            assertError("0A000", "SELECT FOR UPDATE is not allowed in a non-volatile function", c.error("SELECT fx_spi('SELECT * FROM fx_items FOR UPDATE', true, 0)"));
            assertError("0A000", "CREATE TABLE is not allowed in a non-volatile function", c.error("SELECT fx_spi('CREATE TABLE fx_never (i int)', true, 0)"));
            assertTrue(((String) c.value("SELECT fx_spi('COMMIT', false, 0)")).startsWith("SPI_ERROR_TRANSACTION: "));
            assertTrue(((String) c.value("SELECT fx_spi('COPY fx_items TO STDOUT', false, 0)")).startsWith("SPI_ERROR_COPY: "));
            assertError("2D000", "invalid transaction termination", c.error("SELECT fx_commit()"));
            // An error raised by the function, and one of a statement it runs, reach the client as raised.
            assertError("22023", "boom", c.error("SELECT fx_raise('boom')"));
            assertError("42P01", "relation \"fx_missing\" does not exist", c.error("SELECT fx_spi('SELECT * FROM fx_missing', true, 0)"));
            assertEquals(3L, c.value("SELECT count(*) FROM fx_items"));
        }
    }

    @Test
    void droppingADatabaseForgetsItsExtensionsAndFunctions() {
        try (SqlClient c = server.connect()) {
            c.exec("CREATE DATABASE ext_drop");
            int oid = server.postmaster().catalog().database("ext_drop").orElseThrow().oid();
            try (SqlClient there = server.connect("ext_drop", "postgres")) {
                there.exec("CREATE EXTENSION fx_sql");
                assertEquals(5, there.value("SELECT fx_add(2, 3)"));
            }
            c.exec("DROP DATABASE ext_drop");
            assertEquals(List.of(), server.postmaster().catalog().extensions(oid));
            assertEquals(Integer.valueOf(0), server.postmaster().catalog().<Integer>read(conn -> {
                try (var ps = conn.prepareStatement("SELECT COUNT(*) FROM java_functions WHERE database_oid = ?")) {
                    ps.setInt(1, oid);
                    try (var rs = ps.executeQuery()) {
                        rs.next();
                        return rs.getInt(1);
                    }
                }
            }), "the dropped database's Java functions are forgotten");
            c.exec("CREATE DATABASE ext_drop");
            try (SqlClient there = server.connect("ext_drop", "postgres")) {
                assertEquals("CREATE EXTENSION", there.exec("CREATE EXTENSION fx_sql"));
                assertEquals(5, there.value("SELECT fx_add(2, 3)"));
            }
            c.exec("DROP DATABASE ext_drop");
        }
    }

    @Test
    void dropExtensionRemovesItsObjectsOnly() {
        try (SqlClient c = server.connect()) {
            c.exec("CREATE EXTENSION fx_sql");
            c.exec("SELECT fx_spi('CREATE TABLE fx_not_member (i int)', false, 0)");
            assertError("2BP01", "cannot drop function fx_add(integer,integer) because extension fx_sql requires it", c.error("DROP FUNCTION fx_add(int4, int4)"));
            assertEquals("You can drop extension fx_sql instead.", c.error("DROP FUNCTION fx_add").hint());
            assertEquals("DROP EXTENSION", c.exec("DROP EXTENSION fx_sql"));
            assertNull(installed("fx_sql"));
            assertEquals("42P01", c.error("SELECT * FROM fx_items").sqlState());
            assertEquals("42883", c.error("SELECT fx_add(1, 2)").sqlState());
            assertEquals(0L, c.value("SELECT count(*) FROM fx_not_member"));
            // And it can come back.
            c.exec("CREATE EXTENSION fx_sql");
            assertEquals(3, c.value("SELECT fx_add(1, 2)"));
            assertEquals(1L, c.value("SELECT count(*) FROM fx_items"));
        }
    }

    @Test
    void objectsOutsideTheExtensionThatDependOnItsMembersNeedCascade() {
        try (SqlClient c = server.connect()) {
            c.exec("CREATE EXTENSION fx_sql");
            c.exec("CREATE VIEW fx_v AS SELECT label FROM fx_items");
            c.exec("CREATE TABLE fx_ref (id int REFERENCES fx_items (id))");
            PgException e = c.error("DROP EXTENSION fx_sql");
            assertError("2BP01", "cannot drop extension fx_sql because other objects depend on it", e);
            assertTrue(e.detail().contains("view fx_v depends on table fx_items"), e.detail());
            assertTrue(e.detail().matches("(?s).*constraint \\S+ on table fx_ref depends on table fx_items.*"), e.detail());
            assertEquals(1L, c.value("SELECT count(*) FROM fx_items"));
            c.exec("DROP EXTENSION fx_sql CASCADE");
            assertEquals(List.of("drop cascades to 2 other objects"), c.noticeMessages());
            assertEquals("42P01", c.error("SELECT * FROM fx_v").sqlState());
            // The referencing table stays; only its constraint went.
            c.exec("INSERT INTO fx_ref VALUES (42)");
            c.exec("DROP TABLE fx_ref");
        }
    }

    @Test
    void ifNotExistsAndAlreadyExists() {
        try (SqlClient c = server.connect()) {
            c.exec("CREATE EXTENSION fx_base");
            assertError("42710", "extension \"fx_base\" already exists", c.error("CREATE EXTENSION fx_base"));
            assertEquals("CREATE EXTENSION", c.exec("CREATE EXTENSION IF NOT EXISTS fx_base"));
            assertEquals(List.of("extension \"fx_base\" already exists, skipping"), c.noticeMessages());
            assertError("42601", "conflicting or redundant options", c.error("CREATE EXTENSION fx_base SCHEMA public SCHEMA public"));
        }
    }

    @Test
    void versionsUpdatePathsAndDefaultVersionWithoutControlFile() {
        try (SqlClient c = server.connect()) {
            // fx_base has no control file: its highest script, 2.0, is the default.
            c.exec("CREATE EXTENSION fx_base");
            assertEquals("2.0", installed("fx_base").version());
            assertEquals(0L, c.value("SELECT count(w) FROM fx_base_t"));
            c.exec("DROP EXTENSION fx_base");
            c.exec("CREATE EXTENSION fx_base WITH VERSION '1.0'");
            assertEquals("1.0", installed("fx_base").version());

            // 1.1 has no installation script: 1.0 then the 1.0--1.1 update.
            c.exec("CREATE EXTENSION fx_sql VERSION '1.1'");
            assertEquals("1.1", installed("fx_sql").version());
            assertEquals("1.1", c.value("SELECT fx_version()"));
            c.exec("DROP EXTENSION fx_sql");
            assertEquals("42883", c.error("SELECT fx_version()").sqlState());

            assertError("22023", "extension \"fx_sql\" has no installation script nor update path for version \"3.0\"", c.error("CREATE EXTENSION fx_sql VERSION '3.0'"));
            c.exec("CREATE EXTENSION fx_sql");
            assertEquals("ALTER EXTENSION", c.exec("ALTER EXTENSION fx_sql UPDATE TO '1.1'"));
            assertEquals("1.1", installed("fx_sql").version());
            assertEquals("1.1", c.value("SELECT fx_version()"));
            c.exec("ALTER EXTENSION fx_sql UPDATE TO '1.1'");
            assertEquals(List.of("version \"1.1\" of extension \"fx_sql\" is already installed"), c.noticeMessages());
            assertError("22023", "extension \"fx_sql\" has no update path from version \"1.1\" to version \"1.0\"", c.error("ALTER EXTENSION fx_sql UPDATE TO '1.0'"));
            assertError("42704", "extension \"fx_nosuch\" does not exist", c.error("ALTER EXTENSION fx_nosuch UPDATE"));
            // Members added by the update go with the extension.
            c.exec("DROP EXTENSION fx_sql");
            assertEquals("42883", c.error("SELECT fx_version()").sqlState());
        }
    }

    @Test
    void schemas() {
        try (SqlClient c = server.connect()) {
            c.exec("CREATE SCHEMA fx_s1");
            c.exec("CREATE EXTENSION fx_base SCHEMA fx_s1");
            assertEquals("fx_s1", installed("fx_base").schema());
            assertEquals(0L, c.value("SELECT count(*) FROM fx_s1.fx_base_t"));
            assertEquals("42P01", c.error("SELECT * FROM public.fx_base_t").sqlState());
            c.exec("DROP EXTENSION fx_base");
            assertError("3F000", "schema \"fx_nosuch\" does not exist", c.error("CREATE EXTENSION fx_base SCHEMA fx_nosuch"));

            // The control file names the schema: it is created, and no other is accepted.
            assertError("0A000", "extension \"fx_fixed\" must be installed in schema \"fx_fixed_schema\"", c.error("CREATE EXTENSION fx_fixed SCHEMA public"));
            c.exec("CREATE EXTENSION fx_fixed");
            assertEquals("fx_fixed_schema", installed("fx_fixed").schema());
            assertEquals(0L, c.value("SELECT count(*) FROM fx_fixed_schema.fx_fixed_t"));
            c.exec("DROP EXTENSION fx_fixed");
            assertEquals("42P01", c.error("SELECT * FROM fx_fixed_schema.fx_fixed_t").sqlState());
        }
    }

    @Test
    void requiredExtensionsAndCascade() {
        try (SqlClient c = server.connect()) {
            PgException e = c.error("CREATE EXTENSION fx_dep");
            assertError("42704", "required extension \"fx_base\" is not installed", e);
            assertEquals("Use CREATE EXTENSION ... CASCADE to install required extensions too.", e.hint());
            c.exec("CREATE EXTENSION fx_dep CASCADE");
            assertEquals(List.of("installing required extension \"fx_base\""), c.noticeMessages());
            assertEquals("2.0", installed("fx_base").version());

            e = c.error("DROP EXTENSION fx_base");
            assertError("2BP01", "cannot drop extension fx_base because other objects depend on it", e);
            assertEquals("extension fx_dep depends on extension fx_base", e.detail());
            assertEquals("Use DROP ... CASCADE to drop the dependent objects too.", e.hint());
            c.notices().clear();
            c.exec("DROP EXTENSION fx_base CASCADE");
            assertEquals(List.of("drop cascades to extension fx_dep"), c.noticeMessages());
            assertNull(installed("fx_dep"));
            assertEquals("42P01", c.error("SELECT * FROM fx_dep_t").sqlState());

            c.notices().clear();
            c.exec("CREATE EXTENSION fx_top CASCADE");
            assertEquals(List.of("installing required extension \"fx_dep\"", "installing required extension \"fx_base\""),
                    c.noticeMessages());
            // Dropping all that depend on each other in one statement needs no CASCADE.
            c.exec("DROP EXTENSION fx_base, fx_dep, fx_top");
            assertTrue(server.postmaster().catalog().extensions(Catalog.POSTGRES_OID).isEmpty());

            assertError("42P19", "cyclic dependency detected between extensions \"fx_cycle_a\" and \"fx_cycle_b\"", c.error("CREATE EXTENSION fx_cycle_a CASCADE"));
        }
    }

    @Test
    void notAvailableAndDoesNotExist() {
        try (SqlClient c = server.connect()) {
            PgException e = c.error("CREATE EXTENSION fx_nosuch");
            assertError("0A000", "extension \"fx_nosuch\" is not available", e);
            assertTrue(e.detail().startsWith("Could not find a bundle with \"Elephas-Extension: fx_nosuch\""), e.detail());
            assertEquals("The extension must first be installed on the system where Elephas is running.", e.hint());
            // A bundle without scripts or control file (a worker library) is no SQL extension.
            assertError("0A000", "extension \"fx_lib\" is not available", c.error("CREATE EXTENSION fx_lib"));

            assertError("42704", "extension \"fx_nosuch\" does not exist", c.error("DROP EXTENSION fx_nosuch"));
            c.notices().clear();
            assertEquals("DROP EXTENSION", c.exec("DROP EXTENSION IF EXISTS fx_nosuch"));
            assertEquals(List.of("extension \"fx_nosuch\" does not exist, skipping"), c.noticeMessages());
        }
    }

    @Test
    void onlySuperusersUnlessTrustedAndAllowedToCreate() {
        try (SqlClient plain = server.connect("postgres", "plain");
                SqlClient creator = server.connect("postgres", "creator")) {
            PgException e = plain.error("CREATE EXTENSION fx_base");
            assertError("42501", "permission denied to create extension \"fx_base\"", e);
            assertEquals("Must be superuser to create this extension.", e.hint());
            e = plain.error("CREATE EXTENSION fx_trusted");
            assertError("42501", "permission denied to create extension \"fx_trusted\"", e);
            assertEquals("Must have CREATE privilege on current database to create this extension.", e.hint());
            assertEquals("CREATE EXTENSION", creator.exec("CREATE EXTENSION fx_trusted"));
            assertEquals(CREATOR_OID, installed("fx_trusted").ownerOid());
            assertError("42501", "must be owner of extension fx_trusted", plain.error("DROP EXTENSION fx_trusted"));
            assertEquals("DROP EXTENSION", creator.exec("DROP EXTENSION fx_trusted"));
        }
    }

    @Test
    void aFailingScriptLeavesNothingBehind() {
        try (SqlClient c = server.connect()) {
            assertError("42P01", "relation \"fx_no_such_table\" does not exist", c.error("CREATE EXTENSION fx_broken"));
            assertNull(installed("fx_broken"));
            assertEquals("42P01", c.error("SELECT * FROM fx_broken_t").sqlState());
        }
    }

    @Test
    void javaFunctionsOutsideExtensions() {
        try (SqlClient c = server.connect()) {
            assertEquals("CREATE FUNCTION", c.exec("CREATE FUNCTION my_add(integer, integer) RETURNS integer"
                    + " AS 'fx_sql', 'org.elephas.fixtures.ext.SqlFunctions.add' LANGUAGE java IMMUTABLE STRICT"));
            assertEquals(7, c.value("SELECT my_add(3, 4)"));
            assertError("42723", "function \"my_add\" already exists with same argument types", c.error("CREATE FUNCTION my_add(integer, integer) RETURNS integer"
                    + " AS 'fx_sql', 'org.elephas.fixtures.ext.SqlFunctions.add' LANGUAGE java"));
            assertEquals("CREATE FUNCTION", c.exec("CREATE OR REPLACE FUNCTION my_add(a int4, b int4) RETURNS int4"
                    + " AS 'fx_sql', 'org.elephas.fixtures.ext.SqlFunctions.add' LANGUAGE c"));
            assertEquals(9, c.value("SELECT my_add(4, 5)"));
            PgException e = c.error("CREATE OR REPLACE FUNCTION my_add(int4, int4) RETURNS text"
                    + " AS 'fx_sql', 'org.elephas.fixtures.ext.SqlFunctions.add' LANGUAGE c");
            assertError("42P13", "cannot change return type of existing function", e);
            assertEquals("DROP FUNCTION", c.exec("DROP FUNCTION my_add(integer, integer)"));
            assertEquals("42883", c.error("SELECT my_add(1, 2)").sqlState());
            assertError("42883", "function my_add(integer,integer) does not exist", c.error("DROP FUNCTION my_add(integer, integer)"));
            c.notices().clear();
            c.exec("DROP FUNCTION IF EXISTS my_add");
            assertEquals(List.of("function my_add() does not exist, skipping"), c.noticeMessages());

            assertEquals("58P01", c.error("CREATE FUNCTION f1() RETURNS int4 AS 'fx_nosuch', 'a.B.c' LANGUAGE java")
                    .sqlState());
            assertError("42883", "could not find function \"org.elephas.fixtures.ext.SqlFunctions.nope\" in extension \"fx_sql\"", c.error("CREATE FUNCTION f1() RETURNS int4 AS 'fx_sql', 'org.elephas.fixtures.ext.SqlFunctions.nope'"
                    + " LANGUAGE java"));
            assertEquals("0A000", c.error("CREATE FUNCTION f1() RETURNS int4 AS 'select 1' LANGUAGE sql").sqlState());
            assertError("42704", "type \"foo_type\" does not exist", c.error("CREATE FUNCTION f1(foo_type) RETURNS int4 AS 'fx_sql', 'x.Y.z' LANGUAGE java"));

            // A function the engine dropped with its schema can be created again.
            String create = "CREATE FUNCTION fx_fn_s.plus(int4, int4) RETURNS int4"
                    + " AS 'fx_sql', 'org.elephas.fixtures.ext.SqlFunctions.add' LANGUAGE java";
            c.exec("CREATE SCHEMA fx_fn_s");
            c.exec(create);
            assertEquals(3, c.value("SELECT fx_fn_s.plus(1, 2)"));
            c.exec("DROP SCHEMA fx_fn_s CASCADE");
            c.exec("CREATE SCHEMA fx_fn_s");
            c.exec(create);
            assertEquals(5, c.value("SELECT fx_fn_s.plus(2, 3)"));
            c.exec("DROP SCHEMA fx_fn_s CASCADE");
        }
    }
}
