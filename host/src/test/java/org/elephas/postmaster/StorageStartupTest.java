package org.elephas.postmaster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Map;

import org.elephas.api.PgException;
import org.elephas.testing.SqlClient;
import org.elephas.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The storage opened on the startup thread: the {@code postgres} database is open before any
 * connection asks for it, a failure to open it harms only that database, and a startup that
 * fails after the storage opened leaves no file held.
 */
class StorageStartupTest {
    /** The {@code postgres} database's OID and its engine file. */
    private static Path postgresFile(Path root) {
        return root.resolve("data/base/5/elephas.mv.db");
    }

    @Test
    void postgresIsOpenedAheadOfItsFirstConnection(@TempDir Path root) throws StartupFailure {
        try (TestServer s = TestServer.start(root, Map.of())) {
            // Nobody connected: only the early open creates the database's file.
            s.awaitTrue("base/5/elephas.mv.db created", () -> Files.exists(postgresFile(root)));
            try (SqlClient c = s.connect()) {
                assertEquals(1, ((Number) c.value("select 1")).intValue());
            }
        }
    }

    @Test
    void aDatabaseThatCannotBeOpenedAheadHarmsOnlyItself(@TempDir Path root) throws Exception {
        try (TestServer s = TestServer.start(root, Map.of())) {
            s.awaitTrue("base/5/elephas.mv.db created", () -> Files.exists(postgresFile(root)));
            try (SqlClient c = s.connect()) {
                c.exec("create table t (i int)");
            }
        }
        byte[] garbage = new byte[16384];
        Arrays.fill(garbage, (byte) 'x');
        Files.write(postgresFile(root), garbage);

        try (TestServer s = TestServer.start(root, Map.of())) {
            s.log().await("LOG:  could not open database \"postgres\" ahead of its first connection: ", TestServer.PATIENCE);
            try (SqlClient c = s.connect("template1", "postgres")) {
                assertEquals(1, ((Number) c.value("select 1")).intValue());
            }
            PgException e = assertThrows(PgException.class, s::connect);
            assertNotNull(e.sqlState());
        }
    }

    @Test
    void aFailedStartupClosesTheStorageOpenedMeanwhile(@TempDir Path root) throws IOException {
        StartupFailure failure = TestServer.startExpectingFailure(root, Map.of("shared_preload_bundles", "no_such_bundle"));
        assertTrue(failure.getMessage().contains("no_such_bundle"), failure.getMessage());
        // H2 holds a file lock on each open file; in this JVM, taking it again would throw.
        for (Path file : new Path[] {root.resolve("data/global/catalog.mv.db"), postgresFile(root)}) {
            if (Files.exists(file)) {
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
                        FileLock lock = channel.tryLock()) {
                    assertNotNull(lock, file + " is still locked");
                }
            }
        }
        assertTrue(Files.exists(root.resolve("data/global/catalog.mv.db")), "the catalog was opened meanwhile");
    }
}
