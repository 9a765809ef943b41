package org.elephas.library;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.JarFile;

/**
 * The {@code Elephas-Extension} header of each jar in {@code bundle_directory}, read once per
 * version of the file. Finding an extension scans the directory, and a boot preloading several
 * extensions would otherwise open every jar and parse its manifest once per extension.
 */
final class JarExtensionNames {
    /** A jar's header as read from the file with this modification time and size. */
    private record Entry(FileTime modified, long size, String extension) {
    }

    private final Map<Path, Entry> entries = new ConcurrentHashMap<>();

    /**
     * @param jar a jar file
     * @return its {@code Elephas-Extension} header (trimmed), or null when it has none or cannot
     *         be read
     */
    String of(Path jar) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(jar, BasicFileAttributes.class);
        } catch (IOException e) {
            entries.remove(jar);
            return null;
        }
        Entry entry = entries.get(jar);
        if (entry == null || !entry.modified().equals(attributes.lastModifiedTime()) || entry.size() != attributes.size()) {
            entry = new Entry(attributes.lastModifiedTime(), attributes.size(), read(jar));
            entries.put(jar, entry);
        }
        return entry.extension();
    }

    private static String read(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            var manifest = file.getManifest();
            String value = manifest == null ? null : manifest.getMainAttributes().getValue(ExtensionLibrary.EXTENSION_HEADER);
            return value == null ? null : value.trim();
        } catch (IOException e) {
            return null;
        }
    }
}
