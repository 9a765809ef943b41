package org.elephas.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Elephas's version, and the PostgreSQL major version whose behaviour it models.
 */
public final class Version {
    /** The PostgreSQL major version Elephas models ({@code --version} prints it). */
    public static final String POSTGRESQL_MAJOR = "15";

    private static final Properties PROPERTIES = load();
    private static final String ELEPHAS = PROPERTIES.getProperty("version").trim();

    private Version() {
    }

    /** @return Elephas's version, for example {@code 0.1.0-SNAPSHOT} */
    public static String elephas() {
        return ELEPHAS;
    }

    /** @return the version of the JDK that built the host, for example {@code 17.0.15} */
    public static String compiledBy() {
        String java = PROPERTIES.getProperty("java", "").trim();
        return java.isEmpty() || java.startsWith("$") ? Runtime.version().toString() : java;
    }

    /**
     * @return the data directory format this build writes and reads: Elephas's major and minor
     *         version, for example {@code 0.1} (PostgreSQL's {@code PG_VERSION} holds its major)
     */
    public static String dataDirectoryFormat() {
        String[] parts = ELEPHAS.split("[.-]");
        return parts.length >= 2 ? parts[0] + "." + parts[1] : parts[0];
    }

    private static Properties load() {
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                throw new IllegalStateException("version.properties is missing from the host jar");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
