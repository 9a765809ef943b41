package org.elephas.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.elephas.postmaster.StartupFailure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lock file logic within one JVM. That a second process is refused while the first holds the OS
 * lock is shown by StartupIT with real processes.
 */
class LockFileTest {
    @TempDir
    Path data;

    @Test
    void writesPostgresLinesAndUpdatesStatus() throws Exception {
        try (LockFile lock = LockFile.acquire(data, 4711, 1_700_000_000L, "5999", "127.0.0.1, ::1")) {
            Path file = data.resolve("postmaster.pid");
            assertEquals(file, lock.path());
            assertEquals(List.of("4711", data.toAbsolutePath().toString(), "1700000000", "5999", "", "127.0.0.1",
                    "", "starting"), Files.readAllLines(file));
            lock.update(LockFile.Status.READY);
            assertEquals("ready   ", Files.readAllLines(file).get(7));
            lock.update(LockFile.Status.STOPPING);
            assertEquals("stopping", Files.readAllLines(file).get(7));
        }
    }

    @Test
    void emptyLinesForWhatTheCommandLineDidNotSay() throws Exception {
        try (LockFile lock = LockFile.acquire(data, 1, 2, null, null)) {
            assertEquals(List.of("1", data.toString(), "2", "", "", "", "", "starting"),
                    Files.readAllLines(lock.path()));
        }
    }

    @Test
    void heldLockRefusesASecondServerNamingThePid() throws Exception {
        try (LockFile first = LockFile.acquire(data, 4711, 1, null, null)) {
            StartupFailure failure = assertThrows(StartupFailure.class,
                    () -> LockFile.acquire(data, 4712, 2, null, null));
            assertEquals("lock file \"postmaster.pid\" already exists", failure.getMessage());
            assertEquals("Is another postmaster (PID 4711) running in data directory \"" + data + "\"?",
                    failure.hint());
            assertNull(failure.detail());
        }
    }

    @Test
    void closeRemovesTheFileAndIsIdempotent() throws Exception {
        LockFile lock = LockFile.acquire(data, 1, 2, null, null);
        lock.close();
        assertFalse(Files.exists(data.resolve("postmaster.pid")));
        lock.close();
        lock.update(LockFile.Status.READY); // ignored after close
        assertFalse(Files.exists(data.resolve("postmaster.pid")));
        LockFile.acquire(data, 3, 4, null, null).close(); // free again
    }

    @Test
    void staleFileOfADeadServerIsTakenOver() throws Exception {
        Files.writeString(data.resolve("postmaster.pid"), "999999\n/elsewhere\n1\n5433\n\n\n\nready   \nextra line\n");
        try (LockFile lock = LockFile.acquire(data, 7, 8, "1234", null)) {
            assertEquals(List.of("7", data.toString(), "8", "1234", "", "", "", "starting"),
                    Files.readAllLines(lock.path()));
        }
    }
}
