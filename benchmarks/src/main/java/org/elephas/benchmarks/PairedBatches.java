package org.elephas.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.elephas.benchmarks.report.HookPairs;
import org.elephas.benchmarks.report.Series;
import org.elephas.benchmarks.report.Stats;

/**
 * The bookkeeping the two paired hook benchmarks share ({@link HookPairBenchmark} for Elephas,
 * {@link PgHookPairBenchmark} for PostgreSQL): one list of batch figures per statement and
 * configuration, and the series they become, where a pair is a configuration's batch minus the
 * first configuration's (no hooks) batch of the same round.
 */
final class PairedBatches {
    private PairedBatches() {
    }

    /**
     * The command line both take: numbers first, all optional, then the output path (else the
     * {@code RESULTS} environment variable).
     *
     * @param forks forks (or server starts)
     * @param warmup warm-up seconds per fork
     * @param measure seconds of rounds per fork
     * @param out where the results go, or null
     */
    record Arguments(int forks, int warmup, int measure, String out) {
        /**
         * @param args {@code [FORKS [WARMUP_S [MEASURE_S]]] [OUT.json]}
         * @param defaults forks, warm-up and measured seconds when not given
         * @return the arguments
         */
        static Arguments parse(String[] args, int... defaults) {
            List<Integer> numbers = new ArrayList<>();
            String out = System.getenv("RESULTS");
            for (String a : args) {
                if (a.matches("\\d+")) {
                    numbers.add(Integer.parseInt(a));
                } else {
                    out = a;
                }
            }
            int[] n = defaults.clone();
            for (int i = 0; i < Math.min(n.length, numbers.size()); i++) {
                n[i] = numbers.get(i);
            }
            return new Arguments(n[0], n[1], n[2], out);
        }
    }

    /**
     * @param statements how many statements
     * @param configurations how many configurations
     * @return an empty list of figures per statement and configuration
     */
    static List<List<List<Double>>> lists(int statements, int configurations) {
        List<List<List<Double>>> l = new ArrayList<>();
        for (int k = 0; k < statements; k++) {
            List<List<Double>> byConfiguration = new ArrayList<>();
            for (int c = 0; c < configurations; c++) {
                byConfiguration.add(new ArrayList<>());
            }
            l.add(byConfiguration);
        }
        return l;
    }

    /**
     * Per statement ({@link HookPairs#STATEMENTS}) and configuration: the CPU time per statement of
     * each batch and, for every configuration but the first, the pairs of CPU and of wall time.
     *
     * @param system whose figures
     * @param configurations the configurations, no hooks first
     * @param cpu CPU time per statement, per statement, configuration and round
     * @param wall wall time per statement, the same way
     * @param fork which fork or start (in the pairs' measure name)
     * @return the series
     */
    static List<Series> series(String system, List<String> configurations, List<List<List<Double>>> cpu,
            List<List<List<Double>>> wall, int fork) {
        List<Series> out = new ArrayList<>();
        for (int k = 0; k < cpu.size(); k++) {
            String statement = HookPairs.STATEMENTS.get(k);
            for (int c = 0; c < configurations.size(); c++) {
                String configuration = configurations.get(c);
                out.add(Series.of(system, HookPairs.cpu(statement, configuration), "us", cpu.get(k).get(c)));
                if (c > 0) {
                    out.add(Series.of(system, HookPairs.added(statement, configuration, fork), "us",
                            differences(cpu.get(k).get(c), cpu.get(k).get(0))));
                    out.add(Series.of(system, HookPairs.addedWall(statement, configuration), "us",
                            differences(wall.get(k).get(c), wall.get(k).get(0))));
                }
            }
        }
        return out;
    }

    /**
     * All forks' pairs of one statement and configuration, for the printed summary.
     *
     * @param stats the pooled pairs' statistics
     * @param perFork each fork's median, space-separated
     */
    record Pooled(Stats stats, String perFork) {
        /**
         * @return the pooled pairs, or null when there are none
         */
        static Pooled of(List<Series> all, String system, String statement, String configuration, int forks) {
            List<Double> pooled = new ArrayList<>();
            StringBuilder perFork = new StringBuilder();
            for (int f = 1; f <= forks; f++) {
                String m = HookPairs.added(statement, configuration, f);
                for (Series s : all) {
                    if (s.measure().equals(m)) {
                        Arrays.stream(s.values()).forEach(pooled::add);
                        perFork.append(String.format(Locale.ROOT, " %.3f", s.stats().median()));
                    }
                }
            }
            return pooled.isEmpty() ? null
                    : new Pooled(Series.of(system, configuration, "us", pooled).stats(), perFork.toString());
        }
    }

    private static List<Double> differences(List<Double> with, List<Double> none) {
        List<Double> d = new ArrayList<>(with.size());
        for (int r = 0; r < with.size(); r++) {
            d.add(with.get(r) - none.get(r));
        }
        return d;
    }
}
