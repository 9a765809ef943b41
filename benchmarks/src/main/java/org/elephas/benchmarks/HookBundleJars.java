package org.elephas.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * The shipped sample hook bundles, as the build copied them into {@code target/bundles} beside
 * {@code benchmarks.jar} (dependency plugin, execution {@code copy-hook-bundles}). An extension
 * name maps to its Maven artifact: {@code stat_statements} is {@code elephas-stat-statements}.
 */
final class HookBundleJars {
    private HookBundleJars() {
    }

    /**
     * @param extension an extension name, e.g. {@code stat_statements}
     * @param bundles a server home's {@code bundles/}
     */
    static void copy(String extension, Path bundles) {
        String artifact = "elephas-" + extension.replace('_', '-');
        Path dir = directory();
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> found = files.filter(f -> f.getFileName().toString().matches(
                    java.util.regex.Pattern.quote(artifact) + "-\\d.*\\.jar")).toList();
            if (found.size() != 1) {
                throw new IllegalStateException("expected one " + artifact + " jar in " + dir + ", found " + found
                        + "; build with ./mvnw -B -q -DskipTests package");
            }
            Files.copy(found.get(0), bundles.resolve(found.get(0).getFileName()), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return {@code target/bundles}: beside benchmarks.jar, or beside target/classes */
    private static Path directory() {
        try {
            Path code = Path.of(HookBundleJars.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return code.getParent().resolve("bundles");
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
