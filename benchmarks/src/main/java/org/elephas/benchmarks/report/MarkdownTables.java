package org.elephas.benchmarks.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/** The report's tables, rendered as Markdown from one run's {@link ReportData}. */
final class MarkdownTables {

    private final ReportData data;

    MarkdownTables(ReportData data) {
        this.data = data;
    }

    /**
     * Every measure of the named result files, one row each: Elephas's median, spread and p99,
     * then each baseline system's, and how many times better Elephas is.
     */
    String compare(List<String> files, Predicate<String> measureFilter) {
        List<String> measures = data.measuresOf(files).stream().filter(measureFilter).toList();
        if (measures.isEmpty()) {
            return missing(String.join(", ", files));
        }
        List<String> baselines = data.baselinesOf(measures);
        StringBuilder out = new StringBuilder();
        List<String> header = new ArrayList<>(List.of("measure", "Elephas median (p25–p75)", "p99"));
        for (String b : baselines) {
            header.addAll(List.of(b + " median (p25–p75)", "p99", "Elephas better by"));
        }
        row(out, header);
        row(out, header.stream().map(h -> h.equals("measure") ? "---" : "---:").toList());
        for (String measure : measures) {
            Optional<Series> elephas = data.find(Series.ELEPHAS, measure);
            List<String> cells = new ArrayList<>();
            cells.add(measure);
            cells.addAll(figures(elephas));
            for (String b : baselines) {
                Optional<Series> baseline = data.find(b, measure);
                cells.addAll(figures(baseline));
                cells.add(elephas.isPresent() && baseline.isPresent()
                        ? "**" + Figures.ratio(Figures.advantage(elephas.get(), baseline.get())) + "**" : "");
            }
            row(out, cells);
        }
        return out.toString();
    }

    private static List<String> figures(Optional<Series> series) {
        if (series.isEmpty()) {
            return List.of("", "");
        }
        Stats stats = series.get().stats();
        // A p99 of a handful of rounds would only be their maximum.
        return List.of(Figures.medianAndSpread(stats, series.get().unit()),
                stats.hasTail() ? Figures.format(stats.p99(), series.get().unit()) : "");
    }

    /** Hook dispatch: one call through 0, 1, 5 and 10 pass-through links, and the cost per link. */
    String dispatch() {
        List<String> classes = List.of("same", "distinct");
        StringBuilder out = new StringBuilder();
        row(out, List.of("hooks in the chain", "same class: median (p25–p75)", "distinct classes: median (p25–p75)"));
        row(out, List.of("---:", "---:", "---:"));
        boolean any = false;
        for (String hooks : List.of("0", "1", "5", "10")) {
            List<String> cells = new ArrayList<>(List.of(hooks));
            for (String c : classes) {
                Optional<Series> s = data.find(Series.ELEPHAS, "dispatch, " + hooks + " hooks, " + c + " classes");
                any |= s.isPresent();
                cells.add(s.map(x -> Figures.medianAndSpread(x.stats(), x.unit())).orElse(""));
            }
            row(out, cells);
        }
        List<String> slope = new ArrayList<>(List.of("**per link** ((10 − 0) / 10)"));
        for (String c : classes) {
            slope.add(perLink(c).map(v -> "**" + Figures.format(v, "ns") + "**").orElse(""));
        }
        row(out, slope);
        return any ? out.toString() : missing("HookDispatchBenchmark");
    }

    /** The cost of one pass-through link: the slope between 0 and 10 hooks, in ns. */
    Optional<Double> perLink(String classes) {
        Optional<Series> zero = data.find(Series.ELEPHAS, "dispatch, 0 hooks, " + classes + " classes");
        Optional<Series> ten = data.find(Series.ELEPHAS, "dispatch, 10 hooks, " + classes + " classes");
        if (zero.isEmpty() || ten.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of((ten.get().stats().median() - zero.get().stats().median()) / 10);
    }

    /** The statements of HookBundlesBenchmark. */
    static final List<String> STATEMENTS = List.of("SELECT 1, simple", "primary-key lookup, simple",
            "primary-key lookup, prepared");

    /** The preload settings of HookBundlesBenchmark, the last one being both samples. */
    static final List<String> PRELOADS = List.of("none", "stat_statements", "auto_explain",
            "stat_statements+auto_explain");

    /** The sample hook extensions: time per statement with each preload, and what both add. */
    String hookCost() {
        StringBuilder out = new StringBuilder();
        List<String> header = new ArrayList<>(List.of("statement (in-process session)"));
        PRELOADS.forEach(p -> header.add("preload " + p.replace("+", " + ")));
        header.add("both add, CPU time");
        header.add("both add, wall time");
        row(out, header);
        row(out, header.stream().map(h -> h.startsWith("statement") ? "---" : "---:").toList());
        boolean any = false;
        for (String statement : STATEMENTS) {
            List<String> cells = new ArrayList<>(List.of(statement));
            for (String preload : PRELOADS) {
                Optional<Series> s = data.find(Series.ELEPHAS, statement + ", preload " + preload);
                any |= s.isPresent();
                cells.add(s.map(x -> Figures.medianAndSpread(x.stats(), x.unit())).orElse(""));
            }
            cells.add(cpuCost(statement).map(v -> "**" + Figures.format(v, "us") + "**").orElse(""));
            cells.add(wallCost(statement).map(v -> Figures.format(v, "us")).orElse(""));
            row(out, cells);
        }
        return any ? out.toString() : missing("HookBundlesBenchmark");
    }

    /**
     * What preloading both samples adds to one statement, in µs (medians, same run): of the
     * benchmark thread's CPU time per statement where it was measured ({@code CpuTimeProfiler},
     * which waiting for a core does not inflate), else of the wall time.
     */
    Optional<Double> samplesCost(String statement) {
        Optional<Double> cpu = cpuCost(statement);
        return cpu.isPresent() ? cpu : wallCost(statement);
    }

    private Optional<Double> wallCost(String statement) {
        return difference(statement, "");
    }

    private Optional<Double> cpuCost(String statement) {
        return difference(statement, JmhResults.CPU);
    }

    /** Median with both samples minus median with none, in µs. */
    private Optional<Double> difference(String statement, String suffix) {
        Optional<Series> none = data.find(Series.ELEPHAS, statement + ", preload none" + suffix);
        Optional<Series> both = data.find(Series.ELEPHAS,
                statement + ", preload " + PRELOADS.get(PRELOADS.size() - 1) + suffix);
        if (none.isEmpty() || both.isEmpty()) {
            return Optional.empty();
        }
        double scale = none.get().unit().equals("ns") ? 1e-3 : 1; // CPU time comes in ns, wall time in us
        return Optional.of((both.get().stats().median() - none.get().stats().median()) * scale);
    }

    /** The notes of a result file as a bullet list. */
    String notes(String file) {
        List<String> notes = data.notesOf(file);
        if (notes.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        notes.forEach(n -> out.append("- ").append(n).append('\n'));
        return out.toString();
    }

    static String missing(String what) {
        return "_Not measured in this run (" + what + " produced no results; see the run's log)._\n";
    }

    static void row(StringBuilder out, List<String> cells) {
        out.append("| ").append(String.join(" | ", cells)).append(" |\n");
    }
}
