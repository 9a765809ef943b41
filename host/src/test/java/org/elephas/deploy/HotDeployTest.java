package org.elephas.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.elephas.library.BundleInfo;
import org.elephas.testing.DeployBundles;
import org.elephas.testing.SqlClient;
import org.elephas.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hot deploy in process: a real postmaster and Felix, fixture bundles moved into
 * {@code deploy_directory} by rename, effects read from the log, {@code elephas_bundles} and
 * {@code elephas_hooks}.
 */
@Timeout(120)
class HotDeployTest {
    @TempDir
    Path root;
    private TestServer server;
    private DeployBundles bundles;
    private Path deploy;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start(root.resolve("s"), Map.of("log_min_messages", "debug1"));
        bundles = new DeployBundles(root.resolve("scratch"));
        deploy = server.dataDirectory().resolve("deploy");
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private String await(String regex) {
        return server.log().await(regex, TestServer.PATIENCE);
    }

    private Optional<BundleInfo> bundle(String symbolicName) {
        return server.postmaster().library().bundles().stream()
                .filter(b -> symbolicName.equals(b.symbolicName())).findFirst();
    }

    private long count(String regex) {
        return server.log().count(regex);
    }

    private BundleInfo awaitState(String symbolicName, String state) {
        server.awaitTrue(symbolicName + " " + state,
                () -> bundle(symbolicName).map(b -> state.equals(b.state())).orElse(false));
        return bundle(symbolicName).orElseThrow();
    }

    /** ACTIVE and its last error cleared (which happens just after the start returns). */
    private void awaitActiveWithoutError(String symbolicName) {
        server.awaitTrue(symbolicName + " ACTIVE without error", () -> bundle(symbolicName)
                .map(b -> "ACTIVE".equals(b.state()) && b.lastError() == null).orElse(false));
    }

    private BundleInfo awaitFailed(String fileName) {
        server.awaitTrue("a FAILED row for " + fileName, () -> failedRow(fileName).isPresent());
        return failedRow(fileName).orElseThrow();
    }

    private Optional<BundleInfo> failedRow(String fileName) {
        return server.postmaster().library().bundles().stream()
                .filter(b -> b.id() == null && b.location().endsWith("/" + fileName)).findFirst();
    }

    private long hookLinks(String extension) {
        return server.postmaster().hooks().rows().stream()
                .filter(r -> extension.equals(r.owner().extensionName())).count();
    }

    @Test
    void aDroppedJarRunsItsInitAtRunTimeWithHooksLiveAndADynamicWorker() {
        DeployBundles.drop(bundles.build(DeployBundles.extension("fx_d1")), deploy, "fx_d1.jar");
        await("LOG:  fx_d1 v1 _PG_init$");
        await("LOG:  background worker \"fx_d1 static\": must be registered in \"shared_preload_bundles\"$");
        await("LOG:  fx_d1 v1 hook saw probe$");
        await("LOG:  fx_d1 v1 worker ready, greeting hello v1$");
        await("LOG:  deployed bundle \"org.elephas.fixture.fx_d1\" 1.0.0 \\(extension \"fx_d1\"\\) from \"fx_d1.jar\"$");
        try (SqlClient c = server.connect()) {
            List<List<Object>> rows = c.rows("SELECT state, origin, last_error FROM elephas_bundles "
                    + "WHERE symbolic_name = 'org.elephas.fixture.fx_d1'");
            assertEquals(List.of(List.of("ACTIVE", "deploy")), List.of(rows.get(0).subList(0, 2)));
            assertEquals(null, rows.get(0).get(2));
            assertEquals(1L, ((Number) c.value("SELECT count(*) FROM elephas_hooks WHERE extension = 'fx_d1'"))
                    .longValue());
            assertEquals("hello v1", c.value("SHOW fx_d1.greeting"));
            long before = count("fx_d1 v1 hook saw probe");
            c.exec("SELECT 'fx_deploy_probe'");
            assertEquals(before + 1, count("fx_d1 v1 hook saw probe"), "the hook is in the session's chain");
        }
    }

    @Test
    void replacingTheFileUnloadsTheOldVersionCompletelyBeforeTheNewOneStarts() {
        DeployBundles.drop(bundles.build(DeployBundles.extension("fx_d2")), deploy, "fx_d2.jar");
        await("fx_d2 v1 worker ready");
        long bundleId = awaitState("org.elephas.fixture.fx_d2", "ACTIVE").id();

        DeployBundles.drop(bundles.build(DeployBundles.extension("fx_d2").version("v2")), deploy, "fx_d2.jar");
        await("LOG:  fx_d2 v2 worker ready, greeting hello v2$");
        List<String> lines = server.log().lines();
        int terminated = indexOf(lines, "FATAL:  terminating background worker \"fx_d2\" due to administrator command");
        int fini = indexOf(lines, "LOG:  fx_d2 v1 _PG_fini");
        int init2 = indexOf(lines, "LOG:  fx_d2 v2 _PG_init");
        assertTrue(terminated >= 0 && terminated < fini && fini < init2,
                "worker terminated, then _PG_fini, then the new _PG_init: " + server.log());
        assertEquals(0, count("attempt to redefine parameter"), "the parameter became a placeholder in between");
        BundleInfo b = awaitState("org.elephas.fixture.fx_d2", "ACTIVE");
        assertEquals(bundleId, b.id(), "updated in place, not installed twice");
        assertEquals(1, hookLinks("fx_d2"), "only the new version's hook is in the chain");
        try (SqlClient c = server.connect()) {
            c.exec("SELECT 'fx_deploy_probe'");
            assertEquals("hello v2", c.value("SHOW fx_d2.greeting"));
        }
        assertEquals(1, count("fx_d2 v1 hook saw probe"), "the old hook saw only its own worker's probe");
        assertEquals(2, count("fx_d2 v2 hook saw probe"));
        server.awaitTrue("one fx_d2 worker", () -> server.workers().stream()
                .filter(w -> w.entry().libraryName().equals("fx_d2")).count() == 1);
    }

    @Test
    void deletingTheFileUnloadsAndUninstalls() throws Exception {
        Path file = DeployBundles.drop(bundles.build(DeployBundles.extension("fx_d3")), deploy, "fx_d3.jar");
        await("fx_d3 v1 worker ready");
        Files.delete(file);
        await("LOG:  undeployed bundle \"org.elephas.fixture.fx_d3\" 1.0.0: \"fx_d3.jar\" was removed$");
        int terminated = indexOf(server.log().lines(), "FATAL:  terminating background worker \"fx_d3\"");
        assertTrue(terminated >= 0 && terminated < indexOf(server.log().lines(), "fx_d3 v1 _PG_fini"), server.log()::toString);
        assertTrue(bundle("org.elephas.fixture.fx_d3").isEmpty());
        assertEquals(0, hookLinks("fx_d3"));
        assertTrue(server.workers().stream().noneMatch(w -> w.entry().libraryName().equals("fx_d3")));
        try (SqlClient c = server.connect()) {
            assertEquals(0L, ((Number) c.value("SELECT count(*) FROM elephas_bundles WHERE location LIKE '%fx_d3.jar'"))
                    .longValue());
        }
    }

    @Test
    void badFilesFailAloneVisiblyAndAFixedFileIsRetried() throws Exception {
        DeployBundles.drop(bundles.build(DeployBundles.extension("fx_good")), deploy, "fx_good.jar");
        await("fx_good v1 worker ready");
        long goodWorkerPid = server.workers().stream().filter(w -> w.entry().libraryName().equals("fx_good"))
                .findFirst().orElseThrow().pid();

        Path junk = Files.writeString(root.resolve("scratch/junk"), "this is not a jar");
        DeployBundles.drop(junk, deploy, "junk.jar");
        DeployBundles.drop(bundles.build(DeployBundles.extension("fx_noimport").importing("org.elephas.missing")),
                deploy, "fx_noimport.jar");
        DeployBundles.drop(bundles.build(DeployBundles.extension("fx_throw").throwing()), deploy, "fx_throw.jar");

        await("WARNING:  could not deploy \"junk.jar\": not a jar");
        assertTrue(awaitFailed("junk.jar").lastError().contains("not a jar"));
        await("WARNING:  could not start bundle \"org.elephas.fixture.fx_noimport\" deployed from \"fx_noimport.jar\": .*"
                + "org.elephas.missing");
        BundleInfo noImport = awaitState("org.elephas.fixture.fx_noimport", "INSTALLED");
        assertTrue(noImport.lastError().contains("org.elephas.missing"), noImport.lastError());
        await("WARNING:  could not start bundle \"org.elephas.fixture.fx_throw\" deployed from \"fx_throw.jar\": "
                + "fx_throw v1 refuses to start$");
        BundleInfo thrown = awaitState("org.elephas.fixture.fx_throw", "RESOLVED");
        assertEquals("could not start bundle \"org.elephas.fixture.fx_throw\" deployed from \"fx_throw.jar\": "
                + "fx_throw v1 refuses to start", thrown.lastError());
        assertEquals(0, hookLinks("fx_throw"));

        // Everything else is untouched.
        assertEquals("ACTIVE", bundle("org.elephas.fixture.fx_good").orElseThrow().state());
        assertEquals(1, hookLinks("fx_good"));
        assertEquals(goodWorkerPid, server.workers().stream().filter(w -> w.entry().libraryName().equals("fx_good"))
                .findFirst().orElseThrow().pid());
        assertEquals(0, count("fx_good v1 _PG_fini"));

        // Fixing each file retries it.
        DeployBundles.drop(bundles.build(DeployBundles.extension("fx_junk").noWorker()), deploy, "junk.jar");
        DeployBundles.drop(bundles.build(DeployBundles.extension("fx_noimport").noWorker()), deploy, "fx_noimport.jar");
        DeployBundles.drop(bundles.build(DeployBundles.extension("fx_throw").noWorker()), deploy, "fx_throw.jar");
        awaitActiveWithoutError("org.elephas.fixture.fx_junk");
        assertTrue(failedRow("junk.jar").isEmpty());
        awaitActiveWithoutError("org.elephas.fixture.fx_noimport");
        awaitActiveWithoutError("org.elephas.fixture.fx_throw");
    }

    @Test
    void aHalfWrittenFileNeverUnloadsTheRunningVersion() throws Exception {
        Path file = DeployBundles.drop(bundles.build(DeployBundles.extension("fx_d4").noWorker()), deploy, "fx_d4.jar");
        await("deployed bundle \"org.elephas.fixture.fx_d4\"");
        byte[] v2 = Files.readAllBytes(bundles.build(DeployBundles.extension("fx_d4").version("v2").noWorker()));
        // Overwritten in place and left half written (a copy that stalled).
        Files.write(file, java.util.Arrays.copyOf(v2, v2.length / 2));
        await("WARNING:  could not deploy \"fx_d4.jar\": not a jar .*; the running version stays$");
        assertEquals("ACTIVE", bundle("org.elephas.fixture.fx_d4").orElseThrow().state());
        assertEquals(0, count("fx_d4 v1 _PG_fini"));
        assertEquals(1, hookLinks("fx_d4"));
        // The copy completes.
        Files.write(file, v2);
        await("LOG:  fx_d4 v2 _PG_init$");
        awaitActiveWithoutError("org.elephas.fixture.fx_d4");
    }

    @Test
    void hiddenAndTemporaryNamesAreIgnored() throws Exception {
        Path jar = bundles.build(DeployBundles.extension("fx_hidden").noWorker());
        Files.copy(jar, deploy.resolve(".fx_hidden.jar"));
        Files.copy(jar, deploy.resolve("fx_hidden.jar.tmp"));
        Files.copy(jar, deploy.resolve("fx_hidden.jar.part"));
        // A later drop is acted on; the ignored names settled long before it would have.
        DeployBundles.drop(bundles.build(DeployBundles.extension("fx_seen").noWorker()), deploy, "fx_seen.jar");
        awaitState("org.elephas.fixture.fx_seen", "ACTIVE");
        assertTrue(bundle("org.elephas.fixture.fx_hidden").isEmpty());
        assertEquals(0, count("fx_hidden"));
    }

    @Test
    void changingDeployDirectoryOnReloadMovesWhatIsDeployed() throws Exception {
        DeployBundles.drop(bundles.build(DeployBundles.extension("fx_old").noWorker()), deploy, "fx_old.jar");
        awaitState("org.elephas.fixture.fx_old", "ACTIVE");
        Path other = Files.createDirectories(server.dataDirectory().resolve("deploy2"));
        DeployBundles.drop(bundles.build(DeployBundles.extension("fx_new").noWorker()), other, "fx_new.jar");
        Files.writeString(server.dataDirectory().resolve("elephas.conf"), "deploy_directory = 'deploy2'\n");
        server.postmaster().reload();
        awaitState("org.elephas.fixture.fx_new", "ACTIVE");
        server.awaitTrue("fx_old undeployed", () -> bundle("org.elephas.fixture.fx_old").isEmpty());
        // The new directory is watched, the old one no longer.
        DeployBundles.drop(bundles.build(DeployBundles.extension("fx_new2").noWorker()), other, "fx_new2.jar");
        DeployBundles.drop(bundles.build(DeployBundles.extension("fx_old2").noWorker()), deploy, "fx_old2.jar");
        awaitState("org.elephas.fixture.fx_new2", "ACTIVE");
        assertTrue(bundle("org.elephas.fixture.fx_old2").isEmpty());
        // Empty disables hot deploy: nothing stays deployed.
        Files.writeString(server.dataDirectory().resolve("elephas.conf"), "deploy_directory = ''\n");
        server.postmaster().reload();
        server.awaitTrue("all undeployed", () -> bundle("org.elephas.fixture.fx_new").isEmpty()
                && bundle("org.elephas.fixture.fx_new2").isEmpty());
    }

    @Test
    void fiftyJarsDroppedAtOnceAreEachInstalledOnce() throws Exception {
        int n = 50;
        Path[] jars = new Path[n];
        Path template = bundles.build(DeployBundles.extension("fx_many").noWorker());
        for (int i = 0; i < n; i++) {
            jars[i] = bundles.renamed(template, "fx_many_" + i);
        }
        for (int i = 0; i < n; i++) {
            DeployBundles.drop(jars[i], deploy, "fx_many_" + i + ".jar");
        }
        server.awaitTrue("50 active", () -> server.postmaster().library().bundles().stream()
                .filter(b -> b.symbolicName() != null && b.symbolicName().startsWith("org.elephas.fixture.fx_many_")
                        && "ACTIVE".equals(b.state())).count() == n);
        for (int i = 0; i < n; i++) {
            String bsn = "org.elephas.fixture.fx_many_" + i;
            assertEquals(1, server.postmaster().library().bundles().stream().filter(b -> bsn.equals(b.symbolicName()))
                    .count(), bsn);
            assertEquals(1, count("LOG:  fx_many_" + i + " v1 _PG_init$"), bsn);
        }
    }

    @Test
    void updatingALibraryRefreshesOnlyTheBundlesWiredToIt() throws Exception {
        // The importer comes first and waits, unresolved, until the library arrives.
        DeployBundles.drop(bundles.build(DeployBundles.extension("fx_user").noWorker()
                .importing(DeployBundles.LIB_PACKAGE)), deploy, "fx_user.jar");
        awaitState("org.elephas.fixture.fx_user", "INSTALLED");
        DeployBundles.drop(bundles.build(DeployBundles.extension("fx_bystander").noWorker()), deploy, "fx_bystander.jar");
        DeployBundles.drop(bundles.library("1.0.0"), deploy, "deploylib.jar");
        awaitActiveWithoutError("org.elephas.fixture.fx_user");
        awaitState("org.elephas.fixture.fx_bystander", "ACTIVE");
        assertEquals(1, count("fx_user v1 _PG_init"));

        DeployBundles.drop(bundles.library("1.1.0"), deploy, "deploylib.jar");
        server.awaitTrue("deploylib 1.1.0", () -> bundle("org.elephas.fixture.deploylib")
                .map(b -> b.version().equals("1.1.0") && b.state().equals("ACTIVE")).orElse(false));
        server.log().awaitCount("LOG:  fx_user v1 _PG_init$", 2, TestServer.PATIENCE);
        assertEquals(1, count("fx_user v1 _PG_fini"), "stopped once by the refresh");
        assertEquals(1, count("fx_bystander v1 _PG_init"), "not wired to the library: untouched");
        assertEquals(0, count("fx_bystander v1 _PG_fini"));
        assertEquals("ACTIVE", awaitState("org.elephas.fixture.fx_user", "ACTIVE").state());
    }

    @Test
    void aDependentThatCannotRestartAfterARefreshShowsWhyAndComesBackWithTheLibrary() throws Exception {
        DeployBundles.drop(bundles.library("1.0.0"), deploy, "deploylib.jar");
        DeployBundles.drop(bundles.build(DeployBundles.extension("fx_dep").noWorker()
                .importing(DeployBundles.LIB_PACKAGE)), deploy, "fx_dep.jar");
        awaitActiveWithoutError("org.elephas.fixture.fx_dep");

        DeployBundles.drop(bundles.libraryWithoutExport("2.0.0"), deploy, "deploylib.jar");
        await("WARNING:  could not restart bundle \"org.elephas.fixture.fx_dep\" after a refresh: .*"
                + DeployBundles.LIB_PACKAGE.replace(".", "\\."));
        assertEquals(1, count("LOG:  fx_dep v1 _PG_fini$"));
        BundleInfo dep = awaitState("org.elephas.fixture.fx_dep", "INSTALLED");
        assertTrue(dep.lastError().startsWith("could not restart bundle"), dep.lastError());
        assertEquals(0, hookLinks("fx_dep"));

        DeployBundles.drop(bundles.library("3.0.0"), deploy, "deploylib.jar");
        awaitActiveWithoutError("org.elephas.fixture.fx_dep");
        assertEquals(2, count("LOG:  fx_dep v1 _PG_init$"));
        assertEquals(1, hookLinks("fx_dep"));
    }

    @Test
    void aPreloadedBundleIsPinned() throws Exception {
        server.close();
        server = TestServer.start(root.resolve("p"), Map.of("shared_preload_bundles", "fx_lib"));
        deploy = server.dataDirectory().resolve("deploy");
        DeployBundles.drop(bundles.build(DeployBundles.extension("fx_lib").noWorker()), deploy, "fx_lib.jar");
        String line = await("WARNING:  could not deploy \"fx_lib.jar\": bundle \"org.elephas.fixture.fx_lib\" "
                + "\\(extension \"fx_lib\"\\) is pinned by \"shared_preload_bundles\"; a restart is required to replace it$");
        assertNotNull(line);
        assertTrue(failedRow("fx_lib.jar").orElseThrow().lastError().contains("a restart is required"));
        assertEquals(1, server.postmaster().library().bundles().stream()
                .filter(b -> "org.elephas.fixture.fx_lib".equals(b.symbolicName())).count());
        assertEquals("preload", bundle("org.elephas.fixture.fx_lib").orElseThrow().origin().label());
        assertFalse(server.log().lines().stream().anyMatch(Pattern.compile("fx_lib v1 _PG_init").asPredicate()));
    }

    @Test
    void theDirectoryIsTheTruthAcrossRestarts() throws Exception {
        DeployBundles.drop(bundles.build(DeployBundles.extension("fx_a").noWorker()), deploy, "fx_a.jar");
        DeployBundles.drop(bundles.build(DeployBundles.extension("fx_b").noWorker()), deploy, "fx_b.jar");
        awaitState("org.elephas.fixture.fx_a", "ACTIVE");
        awaitState("org.elephas.fixture.fx_b", "ACTIVE");
        server.close();
        server = null;
        Files.delete(deploy.resolve("fx_a.jar"));
        DeployBundles.drop(bundles.build(DeployBundles.extension("fx_c").noWorker()), deploy, "fx_c.jar");
        server = TestServer.start(root.resolve("s"), Map.of());
        // Deployed before the server says it is ready.
        assertEquals("ACTIVE", bundle("org.elephas.fixture.fx_b").orElseThrow().state());
        assertEquals("ACTIVE", bundle("org.elephas.fixture.fx_c").orElseThrow().state());
        assertTrue(bundle("org.elephas.fixture.fx_a").isEmpty());
        assertEquals(2, server.postmaster().library().bundles().stream()
                .filter(b -> b.symbolicName() != null && b.symbolicName().startsWith("org.elephas.fixture.fx_")).count());
    }

    @Test
    void aSecondFileOfTheSameBundleWaitsUntilTheFirstIsGoneAndARenameMovesIt() throws Exception {
        Path jar = bundles.build(DeployBundles.extension("fx_dup").noWorker());
        Path first = DeployBundles.drop(jar, deploy, "fx_dup.jar");
        awaitState("org.elephas.fixture.fx_dup", "ACTIVE");
        DeployBundles.drop(jar, deploy, "fx_dup_copy.jar");
        await("WARNING:  could not deploy \"fx_dup_copy.jar\": bundle \"org.elephas.fixture.fx_dup\" \\(extension "
                + "\"fx_dup\"\\) is already deployed from \"fx_dup.jar\"$");
        Files.delete(first);
        await("LOG:  deployed bundle \"org.elephas.fixture.fx_dup\" 1.0.0 \\(extension \"fx_dup\"\\) from "
                + "\"fx_dup_copy.jar\"$");
        assertTrue(failedRow("fx_dup_copy.jar").isEmpty());
        // A rename to a name sorting first: the old name leaves before the new one is looked at.
        Files.move(deploy.resolve("fx_dup_copy.jar"), deploy.resolve("a_fx_dup.jar"));
        await("from \"a_fx_dup.jar\"$");
        BundleInfo b = awaitState("org.elephas.fixture.fx_dup", "ACTIVE");
        assertTrue(b.location().endsWith("/a_fx_dup.jar"), b.location());
        assertEquals(null, b.lastError());
        assertEquals(1, server.postmaster().library().bundles().stream()
                .filter(r -> "org.elephas.fixture.fx_dup".equals(r.symbolicName())).count());
    }

    @Test
    void aWorkerDeafToTerminationIsAbandonedAfterTheTimeoutAndTheUpdateGoesOn() throws Exception {
        server.close();
        server = TestServer.start(root.resolve("t"), Map.of("bgworker_shutdown_timeout", "300"));
        deploy = server.dataDirectory().resolve("deploy");
        try {
            DeployBundles.drop(bundles.build(DeployBundles.extension("fx_deaf").stubborn()), deploy, "fx_deaf.jar");
            await("fx_deaf v1 worker ready");
            int pid = server.workers().stream().filter(w -> w.entry().libraryName().equals("fx_deaf")).findFirst()
                    .orElseThrow().pid();
            DeployBundles.drop(bundles.build(DeployBundles.extension("fx_deaf").version("v2").noWorker()), deploy,
                    "fx_deaf.jar");
            await("WARNING:  background worker \"fx_deaf\" \\(PID " + pid + "\\) of extension \"fx_deaf\" did not exit "
                    + "within 300 ms of its termination; abandoning it$");
            await("LOG:  fx_deaf v2 _PG_init$");
            awaitActiveWithoutError("org.elephas.fixture.fx_deaf");
        } finally {
            System.setProperty(org.elephas.fixtures.deploy.DeployExtension.RELEASE_PROPERTY, "yes");
        }
        server.awaitTrue("the deaf worker gone", () -> server.workers().stream()
                .noneMatch(w -> w.entry().libraryName().equals("fx_deaf")));
        System.clearProperty(org.elephas.fixtures.deploy.DeployExtension.RELEASE_PROPERTY);
    }

    private static int indexOf(List<String> lines, String text) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i;
            }
        }
        return -1;
    }
}
