package org.elephas.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The sample extension bundles exactly as the distribution ships them, for tests that run a
 * {@link TestServer} with them. Only integration tests (failsafe) can use this: the bundles are
 * copied into the distribution at {@code prepare-package}, after the unit tests ran.
 */
public final class ShippedBundles {
    private ShippedBundles() {
    }

    /** @return the distribution's {@code bundles/} directory */
    public static Path directory() {
        String dist = System.getProperty("elephas.it.distribution");
        if (dist == null) {
            throw new IllegalStateException("elephas.it.distribution is not set: run this as an integration test (*IT)");
        }
        return Path.of(dist, "bundles");
    }

    /**
     * Copy shipped bundles into a server's bundle directory.
     *
     * @param bundleDirectory the {@code bundles/} of a test server's home ({@code root/home/bundles})
     * @param artifactIds the bundles' Maven artifact ids, e.g. {@code elephas-audit}
     */
    public static void copy(Path bundleDirectory, String... artifactIds) {
        try {
            Files.createDirectories(bundleDirectory);
            for (String artifactId : artifactIds) {
                Path jar = jar(artifactId);
                Files.copy(jar, bundleDirectory.resolve(jar.getFileName()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path jar(String artifactId) throws IOException {
        try (Stream<Path> files = Files.list(directory())) {
            List<Path> found = files.filter(f -> f.getFileName().toString().matches(
                    java.util.regex.Pattern.quote(artifactId) + "-\\d.*\\.jar")).toList();
            if (found.size() != 1) {
                throw new IllegalStateException("expected one " + artifactId + " jar in " + directory() + ", found " + found);
            }
            return found.get(0);
        }
    }
}
