package org.elephas.library;

/**
 * One row of {@code elephas_bundles}: a bundle in the framework, or a jar that failed to install
 * (then without id).
 *
 * @param id the framework's bundle id, or null when the jar could not be installed
 * @param symbolicName {@code Bundle-SymbolicName}, or null
 * @param version {@code Bundle-Version}, or null
 * @param extensionName its {@code Elephas-Extension} name, or null
 * @param state the OSGi state ({@code ACTIVE}, {@code RESOLVED}, ...), or {@code FAILED} for a
 *     jar that could not be installed
 * @param origin how it came in, or null for a bundle the library did not install
 * @param location where it was installed from
 * @param lastError the last error loading it, or null
 */
public record BundleInfo(Long id, String symbolicName, String version, String extensionName, String state,
        BundleOrigin origin, String location, String lastError) {
}
