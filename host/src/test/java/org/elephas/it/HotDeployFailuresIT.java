package org.elephas.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.elephas.testing.DeployBundles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hot deploy's failure isolation, a burst of jars and a changed {@code deploy_directory},
 * against the real distribution as a process, looked at as an operator would: over pgjdbc in
 * {@code elephas_bundles} and {@code elephas_hooks}, and in the server log.
 */
@Timeout(240)
class HotDeployFailuresIT {
    @TempDir
    Path scratch;

    @Test
    void badJarsFailAloneVisiblyAndFixedFilesAreRetried() throws Exception {
        DeployBundles bundles = new DeployBundles(scratch);
        Path data = ServerProcess.newDataDirectory("deploy-failures");
        try (ServerProcess server = ServerProcess.startReady(data, "-c", "listen_addresses=127.0.0.1");
                Connection c = connect(server)) {
            Path deploy = data.resolve("deploy");
            DeployBundles.drop(bundles.build(DeployBundles.extension("fx_good").noWorker()), deploy, "fx_good.jar");
            awaitRow(server, c, "select state from elephas_bundles where extension_name = 'fx_good'", "ACTIVE");

            DeployBundles.drop(Files.writeString(scratch.resolve("junk"), "this is not a jar"), deploy, "junk.jar");
            DeployBundles.drop(bundles.build(DeployBundles.extension("fx_noimport").noWorker()
                    .importing("org.elephas.missing")), deploy, "fx_noimport.jar");
            DeployBundles.drop(bundles.build(DeployBundles.extension("fx_throw").noWorker().throwing()), deploy,
                    "fx_throw.jar");

            server.awaitLogLine(Pattern.compile("WARNING:  could not deploy \"junk.jar\": not a jar"),
                    ServerProcess.TIMEOUT);
            awaitRow(server, c, "select state from elephas_bundles where extension_name = 'fx_noimport'", "INSTALLED");
            awaitRow(server, c, "select state from elephas_bundles where extension_name = 'fx_throw'", "RESOLVED");
            assertTrue(value(c, "select last_error from elephas_bundles where location like '%/junk.jar'")
                    .contains("not a jar"));
            assertTrue(value(c, "select last_error from elephas_bundles where extension_name = 'fx_noimport'")
                    .contains("org.elephas.missing"));
            assertEquals("could not start bundle \"org.elephas.fixture.fx_throw\" deployed from \"fx_throw.jar\": "
                    + "fx_throw v1 refuses to start",
                    value(c, "select last_error from elephas_bundles where extension_name = 'fx_throw'"));

            // The good bundle and its hook are untouched; the failed ones left no hook behind.
            assertEquals("ACTIVE", value(c, "select state from elephas_bundles where extension_name = 'fx_good'"));
            assertEquals("1", value(c, "select count(*) from elephas_hooks where extension = 'fx_good'"));
            assertEquals("0", value(c, "select count(*) from elephas_hooks where extension = 'fx_throw'"));

            // Fixing each file retries it.
            DeployBundles.drop(bundles.build(DeployBundles.extension("fx_junk").noWorker()), deploy, "junk.jar");
            DeployBundles.drop(bundles.build(DeployBundles.extension("fx_noimport").noWorker()), deploy,
                    "fx_noimport.jar");
            DeployBundles.drop(bundles.build(DeployBundles.extension("fx_throw").noWorker()), deploy, "fx_throw.jar");
            for (String ext : List.of("fx_junk", "fx_noimport", "fx_throw")) {
                awaitRow(server, c, "select state || ':' || coalesce(last_error, '') from elephas_bundles"
                        + " where extension_name = '" + ext + "'", "ACTIVE:");
            }
            assertEquals("0", value(c, "select count(*) from elephas_bundles where location like '%/junk.jar' and id is null"));
        }
    }

    @Test
    void fiftyJarsAtOnceAndAChangedDeployDirectory() throws Exception {
        DeployBundles bundles = new DeployBundles(scratch);
        List<Path> jars = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            jars.add(bundles.build(DeployBundles.extension("fx_many" + i).noWorker()));
        }
        Path data = ServerProcess.newDataDirectory("deploy-many");
        try (ServerProcess server = ServerProcess.startReady(data, "-c", "listen_addresses=127.0.0.1");
                Connection c = connect(server)) {
            Path deploy = data.resolve("deploy");
            for (int i = 0; i < jars.size(); i++) {
                DeployBundles.drop(jars.get(i), deploy, "fx_many" + i + ".jar");
            }
            awaitRow(server, c, "select count(*) from elephas_bundles where extension_name like 'fx_many%'"
                    + " and state = 'ACTIVE' and origin = 'deploy'", "50");
            assertEquals("50", value(c, "select count(distinct symbolic_name) from elephas_bundles"
                    + " where extension_name like 'fx_many%'"));
            assertEquals(50, server.log().stream().filter(l -> l.matches(".*LOG:  fx_many\\d+ v1 _PG_init$")).count(),
                    "each _PG_init ran once");

            // A new deploy_directory on reload: the old directory's bundles leave, the new one's come.
            Path other = Files.createDirectory(data.resolve("deploy2"));
            DeployBundles.drop(bundles.build(DeployBundles.extension("fx_moved").noWorker()), other, "fx_moved.jar");
            try (Statement s = c.createStatement()) {
                s.execute("alter system set deploy_directory = 'deploy2'");
                s.execute("select pg_reload_conf()");
            }
            awaitRow(server, c, "select state from elephas_bundles where extension_name = 'fx_moved'", "ACTIVE");
            awaitRow(server, c, "select count(*) from elephas_bundles where extension_name like 'fx_many%'", "0");
        }
    }

    private static Connection connect(ServerProcess server) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + server.port() + "/postgres?user=postgres");
    }

    private static String value(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private static void awaitRow(ServerProcess server, Connection c, String sql, String expected) {
        server.awaitCondition(sql + " = " + expected, () -> {
            try {
                return expected.equals(value(c, sql));
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }, ServerProcess.TIMEOUT);
    }
}
