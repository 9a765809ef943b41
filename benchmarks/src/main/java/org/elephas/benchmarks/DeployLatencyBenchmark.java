package org.elephas.benchmarks;

import java.io.File;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import aQute.bnd.osgi.Builder;
import aQute.bnd.osgi.Jar;

import org.elephas.backend.Backend;
import org.elephas.benchmarks.deploy.DeployBenchExtension;
import org.elephas.benchmarks.deploy.plain.PlainActivator;
import org.elephas.benchmarks.report.Series;
import org.elephas.benchmarks.report.SeriesFile;
import org.elephas.framework.ApiExports;
import org.elephas.log.ServerLog;
import org.elephas.postmaster.Postmaster;
import org.elephas.postmaster.PostmasterOptions;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

/**
 * Hot-deploy latency, Elephas beside Felix FileInstall 3.7.4, in one JVM and one run.
 *
 * <p>Three deployers each watch a directory of their own: Elephas's {@code deploy_directory}
 * (a real postmaster), and FileInstall in a plain Felix polling every 2000 ms (its default) and
 * every 200 ms. Round after round, each in turn: a bundle jar is moved into its directory by an
 * atomic rename (the safe pattern for both), and the time until the framework reports the bundle
 * STARTED is measured (for Elephas that is after its {@code _PG_init} installed its hook: the
 * hook is live); then the file is deleted, and the time until the framework reports it
 * UNINSTALLED is measured. Before each operation the benchmark waits a random time within the
 * slowest poll interval, so that a poller is met at a random point of its cycle, as users meet
 * it. Elephas deploys an extension whose {@code _PG_init} installs a hook; FileInstall a plain
 * bundle with an empty activator (it cannot run an extension's {@code _PG_init}).
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar org.elephas.benchmarks.DeployLatencyBenchmark [rounds [results.json]]}
 * (default 20 rounds). Prints p50, p90, p99, max and mean per deployer and operation, in ms, and
 * writes every sample to the results file when one is named (the report's format, {@link SeriesFile}).
 */
public final class DeployLatencyBenchmark {
    private static final long TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(30);
    private static final int SLOW_POLL_MILLIS = 2000;

    private DeployLatencyBenchmark() {
    }

    /** One deployer under test: a directory and the framework it installs into. */
    private record Target(String name, Path directory, BundleContext context, Path jar, String symbolicName) {
    }

    /**
     * @param args optional number of rounds, then optional results file
     * @throws Exception when a deployer cannot start or misses a deadline
     */
    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        Path root = Files.createTempDirectory("elephas-deploy-bench-");
        Path scratch = Files.createDirectories(root.resolve("scratch"));
        Path home = Files.createDirectories(root.resolve("home"));
        Files.createDirectories(home.resolve("bundles"));
        Path data = Files.createDirectories(root.resolve("data"));
        Files.writeString(data.resolve("elephas.conf"), "");
        Files.createDirectories(data.resolve("deploy"));

        Path extensionJar = build(scratch.resolve("bench_deploy.jar"), "org.elephas.benchmarks.deploy", "bench_deploy",
                DeployBenchExtension.class);
        Path plainJar = build(scratch.resolve("plain.jar"), "org.elephas.benchmarks.deploy.plain", null,
                PlainActivator.class);

        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("log_min_messages", "warning");
        settings.put("shared_preload_bundles", "");
        // No client port: this data directory has no hba.conf, and nothing connects.
        settings.put("listen_addresses", "");
        Postmaster postmaster = new Postmaster(new PostmasterOptions(data, home, settings,
                new ServerLog(new PrintStream(OutputStream.nullOutputStream()), () -> Backend.pidOfCaller(0))));
        postmaster.start();
        Framework slow = fileInstall(root.resolve("fi-2000"), SLOW_POLL_MILLIS);
        Framework fast = fileInstall(root.resolve("fi-200"), 200);
        try {
            List<Target> targets = List.of(
                    new Target(Series.ELEPHAS, data.resolve("deploy"),
                            postmaster.library().context(), extensionJar, "org.elephas.benchmarks.deploy"),
                    new Target("FileInstall 3.7.4 (poll 2000 ms)", root.resolve("fi-2000/deploy"),
                            slow.getBundleContext(), plainJar, "org.elephas.benchmarks.deploy.plain"),
                    new Target("FileInstall 3.7.4 (poll 200 ms)", root.resolve("fi-200/deploy"),
                            fast.getBundleContext(), plainJar, "org.elephas.benchmarks.deploy.plain"));
            Map<String, List<Double>> drop = new LinkedHashMap<>();
            Map<String, List<Double>> delete = new LinkedHashMap<>();
            for (int r = -1; r < rounds; r++) { // round -1 warms up and is not counted
                for (Target t : targets) {
                    double in = measure(t, true);
                    double out = measure(t, false);
                    if (r >= 0) {
                        drop.computeIfAbsent(t.name(), k -> new ArrayList<>()).add(in);
                        delete.computeIfAbsent(t.name(), k -> new ArrayList<>()).add(out);
                    }
                }
                System.err.print(".");
            }
            System.err.println();
            System.out.printf("%d rounds, %d cores, %s %s%n", rounds, Runtime.getRuntime().availableProcessors(),
                    System.getProperty("java.vm.name"), System.getProperty("java.version"));
            System.out.printf("%-34s %-16s %8s %8s %8s %8s %8s%n", "deployer", "operation", "p50", "p90", "p99", "max",
                    "mean");
            List<Series> series = new ArrayList<>();
            for (Target t : targets) {
                print(t.name(), "drop -> active", drop.get(t.name()));
                print(t.name(), "delete -> gone", delete.get(t.name()));
                series.add(Series.of(t.name(), "drop -> active", "ms", drop.get(t.name())));
                series.add(Series.of(t.name(), "delete -> gone", "ms", delete.get(t.name())));
            }
            if (args.length > 1) {
                SeriesFile.write(Path.of(args[1]), "Hot deploy: drop -> active and delete -> gone", List.of(
                        rounds + " rounds; each drop and delete starts at a random point of the 2000 ms poll cycle",
                        "Elephas: directory events; a complete jar at once, a copy in progress or a deletion"
                                + " after a 100 ms settle window; FileInstall 3.7.4: directory polling",
                        "Elephas deploys an extension whose _PG_init installs a hook; FileInstall a plain bundle"),
                        series);
            }
        } finally {
            postmaster.shutdown();
            stop(slow);
            stop(fast);
            deleteTree(root);
        }
    }

    /** Remove the run's temporary directory (data directory, deploy directories, jars). */
    private static void deleteTree(Path root) throws java.io.IOException {
        try (java.util.stream.Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Drop (or delete) the target's jar and time until the framework reports the bundle started (or gone). */
    private static double measure(Target t, boolean drop) throws Exception {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(ThreadLocalRandom.current().nextInt(SLOW_POLL_MILLIS)));
        int awaited = drop ? BundleEvent.STARTED : BundleEvent.UNINSTALLED;
        java.util.concurrent.atomic.AtomicLong seen = new java.util.concurrent.atomic.AtomicLong();
        Thread waiter = Thread.currentThread();
        org.osgi.framework.BundleListener listener = e -> {
            if (e.getType() == awaited && t.symbolicName().equals(e.getBundle().getSymbolicName())) {
                seen.set(System.nanoTime());
                LockSupport.unpark(waiter);
            }
        };
        t.context().addBundleListener(listener);
        try {
            Path file = t.directory().resolve("bench.jar");
            long start;
            if (drop) {
                Path part = t.directory().resolve("bench.jar.part");
                Files.copy(t.jar(), part, StandardCopyOption.REPLACE_EXISTING);
                start = System.nanoTime();
                Files.move(part, file, StandardCopyOption.ATOMIC_MOVE);
            } else {
                start = System.nanoTime();
                Files.delete(file);
            }
            while (seen.get() == 0) {
                if (System.nanoTime() - start > TIMEOUT_NANOS) {
                    throw new IllegalStateException(t.name() + ": no " + (drop ? "start" : "uninstall") + " within 30 s");
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
            }
            return (seen.get() - start) / 1e6;
        } finally {
            t.context().removeBundleListener(listener);
        }
    }

    private static void print(String name, String op, List<Double> samples) {
        double[] s = samples.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        System.out.printf("%-34s %-16s %8.1f %8.1f %8.1f %8.1f %8.1f%n", name, op, pct(s, 50), pct(s, 90), pct(s, 99),
                s[s.length - 1], Arrays.stream(s).average().orElse(0));
    }

    /** Nearest-rank percentile. */
    private static double pct(double[] sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static Framework fileInstall(Path dir, int pollMillis) throws Exception {
        Files.createDirectories(dir.resolve("deploy"));
        Map<String, String> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, dir.resolve("cache").toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        config.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, ApiExports.exportPackageHeader());
        config.put("felix.service.urlhandlers", "false");
        config.put("felix.log.level", "0");
        config.put("felix.fileinstall.dir", dir.resolve("deploy").toString());
        config.put("felix.fileinstall.poll", Integer.toString(pollMillis));
        config.put("felix.fileinstall.noInitialDelay", "true");
        config.put("felix.fileinstall.log.level", "0");
        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class).findFirst().orElseThrow();
        Framework framework = factory.newFramework(config);
        framework.init();
        framework.start();
        Path fileInstallJar = codeSource(Class.forName("org.apache.felix.fileinstall.internal.FileInstall")).toPath();
        Bundle b = framework.getBundleContext().installBundle(fileInstallJar.toUri().toString());
        b.start();
        return framework;
    }

    private static void stop(Framework framework) throws Exception {
        framework.stop();
        framework.waitForStop(10_000);
    }

    private static Path build(Path jar, String symbolicName, String extension, Class<?> activator) throws Exception {
        try (Builder b = new Builder()) {
            b.setProperty("Bundle-SymbolicName", symbolicName);
            b.setProperty("Bundle-Version", "1.0.0");
            if (extension != null) {
                b.setProperty("Elephas-Extension", extension);
            }
            b.setProperty("Bundle-Activator", activator.getName());
            b.setProperty("Private-Package", activator.getPackageName());
            b.setProperty("-noextraheaders", "true");
            for (Class<?> onPath : List.of(activator, org.elephas.api.Extension.class,
                    org.osgi.framework.BundleActivator.class)) {
                b.addClasspath(codeSource(onPath));
            }
            Jar built = b.build();
            if (!b.isOk()) {
                throw new IllegalStateException("bnd could not build " + symbolicName + ": " + b.getErrors());
            }
            built.write(jar.toFile());
            return jar;
        }
    }

    private static File codeSource(Class<?> type) throws URISyntaxException {
        return new File(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

}
