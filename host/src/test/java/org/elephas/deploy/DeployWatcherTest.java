package org.elephas.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import org.elephas.log.ServerLog;
import org.elephas.testing.LogCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The watcher on a real directory with a settle window far longer than the test may take: what
 * is handed over before it ends was handed over without waiting for it.
 */
@Timeout(60)
class DeployWatcherTest {
    private static final long HOUR_MILLIS = TimeUnit.HOURS.toMillis(1);

    @TempDir
    Path dir;

    private Path jar(Path file) throws Exception {
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(file))) {
            jar.putNextEntry(new JarEntry("data.txt"));
            jar.write(new byte[1000]);
            jar.closeEntry();
        }
        return file;
    }

    @Test
    void aCompleteJarIsHandedOverAtOnceAndAPartialOneWaits() throws Exception {
        Path scratch = Files.createDirectory(dir.resolve("scratch"));
        Path deploy = Files.createDirectory(dir.resolve("deploy"));
        LinkedBlockingQueue<List<Path>> handedOver = new LinkedBlockingQueue<>();
        ServerLog log = new ServerLog(new LogCapture().stream(), () -> 1);
        try (DeployWatcher watcher = new DeployWatcher(deploy, HOUR_MILLIS, HOUR_MILLIS, handedOver::add, () -> { },
                log)) {
            // A copy that stalled half way: no end record, so it waits for the window.
            byte[] whole = Files.readAllBytes(jar(scratch.resolve("a.jar")));
            Files.write(deploy.resolve("partial.jar"), Arrays.copyOf(whole, whole.length / 2));
            // A jar moved in whole by a rename.
            Files.move(jar(scratch.resolve("b.jar")), deploy.resolve("moved.jar"), StandardCopyOption.ATOMIC_MOVE);
            List<Path> first = handedOver.poll(30, TimeUnit.SECONDS);
            assertNotNull(first, "the moved jar was not handed over before the hour's window");
            assertEquals(List.of(deploy.resolve("moved.jar")), first);
            // The copy completes: its last bytes make it whole, and it goes at once too.
            Files.write(deploy.resolve("partial.jar"), whole);
            assertEquals(List.of(deploy.resolve("partial.jar")), handedOver.poll(30, TimeUnit.SECONDS));
        }
    }

    @Test
    void aFileDeletedAndWrittenAgainWithinTheDeletionsWindowIsOneChange() throws Exception {
        Path scratch = Files.createDirectory(dir.resolve("scratch"));
        Path deploy = Files.createDirectory(dir.resolve("deploy"));
        Path target = jar(deploy.resolve("replaced.jar"));
        Path newer = jar(scratch.resolve("newer.jar"));
        // Whether the file was there at each hand-over, seen on the watcher's thread as it hands over.
        LinkedBlockingQueue<Boolean> presentAtHandOver = new LinkedBlockingQueue<>();
        ServerLog log = new ServerLog(new LogCapture().stream(), () -> 1);
        try (DeployWatcher watcher = new DeployWatcher(deploy, HOUR_MILLIS, 2_000,
                files -> files.forEach(f -> presentAtHandOver.add(Files.exists(f))), () -> { }, log)) {
            Files.delete(target);
            // A tool that pauses between deleting and writing: long enough for the watcher to
            // see the deletion alone (a deletion with no window of its own would go now), well
            // inside the deletion's window.
            Thread.sleep(100);
            Files.move(newer, target, StandardCopyOption.ATOMIC_MOVE);
            assertEquals(Boolean.TRUE, presentAtHandOver.poll(30, TimeUnit.SECONDS),
                    "the deletion was handed over on its own");
        }
    }

    @Test
    void aDeletionIsHandedOverAfterItsOwnWindowNotTheChangesOne() throws Exception {
        Path deploy = Files.createDirectory(dir.resolve("deploy"));
        Path gone = jar(deploy.resolve("gone.jar"));
        LinkedBlockingQueue<List<Path>> handedOver = new LinkedBlockingQueue<>();
        ServerLog log = new ServerLog(new LogCapture().stream(), () -> 1);
        try (DeployWatcher watcher = new DeployWatcher(deploy, HOUR_MILLIS, 1, handedOver::add, () -> { }, log)) {
            Files.delete(gone);
            List<Path> first = handedOver.poll(30, TimeUnit.SECONDS);
            assertNotNull(first, "the deletion was not handed over before the hour's window");
            assertEquals(List.of(gone), first);
        }
    }
}
