package org.elephas.extension;

import java.nio.file.Path;
import java.util.Map;

import org.elephas.fixtures.ext.SqlExtension;
import org.elephas.testing.FixtureBundles;

/** The SQL extension fixture bundles: control files and scripts around {@link SqlExtension}. */
public final class ExtensionFixtures {
    private static final String FN = "org.elephas.fixtures.ext.SqlFunctions.";

    static final String FX_SQL_1_0 = """
            \\echo Use "CREATE EXTENSION fx_sql" to load this file. \\quit
            CREATE TABLE @extschema@.fx_items (id int PRIMARY KEY, label text);
            CREATE FUNCTION fx_add(a int4, b int4) RETURNS int4 STRICT
              AS 'MODULE_PATHNAME', '%1$sadd' LANGUAGE java;
            CREATE FUNCTION fx_greet(text) RETURNS text AS 'MODULE_PATHNAME', '%1$sgreet' LANGUAGE java;
            CREATE FUNCTION fx_count_items() RETURNS int8 AS 'MODULE_PATHNAME', '%1$scountItems' LANGUAGE c;
            CREATE FUNCTION fx_nested_count() RETURNS bigint AS 'MODULE_PATHNAME', '%1$snestedCount' LANGUAGE c;
            CREATE FUNCTION fx_add_item(int4, text) RETURNS int4 AS 'MODULE_PATHNAME', '%1$saddItem' LANGUAGE java;
            CREATE FUNCTION fx_spi(sql text, read_only boolean, count integer) RETURNS text
              AS 'MODULE_PATHNAME', '%1$sspi' LANGUAGE java;
            CREATE FUNCTION fx_commit() RETURNS int4 AS 'MODULE_PATHNAME', '%1$scommitInFunction' LANGUAGE java;
            CREATE FUNCTION fx_defaults(a int4, b oid DEFAULT 7, flags text[] DEFAULT '{}', c boolean DEFAULT false)
              RETURNS text STRICT AS 'MODULE_PATHNAME', '%1$sdefaults' LANGUAGE java;
            CREATE FUNCTION fx_raise(text) RETURNS int4 AS 'MODULE_PATHNAME', '%1$sraise' LANGUAGE java;
            CREATE FUNCTION fx_activator_fn(int4) RETURNS int4 AS 'MODULE_PATHNAME' LANGUAGE c;
            CREATE FUNCTION fx_series(n int4) RETURNS TABLE (i int4, label text, big oid) STRICT
              AS 'MODULE_PATHNAME', '%1$sseries' LANGUAGE java;
            CREATE VIEW fx_series_view AS SELECT * FROM fx_series(3);
            INSERT INTO fx_items VALUES (0, 'seed');
            """.formatted(FN);
    static final String FX_SQL_1_0_TO_1_1 = """
            CREATE FUNCTION fx_version() RETURNS text AS 'MODULE_PATHNAME', '%1$sversion11' LANGUAGE java;
            """.formatted(FN);

    private ExtensionFixtures() {
    }

    /** @param bundles the server's bundle directory */
    public static void build(Path bundles) {
        try {
            java.nio.file.Files.createDirectories(bundles);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        FixtureBundles.build(bundles, "fx_sql", SqlExtension.class, Map.of(
                "fx_sql.control", """
                        # fx_sql extension
                        comment = 'SQL extension fixture'
                        default_version = '1.0'
                        relocatable = false
                        """,
                "sql/fx_sql--1.0.sql", FX_SQL_1_0,
                "sql/fx_sql--1.0--1.1.sql", FX_SQL_1_0_TO_1_1));
        // No control file: the default version is the highest script's.
        FixtureBundles.build(bundles, "fx_base", SqlExtension.class, Map.of(
                "sql/fx_base--1.0.sql", "CREATE TABLE fx_base_t (v int);",
                "sql/fx_base--2.0.sql", "CREATE TABLE fx_base_t (v int, w int);"));
        FixtureBundles.build(bundles, "fx_dep", SqlExtension.class, Map.of(
                "fx_dep.control", "default_version = '1.0'\nrequires = 'fx_base'\n",
                "sql/fx_dep--1.0.sql", "CREATE TABLE fx_dep_t (id int);"));
        FixtureBundles.build(bundles, "fx_top", SqlExtension.class, Map.of(
                "fx_top.control", "default_version = '1.0'\nrequires = 'fx_dep'\n",
                "sql/fx_top--1.0.sql", "CREATE VIEW fx_top_v AS SELECT * FROM fx_dep_t;"));
        FixtureBundles.build(bundles, "fx_trusted", SqlExtension.class, Map.of(
                "fx_trusted.control", "default_version = '1.0'\ntrusted = true\n",
                "sql/fx_trusted--1.0.sql", "CREATE TABLE fx_trusted_t (id int);"));
        FixtureBundles.build(bundles, "fx_fixed", SqlExtension.class, Map.of(
                "fx_fixed.control", "default_version = '1.0'\nschema = 'fx_fixed_schema'\n",
                "sql/fx_fixed--1.0.sql", "CREATE TABLE fx_fixed_t (id int);\nCREATE SEQUENCE fx_fixed_seq;"));
        FixtureBundles.build(bundles, "fx_broken", SqlExtension.class, Map.of(
                "sql/fx_broken--1.0.sql", "CREATE TABLE fx_broken_t (id int);\nSELECT * FROM fx_no_such_table;"));
        FixtureBundles.build(bundles, "fx_cycle_a", SqlExtension.class, Map.of(
                "fx_cycle_a.control", "default_version = '1.0'\nrequires = 'fx_cycle_b'\n",
                "sql/fx_cycle_a--1.0.sql", "SELECT 1;"));
        FixtureBundles.build(bundles, "fx_cycle_b", SqlExtension.class, Map.of(
                "fx_cycle_b.control", "default_version = '1.0'\nrequires = 'fx_cycle_a'\n",
                "sql/fx_cycle_b--1.0.sql", "SELECT 1;"));
    }
}
