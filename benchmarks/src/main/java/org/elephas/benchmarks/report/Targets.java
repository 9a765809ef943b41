package org.elephas.benchmarks.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/** Issue 7's targets, each checked against this run's figures. */
final class Targets {

    /** One target's outcome: the figure measured, and whether it meets the target. */
    record Outcome(String target, String figure, boolean met) {
    }

    /** How boot.sh names the JDK 25 boots with the AOT cache, and their measure. */
    static final String AOT_CACHE_SYSTEM = " (AOT cache)";
    static final String AOT_BOOT_MEASURE = "boot to ready, default JDK or JDK 25 (existing data directory)";

    private final ReportData data;
    private final MarkdownTables tables;
    private final List<Outcome> outcomes = new ArrayList<>();

    Targets(ReportData data, MarkdownTables tables) {
        this.data = data;
        this.tables = tables;
    }

    /** Evaluate every target that this run has figures for. */
    List<Outcome> evaluate() {
        outcomes.clear();
        atMost("worker start: register → entry point running, p50 ≤ 20 µs", "register -> entry point running",
                Stats::median, 20);
        atMost("worker start: register → STARTED, p50 ≤ 20 µs", "register -> STARTED", Stats::median, 20);
        atMost("round trip: start + terminate + wait, p50 ≤ 100 µs", "start + terminate + wait", Stats::median, 100);
        atMost("round trip with a running worker, p50 ≤ 100 µs", "start, running, terminate + wait", Stats::median, 100);
        atMost("1000 dynamic workers started and stopped ≤ 50 ms (median)", "1000 workers started, terminated, waited",
                Stats::median, 50);
        for (String measure : data.measuresOf(List.of("pgbench.json"))) {
            if (measure.startsWith("SELECT 1") && measure.contains("latency")) {
                notAbovePostgres("SELECT 1 per statement ≤ PostgreSQL's: " + measure, measure);
            }
        }
        for (String statement : HookPairs.STATEMENTS) {
            // PostgreSQL's own pair, measured in the same run, beside the figure: the yardstick.
            String postgres = tables.postgresSamplesCost(statement)
                    .map(pg -> " (" + HookPairs.POSTGRES + ": " + Figures.signed(pg, "us") + ")").orElse("");
            tables.samplesCost(statement).ifPresent(cost -> outcomes.add(new Outcome(
                    "stat_statements + auto_explain ≤ 0.5 µs per statement: " + statement,
                    "+" + Figures.format(cost, "us") + postgres, cost <= 0.5)));
        }
        atMost("hot deploy: drop → active, p99 ≤ 200 ms", "drop -> active", Stats::p99, 200);
        atMost("boot to ready, samples preloaded, ≤ 500 ms (median): default JDK", "boot to ready (existing data directory)",
                Stats::median, 500);
        // The suggestion: a JDK 25 with an AOT cache, as bin/elephas writes and uses it.
        data.findBySystemSuffix(AOT_CACHE_SYSTEM, AOT_BOOT_MEASURE).ifPresent(s -> {
            double value = s.stats().median();
            outcomes.add(new Outcome("boot to ready, samples preloaded, ≤ 500 ms (median): " + s.system()
                    + ", written by bin/elephas", Figures.format(value, s.unit()), value <= 500));
        });
        atMost("first boot to ready (new data directory) ≤ 500 ms (median): default JDK", "boot to ready (new data directory)",
                Stats::median, 500);
        return List.copyOf(outcomes);
    }

    private void atMost(String target, String measure, ToDoubleFunction<Stats> statistic, double limit) {
        Optional<Series> series = data.find(Series.ELEPHAS, measure);
        series.ifPresent(s -> {
            double value = statistic.applyAsDouble(s.stats());
            outcomes.add(new Outcome(target, Figures.format(value, s.unit()), value <= limit));
        });
    }

    private void notAbovePostgres(String target, String measure) {
        Optional<Series> elephas = data.find(Series.ELEPHAS, measure);
        Optional<Series> postgres = data.find("PostgreSQL 15", measure);
        if (elephas.isPresent() && postgres.isPresent()) {
            double e = elephas.get().stats().median();
            double p = postgres.get().stats().median();
            outcomes.add(new Outcome(target, Figures.format(e, elephas.get().unit()) + " vs "
                    + Figures.format(p, postgres.get().unit()), e <= p));
        }
    }

    /** The outcomes as a Markdown table. */
    String table() {
        List<Outcome> all = evaluate();
        if (all.isEmpty()) {
            return MarkdownTables.missing("every benchmark");
        }
        StringBuilder out = new StringBuilder();
        MarkdownTables.row(out, List.of("target", "this run", ""));
        MarkdownTables.row(out, List.of("---", "---:", "---"));
        for (Outcome o : all) {
            MarkdownTables.row(out, List.of(o.target(), o.figure(), o.met() ? "met" : "**missed**"));
        }
        return out.toString();
    }
}
