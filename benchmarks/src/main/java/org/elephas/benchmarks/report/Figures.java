package org.elephas.benchmarks.report;

import java.util.Locale;

/** How the report writes numbers: three significant digits, units as people write them. */
final class Figures {

    private Figures() {
    }

    /** A value with its unit, e.g. "6.52 µs", "112 ms", "14,210 tps". */
    static String format(double value, String unit) {
        return number(value) + " " + display(unit);
    }

    /** A difference with its sign, e.g. "+0.30 µs", "-0.05 µs"; "+0.00 µs" for what rounds to 0. */
    static String signed(double value, String unit) {
        String n = number(value);
        if (n.matches("-0(\\.0+)?")) {
            n = n.substring(1);
        }
        return (n.startsWith("-") ? "" : "+") + n + " " + display(unit);
    }

    /** A bare number with about three significant digits. */
    static String number(double value) {
        double abs = Math.abs(value);
        if (abs >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", value);
        } else if (abs >= 100) {
            return String.format(Locale.ROOT, "%.0f", value);
        } else if (abs >= 10) {
            return String.format(Locale.ROOT, "%.1f", value);
        } else {
            return String.format(Locale.ROOT, "%.2f", value);
        }
    }

    /** A ratio, e.g. "22.4x". */
    static String ratio(double ratio) {
        return number(ratio) + "x";
    }

    /** The unit as written in prose: µs rather than us. */
    static String display(String unit) {
        return "us".equals(unit) ? "µs" : unit;
    }

    /** Median and interquartile range, e.g. "6.52 µs (5.90-7.31)". */
    static String medianAndSpread(Stats stats, String unit) {
        return format(stats.median(), unit) + " (" + number(stats.p25()) + "–" + number(stats.p75()) + ")";
    }

    /**
     * How many times better Elephas is than a baseline: the baseline's median cost over
     * Elephas's, or Elephas's throughput over the baseline's. Above 1, Elephas is better.
     */
    static double advantage(Series elephas, Series baseline) {
        double e = elephas.stats().median();
        double b = baseline.stats().median();
        return elephas.higherIsBetter() ? e / b : b / e;
    }
}
