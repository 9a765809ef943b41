package org.elephas.testing;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import aQute.bnd.osgi.Builder;
import aQute.bnd.osgi.EmbeddedResource;
import aQute.bnd.osgi.Jar;

/**
 * Builds real extension bundles from test classes with bnd, the same tool that makes the
 * shipped bundles' manifests: imports are computed, so a fixture wires to the API exactly as a
 * real extension does.
 */
public final class FixtureBundles {
    private FixtureBundles() {
    }

    /**
     * @param directory where to write the jar
     * @param extensionName {@code Elephas-Extension}
     * @param activator the activator class (its package is the bundle's content)
     * @return the jar
     */
    public static Path build(Path directory, String extensionName, Class<?> activator) {
        return build(directory, extensionName, activator, Map.of());
    }

    /**
     * A fixture bundle that also carries resources, e.g. an extension's control file
     * ({@code NAME.control}) and SQL scripts ({@code sql/NAME--1.0.sql}).
     *
     * @param directory where to write the jar
     * @param extensionName {@code Elephas-Extension}
     * @param activator the activator class (its package is the bundle's content)
     * @param resources path in the bundle to UTF-8 text
     * @return the jar
     */
    public static Path build(Path directory, String extensionName, Class<?> activator, Map<String, String> resources) {
        Path jar = directory.resolve(extensionName + ".jar");
        try (Builder b = new Builder()) {
            b.setProperty("Bundle-SymbolicName", "org.elephas.fixture." + extensionName);
            b.setProperty("Bundle-Version", "1.0.0");
            b.setProperty("Elephas-Extension", extensionName);
            b.setProperty("Bundle-Activator", activator.getName());
            b.setProperty("Private-Package", activator.getPackageName());
            b.setProperty("-noextraheaders", "true");
            for (Class<?> onPath : List.of(activator, org.elephas.api.Extension.class,
                    org.osgi.framework.BundleActivator.class)) {
                b.addClasspath(codeSource(onPath));
            }
            Jar built = b.build();
            if (!b.isOk()) {
                throw new IllegalStateException("bnd could not build " + extensionName + ": " + b.getErrors());
            }
            resources.forEach((path, text) -> built.putResource(path,
                    new EmbeddedResource(text.getBytes(StandardCharsets.UTF_8), 0L)));
            built.write(jar.toFile());
            return jar;
        } catch (Exception e) {
            throw new IllegalStateException("cannot build fixture bundle " + extensionName, e);
        }
    }

    private static File codeSource(Class<?> type) throws URISyntaxException {
        return new File(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }
}
