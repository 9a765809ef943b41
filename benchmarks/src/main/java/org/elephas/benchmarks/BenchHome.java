package org.elephas.benchmarks;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.elephas.backend.Backend;
import org.elephas.benchmarks.workers.BenchExtension;
import org.elephas.log.ServerLog;
import org.elephas.postmaster.Postmaster;
import org.elephas.postmaster.PostmasterOptions;

/**
 * A throw-away distribution home for benchmarks: a temporary directory whose {@code bundles/}
 * holds the benchmark worker bundle, and fresh data directories beside it. Servers made here
 * preload {@code bench_workers}, log at {@code log_min_messages=warning} into a stream that
 * discards, so that neither logging nor I/O dominates what is measured.
 */
public final class BenchHome implements AutoCloseable {
    /** {@code log_min_messages} of benchmark servers. */
    public static final String LOG_MIN_MESSAGES = "warning";

    private static final PrintStream DISCARD = new PrintStream(OutputStream.nullOutputStream());

    private final Path root;
    private final Path home;

    private BenchHome(Path root) {
        this.root = root;
        this.home = root.resolve("home");
    }

    /**
     * @param staticWorkers how many static workers {@code bench_workers} registers when preloaded
     * @return a new home with the worker bundle built into its {@code bundles/}
     */
    public static BenchHome create(int staticWorkers) {
        try {
            BenchHome h = new BenchHome(Files.createTempDirectory("elephas-bench-"));
            Files.createDirectories(h.home.resolve("bundles"));
            WorkerBundle.build(h.home.resolve("bundles"), staticWorkers);
            return h;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A postmaster on a new, empty data directory; not started.
     *
     * @param maxWorkerProcesses {@code max_worker_processes}
     * @return the postmaster
     */
    public Postmaster newPostmaster(int maxWorkerProcesses) {
        return newPostmaster(maxWorkerProcesses, List.of());
    }

    /**
     * A postmaster on a new, empty data directory that also preloads the given sample hook
     * bundles (copied into this home's {@code bundles/} from {@code target/bundles}); not started.
     *
     * @param maxWorkerProcesses {@code max_worker_processes}
     * @param hookBundles extension names, e.g. {@code stat_statements}, preloaded after the
     *     benchmark worker bundle in this order
     * @return the postmaster
     */
    public Postmaster newPostmaster(int maxWorkerProcesses, List<String> hookBundles) {
        for (String name : hookBundles) {
            HookBundleJars.copy(name, home.resolve("bundles"));
        }
        Path data;
        try {
            data = Files.createTempDirectory(root, "data-");
            // Settings come as -c; the server still reads its (here empty) configuration file.
            Files.writeString(data.resolve("elephas.conf"), "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("max_worker_processes", Integer.toString(maxWorkerProcesses));
        List<String> preload = new java.util.ArrayList<>(List.of(BenchExtension.NAME));
        preload.addAll(hookBundles);
        settings.put("shared_preload_bundles", String.join(",", preload));
        settings.put("log_min_messages", LOG_MIN_MESSAGES);
        // In-process benchmarks need no client port (and this data directory has no hba.conf).
        settings.put("listen_addresses", "");
        ServerLog log = new ServerLog(DISCARD, () -> Backend.pidOfCaller(0));
        return new Postmaster(new PostmasterOptions(data, home, settings, log));
    }

    /**
     * Delete a data directory once its server is shut down.
     *
     * @param postmaster a postmaster made here
     */
    public void discard(Postmaster postmaster) {
        delete(postmaster.dataDirectory());
    }

    @Override
    public void close() {
        delete(root);
    }

    private static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
