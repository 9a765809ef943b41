package org.elephas.launcher;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;

/**
 * The distribution the server runs from (DESIGN C3): {@code bin/}, {@code lib/},
 * {@code bundles/}, {@code conf/}. Its root is the directory above {@code lib/}, found from where
 * the host jar lies, or given by the system property {@value #HOME_PROPERTY} (for tests and
 * unusual layouts).
 *
 * @param home the distribution's root
 */
public record Distribution(Path home) {
    /** The system property that overrides where the distribution's root is. */
    public static final String HOME_PROPERTY = "elephas.home";

    /** Makes the root absolute. */
    public Distribution {
        home = home.toAbsolutePath().normalize();
    }

    /**
     * Find the distribution this code runs from.
     *
     * @return the distribution
     * @throws IllegalStateException when the host jar's location cannot be found and the
     *         property is not set
     */
    public static Distribution locate() {
        String override = System.getProperty(HOME_PROPERTY);
        if (override != null && !override.isBlank()) {
            return new Distribution(Path.of(override));
        }
        CodeSource source = Distribution.class.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            throw new IllegalStateException("cannot tell where the host jar is; set -D" + HOME_PROPERTY);
        }
        try {
            // lib/elephas-host.jar -> lib -> the root. From a classes directory (an IDE), the
            // parent of target/ is used; the property is the reliable way there.
            Path jar = Path.of(source.getLocation().toURI());
            Path lib = Files.isDirectory(jar) ? jar : jar.getParent();
            Path home = lib.getParent();
            return new Distribution(home == null ? lib : home);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot tell where the host jar is: " + e.getMessage(), e);
        }
    }

    /** @return {@code conf/elephas.conf}, the configuration a new data directory gets */
    public Path defaultConfiguration() {
        return home.resolve("conf").resolve("elephas.conf");
    }

    /** @return {@code bundles/}, the default {@code bundle_directory} */
    public Path bundles() {
        return home.resolve("bundles");
    }
}
