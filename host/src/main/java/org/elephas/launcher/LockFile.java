package org.elephas.launcher;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.elephas.postmaster.StartupFailure;

/**
 * The data directory's lock file, {@code postmaster.pid}: one server per data directory.
 *
 * <p>The file has PostgreSQL's lines: the server's PID, the data directory, the start time (epoch
 * seconds), the port, the socket directory, the first listen address, the shared memory key, and
 * the status ({@code starting}, {@code ready}, {@code stopping}). Lines Elephas has no value for
 * are empty; the port and listen address lines hold what the command line set, since the
 * launcher reads no configuration file.
 *
 * <p>Protocol. PostgreSQL decides whether a lock file is stale by checking its PID; Elephas also
 * holds an OS lock on the file ({@link FileChannel#tryLock()}) for the server's whole life, which
 * the OS drops when the process dies however it dies. So:
 * <ol>
 * <li>Open (or create) the file and try the OS lock. If another process holds it, refuse to start,
 *     naming the PID written in the file.</li>
 * <li>Holding the lock, the file is ours: a file left by a dead server is stale and is taken over
 *     by rewriting it in place.</li>
 * <li>If the path names a different file after locking than before opening (a server that was
 *     stopping removed it meanwhile), we locked a removed file: start over.</li>
 * <li>On orderly shutdown, delete the file, then release the lock.</li>
 * </ol>
 *
 * <p>The OS lock is a POSIX record lock: closing <em>any</em> descriptor of the file in this process
 * drops it. Nothing else in the server process may open {@code postmaster.pid}; this class reads
 * and writes it only through its one channel.
 */
public final class LockFile implements AutoCloseable {
    /** The lock file's name in the data directory. */
    public static final String FILE_NAME = "postmaster.pid";

    /** PostgreSQL's status words, padded to the same width so that updates rewrite in place. */
    public enum Status {
        /** Starting up. */
        STARTING("starting"),
        /** Ready to accept connections. */
        READY("ready   "),
        /** Shutting down. */
        STOPPING("stopping");

        private final String word;

        Status(String word) {
            this.word = word;
        }

        /** @return the word written in the file */
        public String word() {
            return word;
        }
    }

    private static final int ATTEMPTS = 10;
    /** Stands for every file where the file system has no file keys (identity is then not checked). */
    private static final Object NO_FILE_KEYS = new Object();

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;
    private final List<String> lines;
    private boolean released;

    private LockFile(Path file, FileChannel channel, FileLock lock, List<String> lines) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
        this.lines = lines;
    }

    /**
     * Take the lock of a data directory.
     *
     * @param dataDirectory the data directory (it exists)
     * @param pid the server's PID
     * @param startEpochSeconds when the server started
     * @param port the port as given on the command line, or null
     * @param listenAddress the listen addresses as given on the command line, or null
     * @return the held lock
     * @throws StartupFailure when another server holds it, or the file cannot be written
     */
    public static LockFile acquire(Path dataDirectory, long pid, long startEpochSeconds, String port,
            String listenAddress) throws StartupFailure {
        Path file = dataDirectory.resolve(FILE_NAME);
        String firstAddress = listenAddress == null ? "" : listenAddress.split(",")[0].trim();
        List<String> lines = new java.util.ArrayList<>(List.of(Long.toString(pid),
                dataDirectory.toAbsolutePath().toString(), Long.toString(startEpochSeconds),
                port == null ? "" : port, "", firstAddress, "", Status.STARTING.word()));
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            FileChannel channel = null;
            try {
                Object before = fileKey(file);
                if (before == null) {
                    createIfMissing(file);
                    continue; // now look at what the path names, then open it
                }
                try {
                    channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
                } catch (NoSuchFileException e) {
                    continue; // a stopping server removed it meanwhile
                }
                FileLock lock = tryLock(channel);
                if (lock == null) {
                    String holder = firstLine(channel);
                    channel.close();
                    throw alreadyExists(holder, dataDirectory);
                }
                if (!before.equals(fileKey(file))) { // we locked a file that was removed meanwhile
                    lock.release();
                    channel.close();
                    continue;
                }
                LockFile held = new LockFile(file, channel, lock, lines);
                held.rewrite(); // takes over a stale file from a server that died
                held.restrictPermissions();
                return held;
            } catch (IOException e) {
                closeQuietly(channel);
                throw new StartupFailure("could not create lock file \"" + file + "\": "
                        + DataDirectory.reason(e), null, null, e);
            }
        }
        throw new StartupFailure("could not create lock file \"" + file + "\": it keeps being replaced",
                null, "Is another postmaster starting or stopping in data directory \"" + dataDirectory + "\"?", null);
    }

    /** @return the lock file's path */
    public Path path() {
        return file;
    }

    /**
     * Record the server's status in the file.
     *
     * @param status the new status
     * @throws IOException when the file cannot be written
     */
    public synchronized void update(Status status) throws IOException {
        if (released) {
            return;
        }
        lines.set(7, status.word());
        rewrite();
    }

    /** Delete the file and release the lock. Idempotent; errors are ignored (the OS lock goes anyway). */
    @Override
    public synchronized void close() {
        if (released) {
            return;
        }
        released = true;
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // the file stays but is stale: the next server takes it over
        }
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the channel releases it too
        }
        closeQuietly(channel);
    }

    private void rewrite() throws IOException {
        byte[] bytes = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
        channel.truncate(0);
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        long position = 0;
        while (buffer.hasRemaining()) {
            position += channel.write(buffer, position);
        }
        channel.force(false);
    }

    private void restrictPermissions() {
        try {
            if (Files.getFileAttributeView(file, PosixFileAttributeView.class) != null) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            }
        } catch (IOException ignored) {
            // not essential: the lock works whatever the mode
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null; // held by this very JVM (another LockFile on the same directory)
        }
    }

    /** Read through the channel: opening the file a second time and closing that would drop our lock. */
    private static String firstLine(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(64);
        channel.read(buffer, 0);
        String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
        int newline = text.indexOf('\n');
        return (newline < 0 ? text : text.substring(0, newline)).trim();
    }

    /** The identity of the file a path names (device and inode on Unix), or null if none. */
    private static Object fileKey(Path file) throws IOException {
        try {
            Object key = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
            return key != null ? key : NO_FILE_KEYS;
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    private static void createIfMissing(Path file) throws IOException {
        try {
            Files.createFile(file);
        } catch (FileAlreadyExistsException e) {
            // another server was quicker: the lock decides
        }
    }

    private static StartupFailure alreadyExists(String holder, Path dataDirectory) {
        String hint = holder.matches("\\d+")
                ? "Is another postmaster (PID " + holder + ") running in data directory \""
                        + dataDirectory.toAbsolutePath() + "\"?"
                : "Is another postmaster running in data directory \"" + dataDirectory.toAbsolutePath() + "\"?";
        return new StartupFailure("lock file \"" + FILE_NAME + "\" already exists", null, hint, null);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing to do
            }
        }
    }
}
