package org.elephas.deploy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;

import org.elephas.library.ExtensionLibrary;

/**
 * A deploy file read whole into memory and checked to be a complete bundle jar: it ends with a
 * zip end-of-central-directory record (a partly written zip does not), every entry reads to its
 * end with a matching checksum, and the manifest names a bundle. The framework installs from
 * these bytes, so the file may change again meanwhile without harm.
 *
 * @param file the file
 * @param stamp its stamp before it was read
 * @param bytes its content
 * @param symbolicName {@code Bundle-SymbolicName} (without directives)
 * @param version {@code Bundle-Version}, or {@code 0.0.0}
 * @param extensionName {@code Elephas-Extension}, or null for a plain library bundle
 */
public record DeployJar(Path file, FileStamp stamp, byte[] bytes, String symbolicName, String version,
        String extensionName) {

    /** The end-of-central-directory signature, little endian. */
    private static final int EOCD_SIGNATURE = 0x06054b50;
    private static final int EOCD_MIN_LENGTH = 22;
    private static final int MAX_COMMENT = 0xFFFF;

    /** A file that is not (yet) a complete bundle jar. */
    public static final class NotABundle extends Exception {
        private static final long serialVersionUID = 1L;

        NotABundle(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Read and check a file.
     *
     * @param file the file
     * @param stamp its stamp, taken before reading
     * @return the jar
     * @throws NotABundle when it is not a complete jar with a bundle manifest
     * @throws IOException when it cannot be read
     */
    public static DeployJar read(Path file, FileStamp stamp) throws NotABundle, IOException {
        byte[] bytes = Files.readAllBytes(file);
        if (!hasEndRecord(bytes)) {
            throw new NotABundle("not a jar (no zip end record: not a zip file, or not completely written)", null);
        }
        Manifest manifest;
        try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(bytes), true)) {
            manifest = in.getManifest();
            byte[] buffer = new byte[8192];
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                drain(in, buffer);
            }
        } catch (IOException | SecurityException e) {
            throw new NotABundle("not a valid jar: " + e.getMessage(), e);
        }
        if (manifest == null) {
            throw new NotABundle("not a bundle: the jar has no META-INF/MANIFEST.MF", null);
        }
        Attributes main = manifest.getMainAttributes();
        String bsn = main.getValue("Bundle-SymbolicName");
        if (bsn == null || bsn.isBlank()) {
            throw new NotABundle("not a bundle: the manifest has no Bundle-SymbolicName", null);
        }
        int semicolon = bsn.indexOf(';');
        String name = (semicolon < 0 ? bsn : bsn.substring(0, semicolon)).trim();
        String version = main.getValue("Bundle-Version");
        String extension = main.getValue(ExtensionLibrary.EXTENSION_HEADER);
        return new DeployJar(file, stamp, bytes, name, version == null ? "0.0.0" : version.trim(),
                extension == null ? null : extension.trim());
    }

    /**
     * Whether a file ends as a complete zip does, with an end-of-central-directory record: a
     * file moved in by a rename does at once, a copy only once its last bytes are written. Reads
     * at most the last 64 KiB.
     *
     * @param file a file
     * @return whether it ends with a zip end record (false when it cannot be read)
     */
    public static boolean endsWithEndRecord(Path file) {
        try (SeekableByteChannel channel = Files.newByteChannel(file)) {
            long size = channel.size();
            int length = (int) Math.min(size, EOCD_MIN_LENGTH + MAX_COMMENT);
            ByteBuffer tail = ByteBuffer.allocate(length);
            channel.position(size - length);
            while (tail.hasRemaining() && channel.read(tail) >= 0) {
                // read the whole tail
            }
            return !tail.hasRemaining() && hasEndRecord(tail.array());
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static void drain(InputStream in, byte[] buffer) throws IOException {
        while (in.read(buffer) >= 0) {
            // reading to the end checks the entry's size and CRC
        }
    }

    /**
     * Look for the end record where a zip writer puts it: the last 22 bytes plus a comment.
     * The bytes may be only the file's tail.
     */
    private static boolean hasEndRecord(byte[] b) {
        int lowest = Math.max(0, b.length - EOCD_MIN_LENGTH - MAX_COMMENT);
        for (int i = b.length - EOCD_MIN_LENGTH; i >= lowest; i--) {
            int sig = (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8 | (b[i + 2] & 0xFF) << 16 | (b[i + 3] & 0xFF) << 24;
            if (sig == EOCD_SIGNATURE) {
                int commentLength = (b[i + 20] & 0xFF) | (b[i + 21] & 0xFF) << 8;
                if (i + EOCD_MIN_LENGTH + commentLength == b.length) {
                    return true;
                }
            }
        }
        return false;
    }

    /** @return a short label for log lines: {@code name version} */
    public String label() {
        return "\"" + symbolicName + "\" " + version;
    }
}
