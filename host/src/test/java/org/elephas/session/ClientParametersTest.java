package org.elephas.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.elephas.api.PgException;
import org.elephas.api.SqlState;
import org.elephas.testing.SqlClient;
import org.elephas.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The parameters clients set or read at connection start, their checks, and the ones the engine
 * session follows (search_path, TimeZone, the isolation level), plus ALTER SYSTEM.
 */
class ClientParametersTest {
    @TempDir
    static Path root;
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(root, Map.of("TimeZone", "UTC"));
        org.elephas.catalog.Catalog catalog = server.postmaster().catalog();
        int oid = catalog.newOid();
        catalog.change(c -> c.createStatement().execute(
                "INSERT INTO roles VALUES (" + oid + ", 'carol', FALSE, FALSE, FALSE, TRUE, NULL, -1)"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void defaultsAsPostgresReportsThem() {
        try (SqlClient c = server.connect()) {
            Map<String, String> expected = Map.ofEntries(Map.entry("client_encoding", "UTF8"),
                    Map.entry("server_encoding", "UTF8"), Map.entry("DateStyle", "ISO, MDY"),
                    Map.entry("IntervalStyle", "postgres"), Map.entry("TimeZone", "UTC"),
                    Map.entry("extra_float_digits", "1"), Map.entry("integer_datetimes", "on"),
                    Map.entry("standard_conforming_strings", "on"), Map.entry("search_path", "\"$user\", public"),
                    Map.entry("statement_timeout", "0"), Map.entry("lc_messages", "C"), Map.entry("lc_monetary", "C"),
                    Map.entry("lc_numeric", "C"), Map.entry("lc_time", "C"),
                    Map.entry("default_transaction_isolation", "read committed"),
                    Map.entry("transaction_isolation", "read committed"), Map.entry("is_superuser", "on"),
                    Map.entry("session_authorization", "postgres"));
            expected.forEach((name, value) -> assertEquals(value, c.value("show " + name), name));
            assertEquals(List.of(List.of("internal", "UTF8")),
                    c.rows("select context, setting from pg_settings where name = 'server_encoding'"));
        }
        try (SqlClient carol = server.connect("postgres", "carol")) {
            assertEquals("off", carol.value("show is_superuser"));
            assertEquals("carol", carol.value("select current_setting('session_authorization')"));
            assertEquals(SqlState.CANT_CHANGE_RUNTIME_PARAM, carol.error("set is_superuser = on").sqlState());
        }
    }

    @Test
    void clientEncodingIsUtf8() {
        try (SqlClient c = server.connect()) {
            for (String utf8 : List.of("UTF8", "utf-8", "Unicode", "SQL_ASCII")) {
                c.exec("set client_encoding = '" + utf8 + "'");
            }
            PgException latin1 = c.error("set client_encoding = 'LATIN1'");
            assertEquals(SqlState.FEATURE_NOT_SUPPORTED, latin1.sqlState());
            assertEquals("invalid value for parameter \"client_encoding\": \"LATIN1\"", latin1.getMessage());
            assertEquals("Conversion between LATIN1 and UTF8 is not supported.", latin1.detail());
            PgException unknown = c.error("set client_encoding = 'klingon'");
            assertEquals(SqlState.INVALID_PARAMETER_VALUE, unknown.sqlState());
            assertEquals("invalid value for parameter \"client_encoding\": \"klingon\"", unknown.getMessage());
        }
    }

    @Test
    void dateStyleIntervalStyleAndLocalesAcceptWhatElephasDoes() {
        try (SqlClient c = server.connect()) {
            c.exec("set datestyle = 'ISO, DMY'");
            assertEquals("ISO, DMY", c.value("show DateStyle"));
            PgException sql = c.error("set datestyle = 'SQL, DMY'");
            assertEquals(SqlState.FEATURE_NOT_SUPPORTED, sql.sqlState());
            PgException bad = c.error("set datestyle = 'foo'");
            assertEquals(SqlState.INVALID_PARAMETER_VALUE, bad.sqlState());
            assertEquals("invalid value for parameter \"DateStyle\": \"foo\"", bad.getMessage());
            assertEquals("Unrecognized key word: \"foo\".", bad.detail());
            assertEquals(SqlState.INVALID_PARAMETER_VALUE, c.error("set intervalstyle = 'sql_standard'").sqlState());
            assertEquals(SqlState.INVALID_PARAMETER_VALUE, c.error("set standard_conforming_strings = off").sqlState());
            assertEquals(SqlState.INVALID_PARAMETER_VALUE, c.error("set extra_float_digits = 4").sqlState());
            c.exec("set lc_numeric = 'POSIX'");
            assertEquals(SqlState.INVALID_PARAMETER_VALUE, c.error("set lc_time = 'de_DE.UTF-8'").sqlState());
            PgException zone = c.error("set timezone = 'Nowhere/Special'");
            assertEquals("invalid value for parameter \"TimeZone\": \"Nowhere/Special\"", zone.getMessage());
        }
    }

    @Test
    void timeZoneReachesTheEngine() {
        try (SqlClient c = server.connect()) {
            c.exec("create table tz_probe(t timestamp with time zone)");
            c.exec("insert into tz_probe values (timestamp with time zone '2024-01-01 00:00:00+00')");
            // As text, so the engine renders it (a JDBC Timestamp would be shown in the JVM's zone).
            String local = "select cast(cast(t as timestamp) as varchar) from tz_probe";
            assertEquals("2024-01-01T00:00", String.valueOf(c.value(local)).replace(' ', 'T').substring(0, 16));
            c.exec("set time zone 'Europe/Paris'");
            assertEquals("2024-01-01T01:00", String.valueOf(c.value(local)).replace(' ', 'T').substring(0, 16));
            c.exec("set timezone = 'EST'");
            assertEquals("2023-12-31T19:00", String.valueOf(c.value(local)).replace(' ', 'T').substring(0, 16));
        }
    }

    @Test
    void searchPathIsTheEnginesSchemaSearchPath() {
        try (SqlClient c = server.connect(); SqlClient other = server.connect()) {
            c.exec("create schema sp_one");
            c.exec("create table sp_one.only_here(v int)");
            c.exec("insert into sp_one.only_here values (1)");
            assertEquals(SqlState.UNDEFINED_TABLE, c.error("select v from only_here").sqlState());
            c.exec("set search_path = sp_one, public");
            assertEquals(1, c.value("select v from only_here"));
            assertEquals("sp_one", c.value("select current_schema"));
            c.exec("create table made_here(v int)");
            assertEquals(0L, other.value("select count(*) from sp_one.made_here"), "created in the first schema");
            assertEquals("15.0", c.value("select current_setting('server_version')"), "system functions still found");
            assertEquals(1L, c.value("select count(*) from pg_stat_activity where pid = pg_backend_pid()"));

            // Missing schemas are skipped, and found once they exist.
            c.exec("set search_path = sp_later, public");
            assertEquals("public", c.value("select current_schema()"));
            other.exec("create schema sp_later");
            c.exec("create table later_table(v int)");
            assertEquals(0L, other.value("select count(*) from sp_later.later_table"));
            // "$user" is the role's schema.
            c.exec("create schema postgres");
            c.exec("reset search_path");
            assertEquals("postgres", c.value("select current_schema"));
            c.exec("set search_path to '$user', public");
            assertEquals("postgres", c.value("select current_schema"));
            c.exec("drop schema postgres");
            assertEquals("public", c.value("select current_schema"));
            // Quoted names keep their case.
            c.exec("create schema \"MixedCase\"");
            c.exec("select set_config('search_path', '\"MixedCase\"', false)");
            assertEquals("MixedCase", c.value("select current_schema"));
            c.exec("set search_path = public");
            c.exec("set search_path = \"MixedCase\", '$user', public");
            assertEquals("\"MixedCase\", \"$user\", public", c.value("show search_path"));
            assertEquals("MixedCase", c.value("select current_schema"));
        }
    }

    @Test
    void isolationLevelFollowsDefaultTransactionIsolation() {
        try (SqlClient c = server.connect()) {
            c.exec("set default_transaction_isolation = 'serializable'");
            assertEquals("serializable", c.value("show transaction_isolation"));
            assertEquals(8, c.session().connection().getTransactionIsolation());
            c.exec("set default_transaction_isolation = 'repeatable read'");
            assertEquals("repeatable read", c.value("show transaction_isolation"));
            PgException e = c.error("set transaction_isolation = 'serializable'");
            assertEquals("parameter \"transaction_isolation\" cannot be changed", e.getMessage());
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void isolationLevelSetInsideABlockAppliesFromTheNextTransaction() throws java.sql.SQLException {
        try (SqlClient c = server.connect()) {
            c.exec("begin");
            c.exec("set default_transaction_isolation = 'serializable'");
            c.value("select 1");
            assertEquals("read committed", c.value("show transaction_isolation"));
            assertEquals(java.sql.Connection.TRANSACTION_READ_COMMITTED, c.session().connection().getTransactionIsolation());
            c.exec("commit");
            assertEquals("serializable", c.value("show transaction_isolation"));
            assertEquals(java.sql.Connection.TRANSACTION_SERIALIZABLE, c.session().connection().getTransactionIsolation());
            // Unchanged parameters are not read again, but a change after many statements still applies.
            for (int i = 0; i < 5; i++) {
                c.value("select 1");
            }
            c.exec("set timezone = 'Asia/Tokyo'");
            String local = "select cast(cast(timestamp with time zone '2024-01-01 00:00:00+00' as timestamp) as varchar)";
            assertEquals("2024-01-01T09:00", String.valueOf(c.value(local)).replace(' ', 'T').substring(0, 16));
        }
    }

    @Test
    void alterSystemWritesTheAutoConfFile() throws Exception {
        Path auto = server.dataDirectory().resolve("elephas.auto.conf");
        try (SqlClient c = server.connect(); SqlClient carol = server.connect("postgres", "carol")) {
            assertEquals("ALTER SYSTEM", c.exec("alter system set extra_float_digits = 2"));
            assertTrue(Files.readString(auto).contains("extra_float_digits = '2'"), Files.readString(auto));
            assertEquals("1", c.value("show extra_float_digits"), "applies at the next reload only");
            c.value("select pg_reload_conf()");
            assertEquals("2", c.value("show extra_float_digits"));
            c.exec("alter system set statement_timeout to '5s'");
            c.exec("alter system set extra_float_digits to default");
            assertTrue(!Files.readString(auto).contains("extra_float_digits"));
            c.exec("alter system reset statement_timeout");
            assertTrue(!Files.readString(auto).contains("statement_timeout"));
            c.exec("alter system set lc_time = 'C'");
            c.exec("alter system reset all");
            assertTrue(!Files.readString(auto).contains("lc_time"));
            c.value("select pg_reload_conf()");
            assertEquals("1", c.value("show extra_float_digits"));

            PgException denied = carol.error("alter system set extra_float_digits = 2");
            assertEquals(SqlState.INSUFFICIENT_PRIVILEGE, denied.sqlState());
            assertEquals("must be superuser to execute ALTER SYSTEM command", denied.getMessage());
            c.exec("begin");
            PgException inBlock = c.error("alter system set extra_float_digits = 2");
            assertEquals(SqlState.ACTIVE_SQL_TRANSACTION, inBlock.sqlState());
            assertEquals("ALTER SYSTEM cannot run inside a transaction block", inBlock.getMessage());
            c.exec("rollback");
            assertEquals("ALTER SYSTEM cannot run inside a transaction block",
                    c.error("alter system set extra_float_digits = 2; select 1").getMessage());
            PgException nested = org.junit.jupiter.api.Assertions.assertThrows(PgException.class,
                    () -> c.session().runNested("alter system set extra_float_digits = 2", List.of(),
                            org.elephas.api.sql.ProcessUtilityContext.QUERY, org.elephas.api.sql.DestReceiver.NONE));
            assertEquals(SqlState.ACTIVE_SQL_TRANSACTION, nested.sqlState());
            assertEquals("ALTER SYSTEM cannot be executed from a function", nested.getMessage());
            PgException unknown = c.error("alter system set no_such_parameter = 1");
            assertEquals(SqlState.UNDEFINED_OBJECT, unknown.sqlState());
            assertEquals("unrecognized configuration parameter \"no_such_parameter\"", unknown.getMessage());
            assertEquals("parameter \"server_version\" cannot be changed",
                    c.error("alter system set server_version = '16'").getMessage());
            assertTrue(!Files.readString(auto).contains("extra_float_digits"), "nothing written by the failures");
        }
    }
}
