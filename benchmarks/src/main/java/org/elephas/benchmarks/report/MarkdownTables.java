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

    /**
     * The sample hook extensions, from {@code HookPairBenchmark}: per statement, its CPU time
     * without hooks, and what each sample and both add, paired inside one JVM (median, p10–p90
     * of the pairs of all forks), the forks' medians of what both add, the same in wall time,
     * and what a statement allocates without and with both. When the run also measured
     * PostgreSQL 15 ({@code PgHookPairBenchmark}, {@value HookPairs#PG_FILE}): what
     * pg_stat_statements and auto_explain add there, paired the same way, beside both samples'
     * figure with the ratio, and a line with PostgreSQL's cost without hooks and its control.
     */
    String hookCost() {
        boolean postgres = HookPairs.STATEMENTS.stream()
                .anyMatch(st -> paired(HookPairs.POSTGRES, st, HookPairs.BOTH).isPresent());
        StringBuilder out = new StringBuilder();
        List<String> header = new ArrayList<>(List.of("statement (in-process session)", "no hooks: CPU time (p25–p75)"));
        for (String c : HookPairs.CONFIGURATIONS.subList(1, HookPairs.CONFIGURATIONS.size())) {
            header.add(c + " add: median (p10–p90)");
        }
        if (postgres) {
            header.addAll(List.of(HookPairs.POSTGRES + " pg_stat_statements + auto_explain add: median (p10–p90)",
                    "Elephas / PostgreSQL"));
        }
        header.addAll(List.of("both add: each fork", "both add, wall time", "allocated: none / both"));
        row(out, header);
        row(out, header.stream().map(h -> h.startsWith("statement") ? "---" : "---:").toList());
        boolean any = postgres;
        for (String statement : HookPairs.STATEMENTS) {
            List<String> cells = new ArrayList<>(List.of(statement));
            Optional<Series> none = data.find(Series.ELEPHAS, HookPairs.cpu(statement, HookPairs.NONE));
            any |= none.isPresent();
            cells.add(none.map(x -> Figures.medianAndSpread(x.stats(), x.unit())).orElse(""));
            for (String c : HookPairs.CONFIGURATIONS.subList(1, HookPairs.CONFIGURATIONS.size())) {
                String cell = paired(statement, c).map(MarkdownTables::added).orElse("");
                cells.add(c.equals(HookPairs.BOTH) && !cell.isEmpty() ? "**" + cell.replace(" (", "** (") : cell);
            }
            if (postgres) {
                Optional<Series> pg = paired(HookPairs.POSTGRES, statement, HookPairs.BOTH);
                cells.add(pg.map(MarkdownTables::added).orElse(""));
                cells.add(samplesCost(statement).flatMap(e -> pg.map(p -> elephasOverPostgres(e, p.stats().median())))
                        .orElse(""));
            }
            List<String> forks = new ArrayList<>();
            for (int f = 1; data.find(Series.ELEPHAS, HookPairs.added(statement, HookPairs.BOTH, f)).isPresent(); f++) {
                forks.add(Figures.number(data.find(Series.ELEPHAS, HookPairs.added(statement, HookPairs.BOTH, f))
                        .orElseThrow().stats().median()));
            }
            cells.add(forks.isEmpty() ? "" : String.join(", ", forks) + " µs");
            cells.add(data.find(Series.ELEPHAS, HookPairs.addedWall(statement, HookPairs.BOTH))
                    .map(x -> "+" + Figures.format(x.stats().median(), x.unit())).orElse(""));
            Optional<Series> noneBytes = data.find(Series.ELEPHAS, HookPairs.allocated(statement, HookPairs.NONE));
            Optional<Series> bothBytes = data.find(Series.ELEPHAS, HookPairs.allocated(statement, HookPairs.BOTH));
            cells.add(noneBytes.isPresent() && bothBytes.isPresent()
                    ? Figures.number(noneBytes.get().stats().median()) + " / " + Figures.number(bothBytes.get().stats().median())
                            + " B"
                    : "");
            row(out, cells);
        }
        if (postgres) {
            out.append('\n').append(postgresLine());
        }
        return any ? out.toString() : missing("HookPairBenchmark");
    }

    /** Elephas's cost over PostgreSQL's, e.g. "0.85x"; none when PostgreSQL's median is not above 0 (noise). */
    private static String elephasOverPostgres(double elephas, double postgres) {
        return postgres > 0 ? Figures.ratio(elephas / postgres) : "–";
    }

    /**
     * PostgreSQL's backend CPU time per statement without hooks, and its control: a second
     * server without hooks paired with the first the same way, whose pairs show the pairing's
     * bias.
     */
    private String postgresLine() {
        List<String> parts = new ArrayList<>();
        for (String statement : HookPairs.STATEMENTS) {
            Optional<Series> none = data.find(HookPairs.POSTGRES, HookPairs.cpu(statement, HookPairs.NONE));
            Optional<Series> control = paired(HookPairs.POSTGRES, statement, HookPairs.CONTROL);
            if (none.isPresent() || control.isPresent()) {
                parts.add(statement + ": " + none.map(x -> Figures.medianAndSpread(x.stats(), x.unit()) + " without hooks")
                        .orElse("") + (none.isPresent() && control.isPresent() ? ", " : "")
                        + control.map(x -> "control " + added(x)).orElse(""));
            }
        }
        return "PostgreSQL 15 (`PgHookPairBenchmark`, the backend's CPU time per statement; the control is a second "
                + "server without hooks, paired with the first as the hooked one is, so its pairs show the pairing's "
                + "bias, about 0 expected): " + String.join("; ", parts) + ".\n";
    }

    private static String added(Series pairs) {
        Stats stats = pairs.stats();
        return Figures.signed(stats.median(), pairs.unit()) + " (" + Figures.number(Stats.percentile(pairs.values(), 10))
                + "–" + Figures.number(Stats.percentile(pairs.values(), 90)) + ")";
    }

    /**
     * What preloading both samples adds to one statement, in µs: the median of the paired
     * differences of all forks ({@code HookPairBenchmark}), in the benchmark thread's CPU time.
     */
    Optional<Double> samplesCost(String statement) {
        return paired(statement, HookPairs.BOTH).map(s -> s.stats().median());
    }

    /**
     * What preloading pg_stat_statements and auto_explain adds to one statement in PostgreSQL
     * 15, in µs: the median of the paired differences of all starts ({@code PgHookPairBenchmark}),
     * in the backend's CPU time.
     */
    Optional<Double> postgresSamplesCost(String statement) {
        return paired(HookPairs.POSTGRES, statement, HookPairs.BOTH).map(s -> s.stats().median());
    }

    /** Elephas's paired differences of every fork, as one series (in fork order). */
    Optional<Series> paired(String statement, String configuration) {
        return paired(Series.ELEPHAS, statement, configuration);
    }

    /** One system's paired differences of every fork, as one series (in fork order). */
    Optional<Series> paired(String system, String statement, String configuration) {
        List<Double> all = new ArrayList<>();
        String unit = null;
        for (int f = 1; ; f++) {
            Optional<Series> fork = data.find(system, HookPairs.added(statement, configuration, f));
            if (fork.isEmpty()) {
                break;
            }
            unit = fork.get().unit();
            for (double v : fork.get().values()) {
                all.add(v);
            }
        }
        return all.isEmpty() ? Optional.empty()
                : Optional.of(Series.of(system, statement + ", " + configuration + " add, paired", unit, all));
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
