package org.elephas.postmaster;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.elephas.api.LogLevel;
import org.elephas.api.PgException;
import org.elephas.catalog.Catalog;
import org.elephas.catalog.DatabaseInfo;
import org.elephas.dialect.Dialect;
import org.elephas.engine.Engine;
import org.elephas.log.ServerLog;
import org.elephas.system.SystemObjects;

/**
 * The storage side of startup, on a thread of its own (named "startup", after PostgreSQL's
 * startup process, which also brings the data to a consistent state beside the postmaster):
 * it opens the catalog and the engine while the postmaster starts the framework and preloads
 * bundles, and then opens the {@code postgres} database ahead of its first connection.
 *
 * <p>Why: a boot is CPU-bound (class loading, H2 replaying each database's definitions at open)
 * and, done in one thread, left a core idle. Nothing a preloaded bundle can do in
 * {@code _PG_init} reaches the storage, so opening it meanwhile changes no behaviour. The early
 * open of {@code postgres} (the database clients and tools connect to first) is not waited for:
 * a connection that arrives meanwhile waits for it as it would for its own open, and a failure
 * is logged here and met again, with its error, by the first connection.
 */
final class StorageStartup {
    /** The default database clients and tools connect to, opened ahead. */
    static final String FIRST_DATABASE = "postgres";
    /** How long closing waits for an unfinished early open before closing anyway. */
    private static final long CLOSE_WAIT_SECONDS = 60;

    private final CompletableFuture<Storage> opened = new CompletableFuture<>();
    private final CompletableFuture<Void> finished = new CompletableFuture<>();

    /**
     * The opened storage, handed to the SQL layer.
     *
     * @param catalog the catalog (databases, roles, privileges, extensions)
     * @param engine the engine, with the system objects' initializer installed
     * @param dialect the standard dialect
     */
    record Storage(Catalog catalog, Engine engine, Dialect dialect) {
        /** Close the engine, then the catalog. */
        void close() {
            engine.close();
            catalog.close();
        }
    }

    private StorageStartup() {
    }

    /**
     * Start opening the storage of a data directory.
     *
     * @param dataDirectory DATADIR
     * @param seed the file a new database starts from (the distribution's seed; a missing file
     *     for none)
     * @param log the server log
     * @return the startup under way
     */
    static StorageStartup begin(Path dataDirectory, Path seed, ServerLog log) {
        StorageStartup startup = new StorageStartup();
        Thread thread = new Thread(() -> startup.run(dataDirectory, seed, log), "startup");
        thread.setDaemon(true);
        thread.start();
        return startup;
    }

    private void run(Path dataDirectory, Path seed, ServerLog log) {
        try {
            Storage storage;
            try {
                storage = open(dataDirectory, seed);
            } catch (RuntimeException | Error e) {
                opened.completeExceptionally(e);
                return;
            }
            opened.complete(storage);
            openAhead(storage, log);
        } finally {
            finished.complete(null);
        }
    }

    private static Storage open(Path dataDirectory, Path seed) {
        Catalog catalog = Catalog.open(dataDirectory.resolve("global"));
        try {
            Engine engine = new Engine(dataDirectory.resolve("base"), seed);
            // System functions and views in every database; they read the server through SystemState.
            engine.addInitializer(new SystemObjects());
            return new Storage(catalog, engine, Dialect.standard());
        } catch (RuntimeException | Error e) {
            catalog.close();
            throw e;
        }
    }

    private static void openAhead(Storage storage, ServerLog log) {
        DatabaseInfo first = storage.catalog().database(FIRST_DATABASE).orElse(null);
        if (first == null || !first.allowConnections()) {
            return;
        }
        try {
            storage.engine().openDatabase(first.oid());
        } catch (PgException e) {
            log.log(LogLevel.LOG, "could not open database \"" + FIRST_DATABASE + "\" ahead of its first connection: "
                    + e.getMessage());
        } catch (RuntimeException e) {
            log.log(LogLevel.LOG, "could not open database \"" + FIRST_DATABASE + "\" ahead of its first connection: " + e);
        }
    }

    /**
     * Wait for the catalog and the engine.
     *
     * @return the storage, now owned by the caller
     * @throws RuntimeException what opening it threw (a {@link PgException} for the engine's errors)
     */
    Storage await() {
        try {
            return opened.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    /**
     * Wait (bounded) until the thread is done, including the early open: a database must not be
     * opening while the engine closes.
     */
    void awaitFinished() {
        try {
            finished.get(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // Closing anyway: the engine closes a database whose open ends after it closed.
        }
    }

    /** Startup failed before the SQL layer took the storage: wait for the thread, close what it opened. */
    void abandon() {
        awaitFinished();
        if (!opened.isCompletedExceptionally()) {
            opened.join().close();
        }
    }
}
