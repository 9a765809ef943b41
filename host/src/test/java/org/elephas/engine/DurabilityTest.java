package org.elephas.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.elephas.auth.PasswordVerifier;
import org.elephas.catalog.Catalog;
import org.elephas.catalog.DatabaseInfo;
import org.elephas.catalog.RoleInfo;
import org.elephas.testing.SqlClient;
import org.elephas.testing.SqlShellMain;
import org.elephas.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Committed data and catalog changes survive an orderly restart and the death of the JVM
 * ({@code kill -9}); uncommitted work does not.
 */
class DurabilityTest {
    @TempDir
    Path root;

    @Test
    void committedWorkSurvivesARestart() throws Exception {
        try (TestServer first = TestServer.start(root, Map.of()); SqlClient c = first.connect()) {
            c.exec("create table kept(id int primary key, v text)");
            c.exec("insert into kept values (1, 'auto')");
            c.exec("begin");
            c.exec("insert into kept values (2, 'block')");
            c.exec("commit");
            c.exec("begin");
            c.exec("insert into kept values (3, 'rolled back')");
            c.exec("rollback");
            c.exec("create database restarted connection limit 4");
            c.exec("create role survivor login password 'pw'");
            c.exec("grant create on database restarted to survivor");
            try (SqlClient d = first.connect("restarted", "postgres")) {
                d.exec("create table u(x int)");
                d.exec("insert into u values (42)");
            }
        }
        try (TestServer second = TestServer.start(root, Map.of()); SqlClient c = second.connect()) {
            assertEquals(List.of(List.of(1, "auto"), List.of(2, "block")), c.rows("select id, v from kept order by id"));
            assertCatalogSurvived(second, "restarted");
            assertEquals(4, second.postmaster().catalog().database("restarted").orElseThrow().connectionLimit());
            try (SqlClient d = second.connect("restarted", "survivor")) {
                assertEquals(42, d.value("select x from u"));
                assertEquals("CREATE SCHEMA", d.exec("create schema granted_before_restart"));
            }
        }
    }

    @Test
    void committedWorkSurvivesKillDashNine() throws Exception {
        Path data = root.resolve("data");
        Process shell = new ProcessBuilder(javaCommand(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                SqlShellMain.class.getName(), data.toString(), root.resolve("home").toString())
                .redirectError(root.resolve("shell.log").toFile()).start();
        // A hung child must not hang the build: past the deadline it is killed, and reads see the end.
        CompletableFuture.delayedExecutor(2 * TestServer.PATIENCE.toMillis(), TimeUnit.MILLISECONDS)
                .execute(shell::destroyForcibly);
        try (BufferedReader out = new BufferedReader(new InputStreamReader(shell.getInputStream(), StandardCharsets.UTF_8));
                Writer in = new OutputStreamWriter(shell.getOutputStream(), StandardCharsets.UTF_8)) {
            Shell s = new Shell(in, out);
            s.expect("READY");
            s.send("\\c a postgres postgres", "CONNECTED a");
            s.send("create table kept(id int primary key, v text)", "OK CREATE TABLE");
            s.send("insert into kept values (1, 'auto')", "OK INSERT 0 1");
            s.send("begin", "OK BEGIN");
            s.send("insert into kept values (2, 'block')", "OK INSERT 0 1");
            s.send("commit", "OK COMMIT");
            s.send("create database killed", "OK CREATE DATABASE");
            s.send("create role survivor login password 'pw'", "OK CREATE ROLE");
            s.send("grant create on database killed to survivor", "OK GRANT");
            s.send("\\c b killed postgres", "CONNECTED b");
            s.send("create table u(x int)", "OK CREATE TABLE");
            s.send("insert into u values (42)", "OK INSERT 0 1");
            s.send("begin", "OK BEGIN");
            s.send("insert into u values (43)", "OK INSERT 0 1");
            s.send("\\c c postgres postgres", "CONNECTED c");
            s.send("begin", "OK BEGIN");
            s.send("insert into kept values (3, 'uncommitted')", "OK INSERT 0 1");
            s.send("select count(*) from kept", "ROW 3");
            s.expect("OK SELECT 1");
            shell.destroyForcibly();
            assertTrue(shell.waitFor(TestServer.PATIENCE.toMillis(), TimeUnit.MILLISECONDS));
            assertEquals(137, shell.exitValue(), "killed by SIGKILL");
        } finally {
            shell.destroyForcibly();
        }
        try (TestServer after = TestServer.start(root, Map.of()); SqlClient c = after.connect()) {
            assertEquals(List.of(List.of(1, "auto"), List.of(2, "block")), c.rows("select id, v from kept order by id"));
            assertCatalogSurvived(after, "killed");
            try (SqlClient d = after.connect("killed", "survivor")) {
                assertEquals(List.of(List.of(42)), d.rows("select x from u"));
                assertEquals("CREATE SCHEMA", d.exec("create schema granted_before_kill"));
            }
        }
    }

    /** The role, its password and its grant, and the database, as they were committed. */
    private static void assertCatalogSurvived(TestServer server, String database) {
        Catalog catalog = server.postmaster().catalog();
        RoleInfo survivor = catalog.role("survivor").orElseThrow();
        assertTrue(survivor.canLogin());
        assertTrue(PasswordVerifier.verify("pw", survivor.password(), "survivor"));
        DatabaseInfo db = catalog.database(database).orElseThrow();
        assertTrue(catalog.hasDatabasePrivilege(survivor, db, 'C'));
        assertTrue(catalog.privileges(db.oid()).contains(new Catalog.Privilege(survivor.oid(), 'C')));
    }

    private static String javaCommand() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The test's side of {@link SqlShellMain}'s line protocol. */
    private record Shell(Writer in, BufferedReader out) {
        void send(String line, String expected) throws IOException {
            in.write(line + "\n");
            in.flush();
            expect(expected);
        }

        void expect(String expected) throws IOException {
            String got = out.readLine();
            assertEquals(expected, got, "the shell's answer");
        }
    }
}
