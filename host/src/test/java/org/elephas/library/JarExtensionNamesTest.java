package org.elephas.library;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JarExtensionNamesTest {
    @TempDir
    Path dir;

    @Test
    void readsTheHeaderAndRereadsAJarThatChanged() throws IOException {
        JarExtensionNames names = new JarExtensionNames();
        Path jar = dir.resolve("x.jar");
        writeJar(jar, "first");
        assertEquals("first", names.of(jar));
        assertEquals("first", names.of(jar));

        // Replaced in place with the same modification time: the size tells them apart.
        FileTime modified = Files.getLastModifiedTime(jar);
        writeJar(jar, "second_name");
        Files.setLastModifiedTime(jar, modified);
        assertEquals("second_name", names.of(jar));

        // Same size, new modification time.
        writeJar(jar, "third_name_");
        Files.setLastModifiedTime(jar, FileTime.fromMillis(modified.toMillis() + 5_000));
        assertEquals("third_name_", names.of(jar));

        writeJar(jar, null);
        Files.setLastModifiedTime(jar, FileTime.fromMillis(modified.toMillis() + 10_000));
        assertNull(names.of(jar));

        Files.delete(jar);
        assertNull(names.of(jar));
    }

    @Test
    void aFileThatIsNoJarHasNoName() throws IOException {
        Path notAJar = Files.writeString(dir.resolve("broken.jar"), "not a zip");
        assertNull(new JarExtensionNames().of(notAJar));
    }

    private static void writeJar(Path jar, String extension) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (extension != null) {
            manifest.getMainAttributes().putValue(ExtensionLibrary.EXTENSION_HEADER, " " + extension + " ");
        }
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jarOut = new JarOutputStream(out, manifest)) {
            jarOut.flush();
        }
    }
}
