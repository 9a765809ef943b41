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
 * the same operation, so that the report can pair them.
 */
final class JmhResults {

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
            JsonObject metric = result.getAsJsonObject("primaryMetric");
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
            series.add(new Series(Series.ELEPHAS, measure(benchmark, params), unit,
                    values.stream().mapToDouble(Double::doubleValue).toArray(),
                    counts.stream().mapToLong(Long::longValue).toArray()));
        }
        return series;
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
