package org.elephas.bndrun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import aQute.bnd.build.Workspace;
import aQute.bnd.header.Parameters;
import aQute.bnd.osgi.BundleId;
import aQute.bnd.osgi.Constants;
import aQute.bnd.osgi.Domain;
import aQute.bnd.osgi.resource.CapReqBuilder;
import aQute.bnd.osgi.resource.ResourceBuilder;
import aQute.bnd.osgi.resource.ResourceUtils;
import aQute.bnd.repository.fileset.FileSetRepository;
import biz.aQute.resolve.Bndrun;
import biz.aQute.resolve.ResolveProcess;
import biz.aQute.resolve.RunResolution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.osgi.resource.Requirement;
import org.osgi.resource.Resource;
import org.osgi.service.resolver.ResolutionException;

/**
 * Keeps the resolution check honest. Resolves fixture bundles against the system bundle that
 * {@code distribution.bndrun} describes (same {@code -runfw}, {@code -runee}, {@code -runpath}),
 * to show that what the host does not export fails the check; and compares the bundles in the
 * distribution's {@code bundles/} with what the bndrun requires, so that none ships unchecked.
 */
class DistributionResolutionIT {

    /** Imports an extension bundle may use: what the host exports, at the right versions. */
    private static final String GOOD_IMPORTS = "org.elephas.api;version=\"[1.0,2)\","
            + "org.elephas.api.bgworker;version=\"[1.0,2)\",org.elephas.api.guc;version=\"[1.0,2)\","
            + "org.elephas.api.ipc;version=\"[1.0,2)\",org.elephas.api.sql;version=\"[1.0,2)\","
            // The parse tree hooks see: JSqlParser, exported by the system bundle at its own version.
            + "net.sf.jsqlparser.statement;version=\"[5.3,6)\",net.sf.jsqlparser.schema;version=\"[5.3,6)\","
            + "org.osgi.framework;version=\"[1.10,2)\","
            + "java.lang,java.util.concurrent,javax.sql";

    /** bnd's workspace folder, shared so that its cache is unpacked once. */
    @TempDir
    static Path workspaceDir;

    @TempDir
    Path tmp;

    @Test
    void aBundleImportingOnlyWhatTheHostExportsResolves() throws Exception {
        RunResolution result = resolveFixture("fixture.good", GOOD_IMPORTS);

        assertTrue(result.isOK(), () -> failure(result));
        assertEquals(List.of("fixture.good"), result.getResolvedRunBundles().stream().map(BundleId::getBsn).toList(),
                "only the fixture is installed: the API comes from the system bundle");
    }

    /**
     * Each import names something the host does not export: a package nobody provides, the
     * API's private host side, host internals, and the API at a major version it does not have.
     */
    @ParameterizedTest
    @ValueSource(strings = {
        "com.example.missing",
        "org.elephas.api.host",
        "org.elephas.postmaster",
        "org.elephas.api;version=\"[2.0,3)\"",
        "net.sf.jsqlparser.statement;version=\"[6.0,7)\"",
    })
    void aBundleImportingWhatTheHostDoesNotExportFails(String badImport) throws Exception {
        RunResolution result = resolveFixture("fixture.bad", GOOD_IMPORTS + "," + badImport);

        assertFalse(result.isOK(), "resolved although it imports " + badImport);
        String report = failure(result);
        String badPackage = badImport.split(";", 2)[0];
        assertTrue(report.contains("Import-Package requirement for: " + badPackage), report);
    }

    @Test
    void everyBundleInTheDistributionIsCheckedAndNothingElse() throws Exception {
        Path dir = Path.of(property("elephas.shipped.bundles")).normalize();
        Map<String, Resource> shipped = new TreeMap<>();
        try (Stream<Path> jars = Files.list(dir)) {
            for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).toList()) {
                try (JarFile file = new JarFile(jar.toFile())) {
                    Domain manifest = Domain.domain(file.getManifest());
                    assertNotNull(manifest.getBundleSymbolicName(), jar + " is not a bundle");
                    ResourceBuilder resource = new ResourceBuilder();
                    resource.addManifest(manifest);
                    shipped.put(manifest.getBundleSymbolicName().getKey(), resource.build());
                }
            }
        }
        assertFalse(shipped.isEmpty(), "no bundles in " + dir);

        try (Bndrun run = bndrun()) {
            List<Requirement> requires = CapReqBuilder.getRequirementsFrom(
                    new Parameters(run.mergeProperties(Constants.RUNREQUIRES), run));
            for (Map.Entry<String, Resource> bundle : shipped.entrySet()) {
                assertTrue(requires.stream().anyMatch(r -> ResourceUtils.matches(r, bundle.getValue())),
                        bundle.getKey() + " ships in " + dir + " but distribution.bndrun's -runrequires does not"
                                + " require it: add bnd.identity;id=" + bundle.getKey());
            }
            for (Requirement r : requires) {
                assertTrue(shipped.values().stream().anyMatch(b -> ResourceUtils.matches(r, b)),
                        "distribution.bndrun requires " + r + " but no bundle in " + dir + " provides it");
            }
            Set<String> runbundles = new TreeSet<>(new Parameters(run.mergeProperties(Constants.RUNBUNDLES), run)
                    .keyList());
            assertEquals(shipped.keySet(), runbundles, "-runbundles of distribution.bndrun vs " + dir);
        }
    }

    /** Resolve one fixture bundle, alone with the framework, in distribution.bndrun's setup. */
    private RunResolution resolveFixture(String bsn, String imports) throws Exception {
        File fixture = bundle(bsn, imports);
        File felix = new File(property("elephas.felix.jar"));
        try (Bndrun run = bndrun()) {
            run.setProperty(Constants.RUNREQUIRES, "bnd.identity;id=" + bsn);
            run.unsetProperty(Constants.RUNBUNDLES);
            run.getWorkspace().addBasicPlugin(new FileSetRepository("fixtures", List.of(felix, fixture)));
            return RunResolution.resolve(run, run, List.of());
        }
    }

    /** distribution.bndrun, set up as bnd-resolver-maven-plugin sets it up. */
    private Bndrun bndrun() throws Exception {
        Bndrun run = Bndrun.createBndrun(null, new File(property("elephas.bndrun")));
        File base = workspaceDir.toFile();
        run.setBase(base);
        Workspace workspace = run.getWorkspace();
        workspace.setBase(base);
        workspace.setBuildDir(new File(base, Workspace.CNFDIR));
        workspace.setOffline(true);
        run.setProperty("bnd.runee", property("bnd.runee"));
        assertTrue(run.isOk(), () -> "distribution.bndrun: " + run.getErrors());
        return run;
    }

    /** A bundle that is only a manifest: enough for the resolver. */
    private File bundle(String bsn, String imports) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue(Constants.BUNDLE_MANIFESTVERSION, "2");
        main.putValue(Constants.BUNDLE_SYMBOLICNAME, bsn);
        main.putValue(Constants.BUNDLE_VERSION, "1.0.0");
        main.putValue(Constants.IMPORT_PACKAGE, imports);
        main.putValue(Constants.REQUIRE_CAPABILITY, "osgi.ee;filter:=\"(&(osgi.ee=JavaSE)(version=17))\"");
        Path jar = tmp.resolve(bsn + ".jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            out.finish();
        }
        return jar.toFile();
    }

    private static String failure(RunResolution result) {
        if (result.exception instanceof ResolutionException e) {
            return ResolveProcess.format(e, false);
        }
        return String.valueOf(result.exception);
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        assertNotNull(value, "system property " + name + " (set by bndrun/pom.xml's failsafe configuration)");
        return value;
    }
}
