package org.elephas.benchmarks.report;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * Reads JMH's {@code -rf json} output into {@link Series} of system "Elephas", naming each
 * benchmark and parameter set with the measure label that the other systems' harnesses use for
 * the same operation, so that the report can pair them. Results of the same measure (a file
 * merged from several runs, {@link #merge}) are one series. Where {@code CpuTimeProfiler} ran,
 * the worker threads' CPU time per operation is a second series, measure + {@value #CPU}.
 */
public final class JmhResults {
    /** The suffix of the measure of a benchmark's CPU time per operation. */
    static final String CPU = ", CPU time";

    private JmhResults() {
    }

    /** Every result of the file: sample-time histograms weighted, other modes one value per iteration. */
    static List<Series> read(Path file) throws IOException {
        JsonArray results;
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            results = JsonParser.parseReader(in).getAsJsonArray();
        }
        List<Series> series = new ArrayList<>();
        for (JsonElement element : results) {
            JsonObject result = element.getAsJsonObject();
            String benchmark = result.get("benchmark").getAsString();
            Map<String, String> params = new TreeMap<>();
            if (result.has("params")) {
                result.getAsJsonObject("params").entrySet().forEach(e -> params.put(e.getKey(), e.getValue().getAsString()));
            }
            add(series, measure(benchmark, params), result.getAsJsonObject("primaryMetric"));
            if (result.has("secondaryMetrics") && result.getAsJsonObject("secondaryMetrics").has("cpu.worker.norm")) {
                add(series, measure(benchmark, params) + CPU,
                        result.getAsJsonObject("secondaryMetrics").getAsJsonObject("cpu.worker.norm"));
            }
        }
        return series;
    }

    /** Append one metric's samples to the series of its measure (made when missing). */
    private static void add(List<Series> series, String measure, JsonObject metric) {
        String unit = metric.get("scoreUnit").getAsString().replace("/op", "");
        List<Double> values = new ArrayList<>();
        List<Long> counts = new ArrayList<>();
        if (metric.has("rawDataHistogram")) {
            for (JsonElement fork : metric.getAsJsonArray("rawDataHistogram")) {
                for (JsonElement iteration : fork.getAsJsonArray()) {
                    for (JsonElement pair : iteration.getAsJsonArray()) {
                        values.add(pair.getAsJsonArray().get(0).getAsDouble());
                        counts.add(pair.getAsJsonArray().get(1).getAsLong());
                    }
                }
            }
        } else {
            for (JsonElement fork : metric.getAsJsonArray("rawData")) {
                for (JsonElement iteration : fork.getAsJsonArray()) {
                    values.add(iteration.getAsDouble());
                    counts.add(1L);
                }
            }
        }
        for (int i = 0; i < series.size(); i++) {
            Series old = series.get(i);
            if (old.measure().equals(measure) && old.unit().equals(unit)) {
                for (double v : old.values()) {
                    values.add(v);
                }
                for (long c : old.counts()) {
                    counts.add(c);
                }
                series.set(i, new Series(Series.ELEPHAS, measure, unit,
                        values.stream().mapToDouble(Double::doubleValue).toArray(),
                        counts.stream().mapToLong(Long::longValue).toArray()));
                return;
            }
        }
        series.add(new Series(Series.ELEPHAS, measure, unit,
                values.stream().mapToDouble(Double::doubleValue).toArray(),
                counts.stream().mapToLong(Long::longValue).toArray()));
    }

    /**
     * Concatenate JMH result files (runs of the same benchmarks, such as rounds of one fork each
     * run one after the other so that parameter values interleave) into one file, which
     * {@link #read} then reads as one series per measure.
     *
     * @param args the output file, then the input files
     * @throws IOException when a file cannot be read or written
     */
    public static void main(String[] args) throws IOException {
        merge(Path.of(args[0]), java.util.Arrays.stream(args).skip(1).map(Path::of).toList());
    }

    static void merge(Path out, List<Path> in) throws IOException {
        JsonArray all = new JsonArray();
        for (Path p : in) {
            try (Reader r = Files.newBufferedReader(p, StandardCharsets.UTF_8)) {
                all.addAll(JsonParser.parseReader(r).getAsJsonArray());
            }
        }
        Files.writeString(out, all.toString(), StandardCharsets.UTF_8);
    }

    /** The measure label of a benchmark method and its parameters (see docs/performance.md). */
    static String measure(String benchmark, Map<String, String> params) {
        String name = benchmark.substring(benchmark.lastIndexOf('.', benchmark.lastIndexOf('.') - 1) + 1);
        String workers = params.get("workers");
        switch (name) {
            case "WorkerLifecycleBenchmark.registerToStarted":
                return "register -> STARTED";
            case "WorkerLifecycleBenchmark.registerToRunning":
                return "register -> entry point running";
            case "WorkerLifecycleBenchmark.startTerminateWait":
                return "start + terminate + wait";
            case "WorkerLifecycleBenchmark.startRunningTerminateWait":
                return "start, running, terminate + wait";
            case "WorkerLifecycleBenchmark.restartAfterCrash":
                return "restart after crash (bgw_restart_time = 0)";
            case "ManyDynamicWorkersBenchmark.startAllRunning":
                return workers + " workers running";
            case "ManyDynamicWorkersBenchmark.startAndStopAll":
                return workers + " workers started, terminated, waited";
            case "HookDispatchBenchmark.dispatch":
                return "dispatch, " + params.get("hooks") + " hooks, " + params.get("classes") + " classes";
            case "HookBundlesBenchmark.select1_simple":
                return "SELECT 1, simple, preload " + params.get("preload");
            case "HookBundlesBenchmark.pkLookup_simple":
                return "primary-key lookup, simple, preload " + params.get("preload");
            case "HookBundlesBenchmark.pkLookup_prepared":
                return "primary-key lookup, prepared, preload " + params.get("preload");
            default:
                return params.isEmpty() ? name : name + " " + params;
        }
    }
}
