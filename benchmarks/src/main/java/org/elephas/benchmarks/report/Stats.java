package org.elephas.benchmarks.report;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Median, spread and tail of a weighted sample. The spread is the interquartile range
 * (p25 to p75): unlike a mean with an error bar it is not moved by the rare multi-millisecond
 * stalls of a shared two-core VM, and unlike min-max it does not grow with the sample size.
 *
 * @param n      the number of observations
 * @param min    the smallest
 * @param p25    the first quartile
 * @param median the median
 * @param p75    the third quartile
 * @param p99    the 99th percentile (meaningful from about 100 observations)
 * @param max    the largest
 */
public record Stats(long n, double min, double p25, double median, double p75, double p99, double max) {

    /** The statistics of {@code values}, each seen {@code counts[i]} times (nearest rank). */
    public static Stats of(double[] values, long[] counts) {
        Integer[] order = IntStream.range(0, values.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> values[i]));
        long n = Arrays.stream(counts).sum();
        if (n == 0) {
            throw new IllegalArgumentException("no samples");
        }
        double[] sorted = new double[order.length];
        long[] cumulative = new long[order.length];
        long running = 0;
        for (int k = 0; k < order.length; k++) {
            sorted[k] = values[order[k]];
            running += counts[order[k]];
            cumulative[k] = running;
        }
        return new Stats(n, sorted[0], rank(sorted, cumulative, n, 25), rank(sorted, cumulative, n, 50),
                rank(sorted, cumulative, n, 75), rank(sorted, cumulative, n, 99), sorted[sorted.length - 1]);
    }

    /**
     * @param values the observed values, each seen once
     * @param percent 0 to 100
     * @return the nearest-rank percentile
     */
    public static double percentile(double[] values, double percent) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no samples");
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        long[] cumulative = new long[sorted.length];
        for (int k = 0; k < sorted.length; k++) {
            cumulative[k] = k + 1;
        }
        return rank(sorted, cumulative, sorted.length, percent);
    }

    private static double rank(double[] sorted, long[] cumulative, long n, double percent) {
        long rank = Math.max(1, (long) Math.ceil(percent / 100 * n));
        int k = Arrays.binarySearch(cumulative, rank);
        return sorted[k >= 0 ? k : -k - 1];
    }

    /** True when the sample is large enough for its 99th percentile to mean something. */
    public boolean hasTail() {
        return n >= 100;
    }
}
