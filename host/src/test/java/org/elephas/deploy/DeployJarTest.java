package org.elephas.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What counts as a complete bundle jar, and which names are looked at. */
class DeployJarTest {
    @TempDir
    Path dir;

    private Path jar(String name, String symbolicName, String extension) throws Exception {
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (symbolicName != null) {
            m.getMainAttributes().putValue("Bundle-SymbolicName", symbolicName);
        }
        if (extension != null) {
            m.getMainAttributes().putValue("Elephas-Extension", extension);
        }
        Path file = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(file); JarOutputStream jar = new JarOutputStream(out, m)) {
            jar.putNextEntry(new JarEntry("data.txt"));
            byte[] filler = new byte[20_000];
            Arrays.fill(filler, (byte) 'x');
            jar.write(filler);
            jar.closeEntry();
        }
        return file;
    }

    private static DeployJar read(Path file) throws Exception {
        return DeployJar.read(file, FileStamp.of(file));
    }

    @Test
    void aCompleteBundleJarIsReadWithItsNames() throws Exception {
        DeployJar j = read(jar("a.jar", "org.x.a;singleton:=true", "x_a"));
        assertEquals("org.x.a", j.symbolicName());
        assertEquals("0.0.0", j.version());
        assertEquals("x_a", j.extensionName());
        assertNull(read(jar("b.jar", "org.x.b", null)).extensionName(), "a plain library bundle is fine");
    }

    @Test
    void partialJunkAndNonBundlesAreRefusedWithTheirCause() throws Exception {
        Path whole = jar("w.jar", "org.x.w", null);
        byte[] bytes = Files.readAllBytes(whole);
        for (int cut : new int[] {0, 10, bytes.length / 2, bytes.length - 1}) {
            Path part = Files.write(dir.resolve("cut" + cut + ".jar"), Arrays.copyOf(bytes, cut));
            DeployJar.NotABundle e = assertThrows(DeployJar.NotABundle.class, () -> read(part), "cut at " + cut);
            assertTrue(e.getMessage().startsWith("not a jar"), e.getMessage());
        }
        Path text = Files.writeString(dir.resolve("t.jar"), "hello", StandardCharsets.UTF_8);
        assertTrue(assertThrows(DeployJar.NotABundle.class, () -> read(text)).getMessage().startsWith("not a jar"));
        Path noName = jar("n.jar", null, "x_n");
        assertEquals("not a bundle: the manifest has no Bundle-SymbolicName",
                assertThrows(DeployJar.NotABundle.class, () -> read(noName)).getMessage());
    }

    @Test
    void onlyAWholeZipEndsWithAnEndRecord() throws Exception {
        Path whole = jar("w.jar", "org.x.w", null);
        byte[] random = new byte[200_000]; // incompressible: the end record lies beyond the tail's 64 KiB
        new java.util.Random(7).nextBytes(random);
        Path large = dir.resolve("large.jar");
        try (OutputStream out = Files.newOutputStream(large); JarOutputStream jar = new JarOutputStream(out)) {
            jar.putNextEntry(new JarEntry("random.bin"));
            jar.write(random);
            jar.closeEntry();
        }
        assertTrue(DeployJar.endsWithEndRecord(whole));
        assertTrue(DeployJar.endsWithEndRecord(large));
        byte[] bytes = Files.readAllBytes(large);
        for (int cut : new int[] {0, 10, bytes.length / 2, bytes.length - 30, bytes.length - 1}) {
            Path part = Files.write(dir.resolve("cut" + cut + ".jar"), Arrays.copyOf(bytes, cut));
            assertFalse(DeployJar.endsWithEndRecord(part), "cut at " + cut);
        }
        assertFalse(DeployJar.endsWithEndRecord(Files.writeString(dir.resolve("t.jar"), "hello")));
        assertFalse(DeployJar.endsWithEndRecord(dir.resolve("absent.jar")));
    }

    @Test
    void onlyVisibleJarNamesAreBundleNames() {
        assertTrue(DeployNames.isBundleName(Path.of("/d/a.jar")));
        assertTrue(DeployNames.isBundleName(Path.of("/d/A.JAR")));
        assertFalse(DeployNames.isBundleName(Path.of("/d/.a.jar")));
        assertFalse(DeployNames.isBundleName(Path.of("/d/a.jar.tmp")));
        assertFalse(DeployNames.isBundleName(Path.of("/d/a.jar.part")));
        assertFalse(DeployNames.isBundleName(Path.of("/d/a.tmp")));
        assertFalse(DeployNames.isBundleName(Path.of("/d/.jar")));
        assertFalse(DeployNames.isBundleName(Path.of("/d/readme.txt")));
    }
}
