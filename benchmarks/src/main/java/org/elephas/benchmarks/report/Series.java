package org.elephas.benchmarks.report;

import java.util.Arrays;
import java.util.List;

/**
 * Every observation of one measure on one system, as a weighted sample: {@code values[i]} was
 * seen {@code counts[i]} times. JMH's sample-time histograms arrive weighted; every other
 * source has counts of one.
 *
 * @param system   who was measured: "Elephas", "PostgreSQL 15", "FileInstall 3.7.4 (poll 200 ms)"
 * @param measure  a short label, shared by the series that are compared with each other
 * @param unit     "us", "ms", "s", "ns", "MB" or "tps"
 * @param values   the observed values
 * @param counts   how often each value was observed
 */
public record Series(String system, String measure, String unit, double[] values, long[] counts) {

    /** The system under test; every other system is a baseline it is compared with. */
    public static final String ELEPHAS = "Elephas";

    /** A series whose samples were each seen once. */
    public static Series of(String system, String measure, String unit, List<Double> samples) {
        double[] values = samples.stream().mapToDouble(Double::doubleValue).toArray();
        long[] counts = new long[values.length];
        Arrays.fill(counts, 1);
        return new Series(system, measure, unit, values, counts);
    }

    /** True for throughput, where a larger value is better; every other unit is a cost. */
    public boolean higherIsBetter() {
        return "tps".equals(unit);
    }

    /** The statistics of the samples. */
    public Stats stats() {
        return Stats.of(values, counts);
    }
}
