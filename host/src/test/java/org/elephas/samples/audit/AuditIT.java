package org.elephas.samples.audit;

import static org.elephas.testing.PgAssertions.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.elephas.api.PgException;
import org.elephas.api.sql.DestReceiver;
import org.elephas.fixtures.ext.SqlExtension;
import org.elephas.testing.FixtureBundles;
import org.elephas.testing.ShippedBundles;
import org.elephas.testing.SqlClient;
import org.elephas.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped audit extension, preloaded: the exact lines it logs for each class, exclusions,
 * failures, nested statements, and who may change {@code audit.log}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditIT {
    /** An audit line in the server log: the PID, the statement id and the rest. */
    private static final Pattern LINE = Pattern.compile("\\[(\\d+)\\] LOG:  AUDIT: SESSION,(\\d+),(.*)$", Pattern.DOTALL);
    /** The start of a server-log report. */
    private static final Pattern TIMESTAMP = Pattern.compile("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");

    private TestServer server;
    private SqlClient su;

    @BeforeAll
    void start(@TempDir Path root) throws Exception {
        Path bundles = root.resolve("home/bundles");
        ShippedBundles.copy(bundles, "elephas-audit");
        // An extension whose script runs nested statements, with a function that runs SQL through SPI.
        FixtureBundles.build(bundles, "fx_audit", SqlExtension.class, Map.of(
                "sql/fx_audit--1.0.sql", """
                        CREATE TABLE fx_audit_t (id int);
                        CREATE FUNCTION fx_spi(sql text, read_only boolean, count integer) RETURNS text
                          AS 'MODULE_PATHNAME', 'org.elephas.fixtures.ext.SqlFunctions.spi' LANGUAGE java;
                        """));
        server = TestServer.start(root, Map.of("shared_preload_bundles", "audit", "audit.log", "misc_set"));
        su = server.connect();
    }

    @AfterAll
    void stop() {
        if (su != null) {
            su.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void ddlLinesCarryRoleDatabaseAndOutcome() {
        su.exec("set audit.log = 'ddl'");
        // A field with a comma or a quote is quoted, as CSV.
        assertAudit(su, "create table t_ddl (a int, \"q\"\"d\" int)", "1,1,DDL,CREATE TABLE,,,"
                + "\"create table t_ddl (a int, \"\"q\"\"\"\"d\"\" int)\",<not logged>,postgres,postgres,SUCCESS,00000");
        assertAudit(su, "alter table t_ddl add column b int",
                "1,1,DDL,ALTER TABLE,,,alter table t_ddl add column b int,<not logged>,postgres,postgres,SUCCESS,00000");
        assertAudit(su, "drop table t_ddl",
                "1,1,DDL,DROP TABLE,,,drop table t_ddl,<not logged>,postgres,postgres,SUCCESS,00000");
        // Not DDL: not logged.
        assertAudit(su, "vacuum");
        assertAudit(su, "create role r_ddl");
    }

    @Test
    void failureIsLoggedWithItsSqlStateAndRethrownUnchanged() {
        su.exec("set audit.log = 'ddl'");
        su.exec("create table t_twice (a int)");
        PgException e = assertAuditFails(su, "create table t_twice (a int)",
                "1,1,DDL,CREATE TABLE,,,create table t_twice (a int),<not logged>,postgres,postgres,FAILURE,42P07");
        // The client gets the engine's error unchanged.
        assertError("42P07", "relation \"t_twice\" already exists", e);
        su.exec("drop table t_twice");
    }

    @Test
    void roleClassRedactsPasswords() {
        su.exec("set audit.log = 'role'");
        assertAudit(su, "create user r_role", "1,1,ROLE,CREATE ROLE,,,create user r_role,<not logged>,postgres,postgres,SUCCESS,00000");
        assertAudit(su, "alter role r_role password 'secret'", "1,1,ROLE,ALTER ROLE,,,<REDACTED>,<not logged>,postgres,postgres,SUCCESS,00000");
        assertAudit(su, "grant connect on database postgres to r_role", "1,1,ROLE,GRANT,,,grant connect on database postgres to r_role,<not logged>,postgres,"
                + "postgres,SUCCESS,00000");
        assertAudit(su, "revoke connect on database postgres from r_role", "1,1,ROLE,REVOKE,,,"
                + "revoke connect on database postgres from r_role,<not logged>,postgres,postgres,SUCCESS,00000");
        assertAudit(su, "drop role r_role", "1,1,ROLE,DROP ROLE,,,drop role r_role,<not logged>,postgres,postgres,SUCCESS,00000");
        // DDL is not ROLE.
        assertAudit(su, "create table t_role (a int)");
        su.exec("drop table t_role");
    }

    @Test
    void miscAndMiscSetClasses() {
        su.exec("set audit.log = 'misc'");
        assertAudit(su, "vacuum", "1,1,MISC,VACUUM,,,vacuum,<not logged>,postgres,postgres,SUCCESS,00000");
        assertAudit(su, "show audit.log", "1,1,MISC,SHOW,,,show audit.log,<not logged>,postgres,postgres,SUCCESS,00000");
        assertAudit(su, "set application_name = 'x'");
        // Turning auditing of SET on is decided on the value before the statement ...
        assertAudit(su, "set audit.log = 'misc_set'");
        // ... and turning it off again is logged.
        assertAudit(su, "set audit.log = 'none'", "1,1,MISC_SET,SET,,,set audit.log = 'none',<not logged>,postgres,postgres,SUCCESS,00000");
        assertAudit(su, "vacuum");
    }

    @Test
    void allWithExclusions() {
        su.exec("set audit.log = 'all, -misc, -misc_set'");
        assertEquals("all, -misc, -misc_set", su.value("show audit.log"));
        assertAudit(su, "vacuum");
        assertAudit(su, "set application_name = 'y'");
        assertAudit(su, "create sequence s_all", "1,1,DDL,CREATE SEQUENCE,,,create sequence s_all,<not logged>,postgres,postgres,"
                + "SUCCESS,00000");
        assertAudit(su, "drop sequence s_all", "1,1,DDL,DROP SEQUENCE,,,drop sequence s_all,<not logged>,postgres,postgres,"
                + "SUCCESS,00000");
        // An exclusion before the class it takes away has nothing to take away yet.
        su.exec("set audit.log = '-ddl, ddl'");
        assertAudit(su, "create sequence s_all2", "1,1,DDL,CREATE SEQUENCE,,,create sequence s_all2,<not logged>,"
                + "postgres,postgres,SUCCESS,00000");
        su.exec("set audit.log = 'none'");
        assertAudit(su, "drop sequence s_all2");
    }

    @Test
    void readAndWriteClassesThroughTheExecutorHooks() {
        su.exec("create table t_rw (a int)");
        su.exec("set audit.log = 'read, write'");
        assertAudit(su, "insert into t_rw values (1), (0)", "1,1,WRITE,INSERT,,,\"insert into t_rw values (1), (0)\","
                + "<not logged>,postgres,postgres,SUCCESS,00000");
        assertAudit(su, "update t_rw set a = 2 where a = 1", "1,1,WRITE,UPDATE,,,update t_rw set a = 2 where a = 1,"
                + "<not logged>,postgres,postgres,SUCCESS,00000");
        assertAudit(su, "select a from t_rw where a = 2", "1,1,READ,SELECT,,,select a from t_rw where a = 2,"
                + "<not logged>,postgres,postgres,SUCCESS,00000");
        // Fails while it runs: logged from ExecutorRun with the SQLSTATE.
        PgException e = assertAuditFails(su, "select 10 / a from t_rw", "1,1,READ,SELECT,,,select 10 / a from t_rw,"
                + "<not logged>,postgres,postgres,FAILURE,22012");
        assertEquals("22012", e.sqlState());
        // Parameters of a prepared statement, as pgaudit writes them.
        su.exec("set audit.log_parameter = on");
        su.session().prepare("p_rw", "select a from t_rw where a = $1 or a = $2");
        int before = auditLines().size();
        su.session().executePrepared("p_rw", List.of(2, 0), DestReceiver.NONE);
        server.log().awaitCount("AUDIT: SESSION,", before + 1, TestServer.PATIENCE);
        // (group 3: the line after the statement id)
        assertEquals("1,READ,SELECT,,,select a from t_rw where a = $1 or a = $2,\"2,0\",postgres,postgres,SUCCESS,00000",
                auditLines().get(before).group(3));
        su.exec("set audit.log_parameter = off");
        su.exec("set audit.log = 'read'");
        assertAudit(su, "delete from t_rw");
        su.exec("set audit.log = 'none'");
        su.exec("drop table t_rw");
    }

    @Test
    void nestedStatementsShareTheStatementId() {
        su.exec("set audit.log = 'ddl, read'");
        // The script's statements end first, so they are logged first; their ids say where they belong.
        assertAudit(su, "create extension fx_audit", "1,2,DDL,CREATE TABLE,,,CREATE TABLE fx_audit_t (id int),<not logged>,postgres,postgres,SUCCESS,00000",
                "1,3,DDL,CREATE FUNCTION,,,\"CREATE FUNCTION fx_spi(sql text, read_only boolean, count integer) "
                        + "RETURNS text\n\t  AS 'fx_audit', 'org.elephas.fixtures.ext.SqlFunctions.spi' "
                        + "LANGUAGE java\",<not logged>,postgres,postgres,SUCCESS,00000",
                "1,1,DDL,CREATE EXTENSION,,,create extension fx_audit,<not logged>,postgres,postgres,SUCCESS,00000");
        // A schema's elements are sub-commands too.
        assertAudit(su, "create schema s_nested create table t (a int)", "1,2,DDL,CREATE TABLE,,,create table s_nested.t (a int),<not logged>,postgres,postgres,SUCCESS,00000",
                "1,1,DDL,CREATE SCHEMA,,,create schema s_nested create table t (a int),<not logged>,postgres,"
                        + "postgres,SUCCESS,00000");
        // A utility statement run through SPI by a function: the SELECT around it is logged
        // when it ends, with an id of its own (nesting is followed through utility statements only).
        assertAudit(su, "select fx_spi('create table t_spi (a int)', false, 0)",
                "1,1,DDL,CREATE TABLE,,,create table t_spi (a int),<not logged>,postgres,postgres,SUCCESS,00000",
                "2,1,READ,SELECT,,,\"select fx_spi('create table t_spi (a int)', false, 0)\",<not logged>,postgres,"
                        + "postgres,SUCCESS,00000");
        su.exec("set audit.log = 'none'");
        su.exec("drop table t_spi");
        su.exec("drop table s_nested.t");
        su.exec("drop schema s_nested");
        su.exec("drop extension fx_audit");
    }

    @Test
    void logParameterAddsTheParameterField() {
        su.exec("set audit.log = 'misc'");
        su.exec("set audit.log_parameter = on");
        assertAudit(su, "checkpoint", "1,1,MISC,CHECKPOINT,,,checkpoint,<none>,postgres,postgres,SUCCESS,00000");
        su.exec("set audit.log_parameter = off");
        su.exec("set audit.log = 'none'");
    }

    @Test
    void onlySuperusersSetItAndBadValuesAreRefused() {
        su.exec("create role r_plain login");
        try (SqlClient plain = server.connect("postgres", "r_plain")) {
            // The value from the configuration file applies to everyone: misc_set.
            PgException denied = assertThrows(PgException.class, () -> plain.exec("set audit.log = 'none'"));
            assertError("42501", "permission denied to set parameter \"audit.log\"", denied);
            assertAuditFails(plain, "set audit.log = 'misc'",
                    "1,1,MISC_SET,SET,,,set audit.log = 'misc',<not logged>,r_plain,postgres,FAILURE,42501");
            assertThrows(PgException.class, () -> plain.exec("set audit.log_parameter = on"));
            assertEquals("misc_set", plain.value("show audit.log"));
        } finally {
            su.exec("drop role r_plain");
        }
        PgException bad = assertThrows(PgException.class, () -> su.exec("set audit.log = 'ddl, bogus'"));
        assertError("22023", "invalid value for parameter \"audit.log\": \"ddl, bogus\"", bad);
        PgException reserved = assertThrows(PgException.class, () -> su.exec("set audit.bogus = 1"));
        assertError("42602", "invalid configuration parameter name \"audit.bogus\"", reserved);
    }

    @Test
    void theHookIsInElephasHooks() {
        su.exec("set audit.log = 'none'");
        assertEquals(List.of(List.of("ExecutorEnd", "audit"), List.of("ExecutorRun", "audit"),
                List.of("ProcessUtility", "audit")),
                su.rows("select hook, extension from elephas_hooks where extension = 'audit' order by hook"));
    }

    /** Run a statement that succeeds and check the audit lines of this client's backend it caused. */
    private void assertAudit(SqlClient client, String sql, String... expected) {
        assertAudit(client, sql, false, expected);
    }

    /** Run a statement that fails and check the audit lines of this client's backend it caused. */
    private PgException assertAuditFails(SqlClient client, String sql, String... expected) {
        return assertAudit(client, sql, true, expected);
    }

    /**
     * Run a statement and compare the audit lines of the client's backend that it caused with
     * {@code expected}, whose statement ids are relative to the last id logged before (so the
     * first new one is 1). The hook logs before the statement returns, so an empty
     * {@code expected} needs no waiting; otherwise the log is polled until enough lines are there.
     */
    private PgException assertAudit(SqlClient client, String sql, boolean fails, String... expected) {
        String pid = String.valueOf(client.session().backend().pid());
        List<Matcher> before = auditLines();
        long base = before.isEmpty() ? 0 : Long.parseLong(before.get(before.size() - 1).group(2));
        PgException error = null;
        if (fails) {
            error = assertThrows(PgException.class, () -> client.exec(sql));
        } else {
            client.exec(sql);
        }
        long mineBefore = before.stream().filter(m -> m.group(1).equals(pid)).count();
        server.log().awaitCount("\\[" + pid + "\\] LOG:  AUDIT: SESSION,", (int) mineBefore + expected.length,
                TestServer.PATIENCE);
        List<Matcher> all = auditLines();
        List<String> mine = new ArrayList<>();
        for (Matcher m : all.subList(before.size(), all.size())) {
            if (m.group(1).equals(pid)) {
                mine.add((Long.parseLong(m.group(2)) - base) + "," + m.group(3));
            }
        }
        assertEquals(List.of(expected), mine, sql);
        return error;
    }

    /**
     * @return the audit lines logged so far, in order; a line of a multi-line statement is
     *     joined to the report it continues (one that does not start with a timestamp)
     */
    private List<Matcher> auditLines() {
        List<String> reports = new ArrayList<>();
        for (String line : server.log().lines()) {
            if (!reports.isEmpty() && !TIMESTAMP.matcher(line).lookingAt()) {
                reports.set(reports.size() - 1, reports.get(reports.size() - 1) + "\n" + line);
            } else {
                reports.add(line);
            }
        }
        List<Matcher> lines = new ArrayList<>();
        for (String report : reports) {
            Matcher m = LINE.matcher(report);
            if (m.find()) {
                lines.add(m);
            }
        }
        return lines;
    }
}
