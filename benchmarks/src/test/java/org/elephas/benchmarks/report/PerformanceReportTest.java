package org.elephas.benchmarks.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PerformanceReportTest {

    @TempDir
    Path dir;

    /** A JMH sample-time result as JMH 1.37 writes it with -rf json (trimmed to what is read). */
    private static final String JMH = """
            [{"benchmark": "org.elephas.benchmarks.WorkerLifecycleBenchmark.registerToStarted", "mode": "sample",
              "params": {}, "primaryMetric": {"score": 6.0, "scoreUnit": "us/op",
              "rawDataHistogram": [[[[5.0, 60], [7.0, 40]]], [[[6.0, 100]]]]}},
             {"benchmark": "org.elephas.benchmarks.ManyDynamicWorkersBenchmark.startAndStopAll", "mode": "ss",
              "params": {"workers": "1000"}, "primaryMetric": {"score": 80.0, "scoreUnit": "ms/op",
              "rawData": [[70.0, 90.0], [80.0]]}}]
            """;

    private static final String PG = """
            {"title": "t", "notes": ["max_worker_processes = 1010"], "series": [
              {"system": "PostgreSQL 15", "measure": "register -> STARTED", "unit": "us", "samples": [150, 160, 170]},
              {"system": "PostgreSQL 15", "measure": "1000 workers started, terminated, waited", "unit": "ms",
               "samples": [900, 1000, 1100]}]}
            """;

    /** One round of HookBundlesBenchmark with CpuTimeProfiler (trimmed): none and both, one fork each. */
    private static String bundlesRound(double noneWall, double bothWall, double noneCpu, double bothCpu) {
        String result = """
                {"benchmark": "org.elephas.benchmarks.HookBundlesBenchmark.pkLookup_prepared", "mode": "avgt",
                 "params": {"preload": "%s"}, "primaryMetric": {"score": %s, "scoreUnit": "us/op", "rawData": [[%s]]},
                 "secondaryMetrics": {"cpu.worker.norm": {"score": %s, "scoreUnit": "ns/op", "rawData": [[%s]]}}}
                """;
        return "[" + result.formatted("none", noneWall, noneWall, noneCpu, noneCpu) + ","
                + result.formatted("stat_statements+auto_explain", bothWall, bothWall, bothCpu, bothCpu) + "]";
    }

    /** Rounds of JMH runs merge into one series per measure, CPU time beside the primary metric. */
    @Test
    void jmhRoundsMergeIntoOneSeriesPerMeasure() throws Exception {
        Path r1 = dir.resolve("r1.jmh");
        Path r2 = dir.resolve("r2.jmh");
        Path r3 = dir.resolve("r3.jmh");
        Files.writeString(r1, bundlesRound(5.0, 9.0, 4000, 4300));
        Files.writeString(r2, bundlesRound(6.0, 6.5, 4100, 4500));
        Files.writeString(r3, bundlesRound(5.5, 7.0, 4200, 4600));
        JmhResults.main(new String[] {dir.resolve("jmh-hook-bundles.json").toString(), r1.toString(), r2.toString(),
            r3.toString()});
        for (Path p : List.of(r1, r2, r3)) {
            Files.delete(p);
        }
        ReportData data = ReportData.load(dir);
        Series cpuNone = data.find(Series.ELEPHAS, "primary-key lookup, prepared, preload none" + JmhResults.CPU).orElseThrow();
        assertEquals(3, cpuNone.values().length, "every round in one series");
        assertEquals("ns", cpuNone.unit());
        assertEquals(4100, cpuNone.stats().median());
        assertEquals(7.0, data.find(Series.ELEPHAS, "primary-key lookup, prepared, preload stat_statements+auto_explain")
                .orElseThrow().stats().median());
    }

    /** HookPairBenchmark's results for the prepared lookup (two forks, the sample alone in one), and {@code more}. */
    private void writeHookPairs(Series... more) throws Exception {
        String statement = "primary-key lookup, prepared";
        List<Series> series = new java.util.ArrayList<>(List.of(
                Series.of(Series.ELEPHAS, HookPairs.cpu(statement, HookPairs.NONE), "us", List.of(4.0, 4.2, 4.4)),
                Series.of(Series.ELEPHAS, HookPairs.allocated(statement, HookPairs.NONE), "B", List.of(100.0, 100.0)),
                Series.of(Series.ELEPHAS, HookPairs.allocated(statement, HookPairs.BOTH), "B", List.of(100.0, 116.0)),
                // fork 1 alone would say 0.2, fork 2 alone 0.9: pooled, the median is 0.4
                Series.of(Series.ELEPHAS, HookPairs.added(statement, HookPairs.BOTH, 1), "us", List.of(0.1, 0.2, 0.3)),
                Series.of(Series.ELEPHAS, HookPairs.added(statement, HookPairs.BOTH, 2), "us", List.of(0.4, 0.9, 1.0)),
                Series.of(Series.ELEPHAS, HookPairs.added(statement, "stat_statements", 1), "us", List.of(0.25)),
                Series.of(Series.ELEPHAS, HookPairs.addedWall(statement, HookPairs.BOTH), "us", List.of(0.5, 0.7, 0.6))));
        series.addAll(List.of(more));
        SeriesFile.write(dir.resolve(HookPairs.FILE), "t", List.of(), series);
    }

    /**
     * PgHookPairBenchmark's results as it writes them (trimmed): PostgreSQL's pairs for the
     * prepared lookup over two starts, the simple one's below 0 (noise), and the control.
     */
    private static final String PG_HOOK_PAIRS = """
            {"title": "t", "notes": ["PostgreSQL 15.14"], "series": [
              {"system": "PostgreSQL 15", "measure": "primary-key lookup, prepared, hooks of none, CPU time per statement",
               "unit": "us", "samples": [28.0, 30.0, 29.0]},
              {"system": "PostgreSQL 15", "measure": "primary-key lookup, prepared, stat_statements + auto_explain add, paired, fork 1",
               "unit": "us", "samples": [0.4, 0.5, 0.6]},
              {"system": "PostgreSQL 15", "measure": "primary-key lookup, prepared, stat_statements + auto_explain add, paired, fork 2",
               "unit": "us", "samples": [0.7, 0.8, 0.9]},
              {"system": "PostgreSQL 15", "measure": "primary-key lookup, prepared, control add, paired, fork 1",
               "unit": "us", "samples": [-0.2, -0.1, 0.0, 0.1, 0.3]},
              {"system": "PostgreSQL 15", "measure": "primary-key lookup, simple, stat_statements + auto_explain add, paired, fork 1",
               "unit": "us", "samples": [-0.3, -0.2, 0.1]}]}
            """;

    /** HookPairBenchmark's forks: the target is the median of every fork's paired differences. */
    @Test
    void theSamplesCostIsTheMedianOfThePairsOfAllForks() throws Exception {
        writeHookPairs();
        String statement = "primary-key lookup, prepared";
        MarkdownTables tables = new MarkdownTables(ReportData.load(dir));

        assertEquals(0.3, tables.samplesCost(statement).orElseThrow(), 1e-9, "nearest rank: 3rd of 6");
        assertEquals(6, tables.paired(statement, HookPairs.BOTH).orElseThrow().values().length);
        assertTrue(tables.samplesCost("SELECT 1, simple").isEmpty(), "not measured");
        String table = tables.hookCost();
        assertTrue(table.contains("| primary-key lookup, prepared | 4.20 µs (4.00–4.40) | +0.25 µs (0.25–0.25) |  | "
                + "**+0.30 µs** (0.10–1.00) | 0.20, 0.90 µs | +0.60 µs | 100 / 100 B |"), table);
        assertFalse(table.contains("PostgreSQL"), "no PostgreSQL columns without its results: " + table);
        String targets = new Targets(ReportData.load(dir), tables).table();
        assertTrue(targets.contains("| stat_statements + auto_explain ≤ 0.5 µs per statement: " + statement
                + " | +0.30 µs | met |"), targets);
    }

    /** PgHookPairBenchmark's pairs go beside the samples' with the ratio; the control into a line below. */
    @Test
    void postgresPairsStandBesideTheSamples() throws Exception {
        writeHookPairs(Series.of(Series.ELEPHAS, HookPairs.added("primary-key lookup, simple", HookPairs.BOTH, 1), "us",
                List.of(0.5)));
        Files.writeString(dir.resolve(HookPairs.PG_FILE), PG_HOOK_PAIRS);
        MarkdownTables tables = new MarkdownTables(ReportData.load(dir));

        assertEquals(0.6, tables.postgresSamplesCost("primary-key lookup, prepared").orElseThrow(), 1e-9,
                "both starts pooled: 3rd of 6");
        String table = tables.hookCost();
        assertTrue(table.contains("| stat_statements + auto_explain add: median (p10–p90) | PostgreSQL 15 pg_stat_statements"
                + " + auto_explain add: median (p10–p90) | Elephas / PostgreSQL | both add: each fork |"), table);
        // Elephas 0.30 µs over PostgreSQL 0.60 µs
        assertTrue(table.contains("| **+0.30 µs** (0.10–1.00) | +0.60 µs (0.40–0.90) | 0.50x | 0.20, 0.90 µs |"), table);
        // PostgreSQL's median below 0 (noise): no ratio
        assertTrue(table.contains("| primary-key lookup, simple |  |  |  | **+0.50 µs** (0.50–0.50) | -0.20 µs (-0.30–0.10)"
                + " | – | 0.50 µs |"), table);
        assertTrue(table.contains("| SELECT 1, simple |  |  |  |  |  |  |  |  |  |"), "not measured: " + table);
        assertTrue(table.contains("primary-key lookup, prepared: 29.0 µs (28.0–30.0) without hooks, control +0.00 µs "
                + "(-0.20–0.30)"), table);
        String targets = new Targets(ReportData.load(dir), tables).table();
        assertTrue(targets.contains("| stat_statements + auto_explain ≤ 0.5 µs per statement: primary-key lookup, prepared"
                + " | +0.30 µs (PostgreSQL 15: +0.60 µs) | met |"), targets);
    }

    /** The boot target is checked for the default JDK and for a JDK 25 with its AOT cache, each on its own row. */
    @Test
    void bootTargetHasARowForTheDefaultJdkAndOneForTheAotCache() throws Exception {
        String measure = Targets.AOT_BOOT_MEASURE;
        SeriesFile.write(dir.resolve("boot.json"), "t", List.of(), List.of(
                Series.of(Series.ELEPHAS, "boot to ready (existing data directory)", "ms", List.of(600.0, 620.0, 640.0))));
        SeriesFile.write(dir.resolve("boot-aot.json"), "t", List.of(), List.of(
                Series.of(Series.ELEPHAS, measure, "ms", List.of(600.0, 620.0, 640.0)),
                Series.of("Elephas on JDK 25 (CDS archive)", measure, "ms", List.of(520.0, 540.0)),
                Series.of("Elephas on JDK 25 (AOT cache)", measure, "ms", List.of(470.0, 480.0, 490.0))));
        ReportData data = ReportData.load(dir);
        String targets = new Targets(data, new MarkdownTables(data)).table();
        assertTrue(targets.contains("| boot to ready, samples preloaded, ≤ 500 ms (median): default JDK | 620 ms | **missed** |"),
                targets);
        assertTrue(targets.contains("| boot to ready, samples preloaded, ≤ 500 ms (median): Elephas on JDK 25 (AOT cache),"
                + " written by bin/elephas | 480 ms | met |"), targets);
    }

    @Test
    void jmhResultsArePairedWithTheSameMeasureOfAnotherSystem() throws Exception {
        Files.writeString(dir.resolve("jmh-workers.json"), JMH);
        Files.writeString(dir.resolve("pg-workers.json"), PG);
        ReportData data = ReportData.load(dir);

        Series started = data.find(Series.ELEPHAS, "register -> STARTED").orElseThrow();
        assertEquals(200, started.stats().n(), "histogram counts are observations");
        assertEquals(6.0, started.stats().median());
        assertEquals(80.0, data.find(Series.ELEPHAS, "1000 workers started, terminated, waited").orElseThrow()
                .stats().median());

        String table = new MarkdownTables(data).compare(List.of("pg-workers.json", "jmh-workers.json"), m -> true);
        assertTrue(table.contains("| register -> STARTED | 6.00 µs (5.00–6.00) | 7.00 µs | 160 µs (150–170) |  | **26.7x** |"),
                table);
        assertTrue(table.contains("**12.5x**"), "1000 / 80 ms: " + table);
    }

    @Test
    void differencesCarryTheirSignAndZeroHasNone() {
        assertEquals("+0.30 µs", Figures.signed(0.3, "us"));
        assertEquals("-0.05 µs", Figures.signed(-0.05, "us"));
        assertEquals("+0.00 µs", Figures.signed(-0.002, "us"), "no -0.00");
    }

    @Test
    void throughputRatiosFavourTheHigherValue() {
        Series elephas = Series.of(Series.ELEPHAS, "m", "tps", List.of(150.0));
        Series postgres = Series.of("PostgreSQL 15", "m", "tps", List.of(100.0));
        assertEquals(1.5, Figures.advantage(elephas, postgres), 1e-9);
        Series slower = Series.of(Series.ELEPHAS, "m", "ms", List.of(200.0));
        Series faster = Series.of("PostgreSQL 15", "m", "ms", List.of(100.0));
        assertEquals(0.5, Figures.advantage(slower, faster), 1e-9);
    }

    @Test
    void reportFillsEveryPlaceholderAndMarksMissingFiguresAndTargets() throws Exception {
        Files.writeString(dir.resolve("jmh-workers.json"), JMH);
        Files.writeString(dir.resolve("pg-workers.json"), PG);
        Files.writeString(dir.resolve("machine.properties"), "cpu=Test CPU\ncores=2\n");
        Path template = dir.resolve("template.md");
        Files.writeString(template, "{{generated}}\n{{machine}}\n{{targets}}\n{{plot}}\n"
                + "{{compare pg-workers.json,jmh-workers.json !~ 1000}}\n{{dispatch}}\n{{hookcost}}\n{{compare boot.json}}\n");
        Path out = dir.resolve("out.md");
        Path png = dir.resolve("out.png");
        PerformanceReport.main(new String[] {dir.toString(), template.toString(), out.toString(), png.toString()});

        String report = Files.readString(out);
        assertFalse(report.contains("{{"), report);
        assertTrue(report.contains("Test CPU, 2 CPUs"), report);
        assertTrue(report.contains("| 1000 dynamic workers started and stopped ≤ 50 ms (median) | 80.0 ms | **missed** |"),
                report);
        assertTrue(report.contains("| worker start: register → STARTED, p50 ≤ 20 µs | 6.00 µs | met |"), report);
        assertTrue(report.contains("_Not measured in this run (HookDispatchBenchmark"), report);
        assertTrue(report.contains("_Not measured in this run (boot.json"), report);
        assertFalse(report.contains("| 1000 workers started, terminated, waited |"), "filtered out: " + report);
        assertTrue(Files.size(png) > 1000, "a plot was drawn");
    }
}
