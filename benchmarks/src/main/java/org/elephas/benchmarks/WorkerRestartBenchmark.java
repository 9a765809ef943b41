package org.elephas.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.StringJoiner;

import org.elephas.api.bgworker.BackgroundWorker;
import org.elephas.api.bgworker.BackgroundWorkerHandle;
import org.elephas.api.bgworker.BgwHandleStatus;

/**
 * Not JMH: a plain {@code main} measuring how soon a failed worker with
 * {@code bgw_restart_time = 0} runs again, the measure {@value #MEASURE} that
 * {@code benchmarks/pg-workers.sh} takes for PostgreSQL 15 with the same procedure.
 *
 * <p>Per sample, against one running server ({@code max_worker_processes=8}, the bench bundle
 * preloaded, as for {@link WorkerLifecycleBenchmark}): register a {@code signalAndFail} worker
 * (it sends the registrant {@code SIGUSR2}, then fails with FATAL, exit code 1) with restart
 * time 0, wait until two runs have signalled, take the time between the two signals, then
 * terminate the worker and wait for its shutdown. The registrant's handler runs on the
 * signalling worker's thread, so each time is when that run's entry point signalled. A new
 * registration per sample keeps every sample within the first quick failures, which restart
 * exactly on {@code bgw_restart_time} (Elephas's crash-loop backoff starts after three).
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar org.elephas.benchmarks.WorkerRestartBenchmark [SAMPLES [WARMUP [OUT.json]]]
 * </pre>
 *
 * Prints the median and percentiles; with {@code OUT.json} (or the {@code RESULTS} environment
 * variable) also writes the samples in the performance report's results format.
 */
public final class WorkerRestartBenchmark {
    /** The measure's name in the results, shared with benchmarks/pg-workers.sh. */
    public static final String MEASURE = "restart after crash (bgw_restart_time = 0)";

    private WorkerRestartBenchmark() {
    }

    /**
     * @param args samples (default 1000), warm-up samples (default 200), output path (optional)
     * @throws Exception when the server fails
     */
    public static void main(String[] args) throws Exception {
        int samples = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        String out = args.length > 2 ? args[2] : System.getenv("RESULTS");
        double[] micros = new double[samples];
        try (BenchServer server = BenchServer.start(8)) {
            Registrant registrant = server.registrant;
            registrant.bindToCurrentThread();
            BackgroundWorker failing = registrant.worker("signalAndFail", 0);
            for (int i = 0; i < warmup; i++) {
                restartNanos(registrant, failing);
            }
            for (int i = 0; i < samples; i++) {
                micros[i] = restartNanos(registrant, failing) / 1000.0;
            }
        }
        double[] sorted = micros.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "%s: %d samples after %d warm-up, us: median %.1f  p10 %.1f  p90 %.1f  p99 %.1f%n",
                MEASURE, samples, warmup, quantile(sorted, 0.5), quantile(sorted, 0.1), quantile(sorted, 0.9),
                quantile(sorted, 0.99));
        if (out != null && !out.isEmpty()) {
            Files.writeString(Path.of(out), json(micros, samples, warmup), StandardCharsets.UTF_8);
            System.out.println("wrote " + out);
        }
    }

    /** One sample: from the first run's signal to the restarted run's signal, in nanoseconds. */
    private static long restartNanos(Registrant registrant, BackgroundWorker failing) {
        long first = registrant.arrivals() + 1;
        BackgroundWorkerHandle h = Registrant.register(failing);
        registrant.awaitArrivals(first + 1);
        long nanos = registrant.arrivalNanos(first + 1) - registrant.arrivalNanos(first);
        h.terminate();
        BgwHandleStatus s = h.waitForShutdown();
        if (s != BgwHandleStatus.STOPPED) {
            throw new IllegalStateException("waitForShutdown returned " + s);
        }
        return nanos;
    }

    private static double quantile(double[] sorted, double p) {
        return sorted.length == 0 ? Double.NaN : sorted[Math.min(sorted.length - 1, (int) (p * sorted.length))];
    }

    private static String json(double[] micros, int samples, int warmup) throws IOException {
        StringJoiner values = new StringJoiner(", ", "[", "]");
        for (double v : micros) {
            values.add(String.format(Locale.ROOT, "%.3f", v));
        }
        return "{\"title\": \"Restart of a failed dynamic worker with bgw_restart_time = 0, Elephas in process\",\n"
                + " \"notes\": [\"" + samples + " samples after " + warmup + " warm-up; one new registration per sample;"
                + " sample = time between the first run's and the restarted run's SIGUSR2 to the registrant\","
                + " \"Java " + System.getProperty("java.version") + ", max_worker_processes=8, bench bundle preloaded\"],\n"
                + " \"series\": [{\"system\": \"Elephas\", \"measure\": \"" + MEASURE + "\", \"unit\": \"us\",\n"
                + "   \"samples\": " + values + "}]}\n";
    }
}
