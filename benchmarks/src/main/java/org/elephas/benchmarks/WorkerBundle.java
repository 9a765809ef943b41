package org.elephas.benchmarks;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;

import org.elephas.benchmarks.workers.BenchExtension;

import aQute.bnd.osgi.Builder;
import aQute.bnd.osgi.Jar;

/**
 * Builds the benchmark's worker bundle, extension {@code bench_workers}, with bnd from the
 * classes of {@code org.elephas.benchmarks.workers}, the way the host's tests build their
 * fixture bundles: imports are computed, so it wires to the API exactly as a real extension.
 */
public final class WorkerBundle {
    private WorkerBundle() {
    }

    /**
     * @param directory the {@code bundle_directory} to write the jar into
     * @param staticWorkers how many static workers the extension registers when preloaded
     * @return the jar
     */
    public static Path build(Path directory, int staticWorkers) {
        Path jar = directory.resolve(BenchExtension.NAME + ".jar");
        try (Builder b = new Builder()) {
            b.setProperty("Bundle-SymbolicName", "org.elephas.benchmarks.workers");
            b.setProperty("Bundle-Version", "1.0.0");
            b.setProperty("Elephas-Extension", BenchExtension.NAME);
            b.setProperty("Bundle-Activator", BenchExtension.class.getName());
            b.setProperty("Private-Package", BenchExtension.class.getPackageName());
            b.setProperty(BenchExtension.STATIC_WORKERS_HEADER, Integer.toString(staticWorkers));
            b.setProperty("-noextraheaders", "true");
            for (Class<?> onPath : List.of(BenchExtension.class, org.elephas.api.Extension.class,
                    org.osgi.framework.BundleActivator.class)) {
                b.addClasspath(codeSource(onPath));
            }
            Jar built = b.build();
            if (!b.isOk()) {
                throw new IllegalStateException("bnd could not build the benchmark bundle: " + b.getErrors());
            }
            built.write(jar.toFile());
            return jar;
        } catch (Exception e) {
            throw new IllegalStateException("cannot build the benchmark worker bundle", e);
        }
    }

    private static File codeSource(Class<?> type) throws URISyntaxException {
        return new File(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }
}
