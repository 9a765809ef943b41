package org.elephas.guc;

import java.util.List;

import org.elephas.api.guc.GucUnit;

/**
 * PostgreSQL's unit conversion tables ({@code memory_unit_conversion_table} and
 * {@code time_unit_conversion_table} in guc.c): which suffixes a value may carry, how they convert
 * to a parameter's own unit, and the largest exact unit SHOW uses to print a value.
 */
final class Units {
    /** A suffix and its size in the family's smallest measure (bytes, or microseconds). */
    private record Suffix(String name, double size) {
    }

    // Ordered from the largest unit to the smallest, as guc.c's tables are: both parsing (round to
    // the next smaller unit) and printing (first unit that divides evenly) rely on that order.
    private static final List<Suffix> MEMORY = List.of(new Suffix("TB", 0x1p40), new Suffix("GB", 0x1p30),
            new Suffix("MB", 0x1p20), new Suffix("kB", 0x1p10), new Suffix("B", 1));
    private static final List<Suffix> TIME = List.of(new Suffix("d", 86_400_000_000d), new Suffix("h", 3_600_000_000d),
            new Suffix("min", 60_000_000d), new Suffix("s", 1_000_000d), new Suffix("ms", 1_000d),
            new Suffix("us", 1));
    /** guc.c's MAX_UNIT_LEN: a longer suffix can never match. */
    private static final int MAX_UNIT_LEN = 3;

    private Units() {
    }

    /** @return the size of the parameter's unit in bytes or microseconds */
    private static double baseSize(GucUnit unit) {
        return switch (unit) {
            case BYTE -> 1;
            case KB -> 0x1p10;
            case MB -> 0x1p20;
            case BLOCKS -> 8192;
            case MS -> 1_000;
            case S -> 1_000_000;
            case MIN -> 60_000_000;
            case NONE -> throw new IllegalArgumentException("unitless");
        };
    }

    private static List<Suffix> table(GucUnit unit) {
        return unit.isMemory() ? MEMORY : TIME;
    }

    /**
     * The table's multiplier for a suffix: a quotient of two exactly representable sizes, so it
     * is the same double as guc.c's literal (for example {@code 1.0 / 60000}).
     */
    private static double multiplier(Suffix suffix, GucUnit unit) {
        return suffix.size() / baseSize(unit);
    }

    /** @return the hint naming the valid suffixes for this unit */
    static String hint(GucUnit unit) {
        return unit.isMemory() ? GucErrors.MEMORY_UNITS_HINT : GucErrors.TIME_UNITS_HINT;
    }

    /**
     * {@code convert_to_base_unit}: apply a suffix (possibly followed by white space) to a value.
     *
     * @param value the number before the suffix
     * @param rest the text after the number and any white space, not empty
     * @param unit the parameter's unit, not NONE
     * @return the value in the parameter's unit, or NaN when the suffix is unknown
     */
    static double toBaseUnit(double value, String rest, GucUnit unit) {
        int len = 0;
        while (len < rest.length() && len < MAX_UNIT_LEN && !NumberScanner.isSpace(rest.charAt(len))) {
            len++;
        }
        String name = rest.substring(0, len);
        for (int i = len; i < rest.length(); i++) {
            if (!NumberScanner.isSpace(rest.charAt(i))) {
                return Double.NaN; // unit too long, or garbage after it
            }
        }
        List<Suffix> table = table(unit);
        for (int i = 0; i < table.size(); i++) {
            if (table.get(i).name().equals(name)) {
                double converted = value * multiplier(table.get(i), unit);
                // "30.1GB" is rounded to a whole number of the next smaller unit, as PG does.
                if (i + 1 < table.size()) {
                    double next = multiplier(table.get(i + 1), unit);
                    converted = Math.rint(converted / next) * next;
                }
                return converted;
            }
        }
        return Double.NaN;
    }

    /**
     * {@code convert_int_from_base_unit}: the largest unit that divides the value evenly.
     *
     * @param value a positive value in the parameter's unit
     * @param unit the parameter's unit, not NONE
     * @return for example {@code 10s} for 10000 ms
     */
    static String formatInt(long value, GucUnit unit) {
        for (Suffix s : table(unit)) {
            double m = multiplier(s, unit);
            if (m <= 1.0 || value % (long) m == 0) {
                return (long) Math.rint(value / m) + s.name();
            }
        }
        throw new AssertionError("the base unit always matches");
    }

    /**
     * {@code convert_real_from_base_unit}: the first unit giving a whole number, else the smallest.
     *
     * @param value a positive value in the parameter's unit
     * @param unit the parameter's unit, not NONE
     * @return for example {@code 1.5s} for 1500 ms
     */
    static String formatReal(double value, GucUnit unit) {
        double converted = value;
        String name = "";
        for (Suffix s : table(unit)) {
            converted = value / multiplier(s, unit);
            name = s.name();
            if (converted > 0 && Math.abs(Math.rint(converted) / converted - 1.0) <= 1e-8) {
                break;
            }
        }
        return NumberScanner.formatG(converted) + name;
    }
}
