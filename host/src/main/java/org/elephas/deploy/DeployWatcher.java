package org.elephas.deploy;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.elephas.api.LogLevel;
import org.elephas.log.ServerLog;

/**
 * Watches {@code deploy_directory} with the file system's own events ({@link WatchService},
 * inotify on Linux) rather than a fixed poll, and hands over files once they have settled
 * ({@link SettleWindow}), or at once when they are already complete jars. Names that are not bundle names ({@link DeployNames}) are ignored. When
 * the system reports lost events (overflow), every file in the directory is looked at again.
 * One daemon thread; {@link #close()} ends it.
 */
public final class DeployWatcher implements AutoCloseable {
    private final Path directory;
    private final ServerLog log;
    private final Consumer<List<Path>> settled;
    private final Runnable lostEvents;
    private final SettleWindow window;
    private final WatchService watcher;
    private final Thread thread;
    /** Files handed back from other threads (the deployer) to settle again. */
    private final ConcurrentLinkedQueue<Path> again = new ConcurrentLinkedQueue<>();
    private volatile boolean closed;

    /**
     * Start watching.
     *
     * @param directory the directory
     * @param settleMillis how long a file that is not yet a complete jar must be still before it
     *     is handed over
     * @param deletionMillis how long a file that is gone must stay gone before it is handed over
     * @param settled takes settled files, on the watcher's thread
     * @param lostEvents told when events were lost: every file must be looked at again
     * @param log the server log
     * @throws IOException when the directory cannot be watched
     */
    public DeployWatcher(Path directory, long settleMillis, long deletionMillis, Consumer<List<Path>> settled,
            Runnable lostEvents, ServerLog log) throws IOException {
        this.directory = directory;
        this.lostEvents = lostEvents;
        this.log = log;
        this.settled = settled;
        this.window = new SettleWindow(TimeUnit.MILLISECONDS.toNanos(settleMillis),
                TimeUnit.MILLISECONDS.toNanos(deletionMillis), FileStamp::of, DeployJar::endsWithEndRecord);
        this.watcher = directory.getFileSystem().newWatchService();
        try {
            directory.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE,
                    StandardWatchEventKinds.ENTRY_MODIFY);
        } catch (IOException | RuntimeException e) {
            watcher.close();
            throw e;
        }
        this.thread = new Thread(this::run, "deploy watcher");
        thread.setDaemon(true);
        thread.start();
    }

    /** @return the watched directory */
    public Path directory() {
        return directory;
    }

    /**
     * Let a file settle again (it changed while the deployer read it).
     *
     * @param file the file
     */
    public void settleAgain(Path file) {
        again.add(file);
        // Wake the thread from its wait: a harmless touch of the queue is not enough.
        thread.interrupt();
    }

    private void run() {
        try {
            while (!closed) {
                long now = System.nanoTime();
                long waitNanos = window.nanosUntilDue(now);
                WatchKey key;
                try {
                    key = waitNanos < 0 ? watcher.take() : watcher.poll(waitNanos, TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    key = null;
                }
                now = System.nanoTime();
                for (Path p = again.poll(); p != null; p = again.poll()) {
                    window.unsettled(p, now);
                }
                if (key != null) {
                    handle(key, now);
                }
                List<Path> ready = window.takeSettled(System.nanoTime());
                if (!ready.isEmpty()) {
                    settled.accept(ready);
                }
            }
        } catch (ClosedWatchServiceException e) {
            // closed: done
        } catch (RuntimeException e) {
            log.log(LogLevel.WARNING, "the watcher of \"deploy_directory\" \"" + directory + "\" stopped: " + e, null,
                    "Reload the configuration or restart the server to watch it again.");
        }
    }

    private void handle(WatchKey key, long now) {
        for (WatchEvent<?> event : key.pollEvents()) {
            if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                log.log(LogLevel.LOG, "events of \"deploy_directory\" were lost; looking at every file again");
                rescan(now);
                continue;
            }
            Path file = directory.resolve((Path) event.context());
            if (DeployNames.isBundleName(file)) {
                window.changed(file, now);
            }
        }
        if (!key.reset() && !closed) {
            log.log(LogLevel.WARNING, "\"deploy_directory\" \"" + directory + "\" can no longer be watched", null,
                    "Recreate it and reload the configuration.");
            closed = true;
        }
    }

    private void rescan(long now) {
        try (Stream<Path> files = Files.list(directory)) {
            files.filter(DeployNames::isBundleName).forEach(f -> window.changed(f, now));
        } catch (IOException e) {
            log.log(LogLevel.WARNING, "could not read \"deploy_directory\" \"" + directory + "\": " + e, null, null);
        }
        // Deleted files are not listed: the deployer looks at every file it knows too.
        lostEvents.run();
    }

    @Override
    public void close() {
        closed = true;
        try {
            watcher.close();
        } catch (IOException e) {
            // nothing left to release
        }
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
