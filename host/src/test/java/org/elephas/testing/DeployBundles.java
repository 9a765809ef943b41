package org.elephas.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import aQute.bnd.osgi.Builder;
import aQute.bnd.osgi.EmbeddedResource;
import aQute.bnd.osgi.Jar;

import org.elephas.fixtures.deploy.DeployExtension;
import org.elephas.fixtures.deploylib.DeployLib;

/**
 * Bundles for hot-deploy tests, built with bnd like {@link FixtureBundles}: versions of the
 * {@link DeployExtension} fixture under any name, and a library bundle exporting
 * {@link DeployLib}'s package. Each is built in a scratch directory and moved into
 * {@code deploy_directory} by rename, the safe pattern.
 */
public final class DeployBundles {
    /** The library bundle's exported package. */
    public static final String LIB_PACKAGE = DeployLib.class.getPackageName();

    private final Path scratch;

    /** @param scratch a directory outside {@code deploy_directory} to build in */
    public DeployBundles(Path scratch) {
        this.scratch = scratch;
        try {
            Files.createDirectories(scratch);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What to build. */
    public static final class Spec {
        final String extension;
        String version = "v1";
        String mode = "ok";
        boolean worker = true;
        boolean stubborn;
        String extraImport;

        Spec(String extension) {
            this.extension = extension;
        }

        /** @param v the fixture's version label @return this */
        public Spec version(String v) {
            this.version = v;
            return this;
        }

        /** @return this, with an activator that throws */
        public Spec throwing() {
            this.mode = "throw";
            return this;
        }

        /** @return this, with a worker that ignores termination (see the fixture) */
        public Spec stubborn() {
            this.stubborn = true;
            return this;
        }

        /** @return this, without a worker */
        public Spec noWorker() {
            this.worker = false;
            return this;
        }

        /** @param pkg a package to import as well (perhaps one nobody exports) @return this */
        public Spec importing(String pkg) {
            this.extraImport = pkg;
            return this;
        }
    }

    /**
     * @param extension the extension name (the symbolic name is {@code org.elephas.fixture.NAME})
     * @return a spec of the fixture extension
     */
    public static Spec extension(String extension) {
        return new Spec(extension);
    }

    /**
     * Build the fixture extension.
     *
     * @param spec what
     * @return the jar, in the scratch directory
     */
    public Path build(Spec spec) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Bundle-SymbolicName", "org.elephas.fixture." + spec.extension);
        headers.put("Bundle-Version", "1.0.0");
        headers.put("Elephas-Extension", spec.extension);
        headers.put("Bundle-Activator", DeployExtension.class.getName());
        headers.put("Private-Package", DeployExtension.class.getPackageName());
        String props = "version=" + spec.version + "\nmode=" + spec.mode + "\nworker=" + spec.worker
                + "\nstubborn=" + spec.stubborn + "\n";
        return write(spec.extension + "-" + spec.version + "-" + System.nanoTime() + ".jar", headers,
                Map.of("fx_deploy.properties", props), spec.extraImport, DeployExtension.class);
    }

    /**
     * Build the library bundle {@code org.elephas.fixture.deploylib}.
     *
     * @param version its {@code Bundle-Version}
     * @return the jar
     */
    public Path library(String version) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Bundle-SymbolicName", "org.elephas.fixture.deploylib");
        headers.put("Bundle-Version", version);
        headers.put("Export-Package", LIB_PACKAGE);
        return write("deploylib-" + version + "-" + System.nanoTime() + ".jar", headers, Map.of(), null, DeployLib.class);
    }

    /**
     * The library bundle with its package kept private: bundles importing it cannot resolve.
     *
     * @param version its {@code Bundle-Version}
     * @return the jar
     */
    public Path libraryWithoutExport(String version) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Bundle-SymbolicName", "org.elephas.fixture.deploylib");
        headers.put("Bundle-Version", version);
        headers.put("Private-Package", LIB_PACKAGE);
        return write("deploylib-" + version + "-" + System.nanoTime() + ".jar", headers, Map.of(), null, DeployLib.class);
    }

    private Path write(String fileName, Map<String, String> headers, Map<String, String> resources, String extraImport,
            Class<?> content) {
        Path jar = scratch.resolve(fileName);
        try (Builder b = new Builder()) {
            headers.forEach(b::setProperty);
            b.setProperty("-noextraheaders", "true");
            for (Class<?> onPath : List.of(content, org.elephas.api.Extension.class,
                    org.osgi.framework.BundleActivator.class)) {
                b.addClasspath(codeSource(onPath));
            }
            Jar built = b.build();
            if (!b.isOk()) {
                throw new IllegalStateException("bnd could not build " + fileName + ": " + b.getErrors());
            }
            resources.forEach((path, text) -> built.putResource(path,
                    new EmbeddedResource(text.getBytes(StandardCharsets.UTF_8), 0L)));
            if (extraImport != null) {
                var main = built.getManifest().getMainAttributes();
                String imports = main.getValue("Import-Package");
                main.putValue("Import-Package", (imports == null ? "" : imports + ",") + extraImport);
            }
            built.write(jar.toFile());
            return jar;
        } catch (Exception e) {
            throw new IllegalStateException("cannot build " + fileName, e);
        }
    }

    /**
     * A copy of a fixture extension jar under another extension name, made by rewriting its
     * manifest (much faster than another bnd build).
     *
     * @param jar a jar from {@link #build}
     * @param extension the new extension name (symbolic name {@code org.elephas.fixture.NAME})
     * @return the new jar, in the scratch directory
     */
    public Path renamed(Path jar, String extension) {
        Path out = scratch.resolve(extension + "-" + System.nanoTime() + ".jar");
        try (java.util.jar.JarInputStream in = new java.util.jar.JarInputStream(Files.newInputStream(jar))) {
            java.util.jar.Manifest m = new java.util.jar.Manifest(in.getManifest());
            m.getMainAttributes().putValue("Bundle-SymbolicName", "org.elephas.fixture." + extension);
            m.getMainAttributes().putValue("Elephas-Extension", extension);
            try (java.util.jar.JarOutputStream o = new java.util.jar.JarOutputStream(Files.newOutputStream(out), m)) {
                for (java.util.jar.JarEntry e = in.getNextJarEntry(); e != null; e = in.getNextJarEntry()) {
                    o.putNextEntry(new java.util.jar.JarEntry(e.getName()));
                    in.transferTo(o);
                    o.closeEntry();
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Put a jar into a directory under a name the safe way: copy under a temporary name, then
     * rename (atomic, replacing a file of that name).
     *
     * @param jar the built jar
     * @param directory {@code deploy_directory}
     * @param name the file name there
     * @return the deployed file
     */
    public static Path drop(Path jar, Path directory, String name) {
        try {
            Path part = directory.resolve(name + ".part");
            Files.copy(jar, part, StandardCopyOption.REPLACE_EXISTING);
            return Files.move(part, directory.resolve(name), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static File codeSource(Class<?> type) throws URISyntaxException {
        return new File(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }
}
