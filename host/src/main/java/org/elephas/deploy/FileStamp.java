package org.elephas.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.TimeUnit;

/**
 * What a file looks like from outside: size, modification time and identity (the inode on
 * Unix, so a file renamed over another one differs even with the same size and time). Two equal
 * stamps taken a settle window apart mean nobody is writing the file.
 *
 * @param size bytes, or -1 when absent
 * @param modifiedNanos modification time in nanoseconds since the epoch
 * @param fileKey the file system's identity of the file, or null
 */
public record FileStamp(long size, long modifiedNanos, Object fileKey) {
    /** A file that does not exist (or is not a regular file). */
    public static final FileStamp ABSENT = new FileStamp(-1, 0, null);

    /**
     * @param file a file
     * @return its stamp, or {@link #ABSENT}
     */
    public static FileStamp of(Path file) {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (a.isSymbolicLink()) {
                a = Files.readAttributes(file, BasicFileAttributes.class);
            }
            if (!a.isRegularFile()) {
                return ABSENT;
            }
            return new FileStamp(a.size(), a.lastModifiedTime().to(TimeUnit.NANOSECONDS), a.fileKey());
        } catch (IOException e) {
            return ABSENT;
        }
    }

    /** @return whether the file exists */
    public boolean present() {
        return size >= 0;
    }
}
