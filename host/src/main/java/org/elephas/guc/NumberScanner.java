package org.elephas.guc;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * The C library number routines PostgreSQL's parsers rely on, reproduced for Java: {@code strtol}
 * with base 0 (decimal, {@code 0x} hex, leading-zero octal), {@code strtod}, {@code isspace} and
 * {@code printf("%g")}. guc.c's accepted inputs and printed outputs follow from their exact rules.
 */
final class NumberScanner {

    /** The result of a scan: the number and where the scan stopped; {@code end == start} means none. */
    record Scan(double value, int end, boolean overflow) {
    }

    private NumberScanner() {
    }

    /** @return C's {@code isspace} in the C locale */
    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
    }

    private static int skipSpace(String s, int i) {
        while (i < s.length() && isSpace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isDigit(char c, int radix) {
        return Character.digit(c, radix) >= 0 && c < 0x80;
    }

    /**
     * {@code strtol(s, &end, 0)}.
     *
     * @param s the text
     * @return the value and end; end 0 when there is no number
     */
    static Scan strtol(String s) {
        int i = skipSpace(s, 0);
        boolean negative = false;
        if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            negative = s.charAt(i) == '-';
            i++;
        }
        int radix = 10;
        if (i + 2 < s.length() && s.charAt(i) == '0' && (s.charAt(i + 1) == 'x' || s.charAt(i + 1) == 'X')
                && isDigit(s.charAt(i + 2), 16)) {
            radix = 16;
            i += 2;
        } else if (i < s.length() && s.charAt(i) == '0') {
            radix = 8;
        }
        int digitsStart = i;
        while (i < s.length() && isDigit(s.charAt(i), radix)) {
            i++;
        }
        if (i == digitsStart) {
            return new Scan(0, 0, false);
        }
        try {
            long v = Long.parseLong(s.substring(digitsStart, i), radix);
            return new Scan(negative ? -v : v, i, false);
        } catch (NumberFormatException overflow) {
            return new Scan(negative ? Long.MIN_VALUE : Long.MAX_VALUE, i, true);
        }
    }

    /**
     * {@code strtod(s, &end)} for decimal input, {@code inf}, {@code infinity} and {@code nan}.
     *
     * @param s the text
     * @return the value and end; end 0 when there is no number; overflow when out of double range
     */
    static Scan strtod(String s) {
        int start = skipSpace(s, 0);
        int i = start;
        if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        boolean negative = i > start && s.charAt(start) == '-';
        for (String word : new String[] {"infinity", "inf", "nan"}) {
            if (s.regionMatches(true, i, word, 0, word.length())) {
                double v = word.equals("nan") ? Double.NaN : Double.POSITIVE_INFINITY;
                return new Scan(negative ? -v : v, i + word.length(), false);
            }
        }
        int mantissaStart = i;
        int digits = 0;
        while (i < s.length() && isDigit(s.charAt(i), 10)) {
            i++;
            digits++;
        }
        if (i < s.length() && s.charAt(i) == '.') {
            i++;
            while (i < s.length() && isDigit(s.charAt(i), 10)) {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return new Scan(0, 0, false);
        }
        // An exponent counts only when digits follow it.
        if (i < s.length() && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            int j = i + 1;
            if (j < s.length() && (s.charAt(j) == '+' || s.charAt(j) == '-')) {
                j++;
            }
            int expDigits = j;
            while (j < s.length() && isDigit(s.charAt(j), 10)) {
                j++;
            }
            if (j > expDigits) {
                i = j;
            }
        }
        double v = Double.parseDouble(s.substring(mantissaStart, i));
        boolean overflow = Double.isInfinite(v);
        return new Scan(negative ? -v : v, i, overflow);
    }

    /**
     * C's {@code printf("%g", v)}: six significant digits, trailing zeros removed, exponent form
     * below 1e-4 and from 1e6.
     *
     * @param v a double
     * @return its {@code %g} text
     */
    static String formatG(double v) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        if (v == 0) {
            return (1 / v < 0) ? "-0" : "0";
        }
        BigDecimal rounded = new BigDecimal(v).round(new MathContext(6, RoundingMode.HALF_EVEN));
        int exponent = rounded.precision() - rounded.scale() - 1;
        if (exponent < -4 || exponent >= 6) {
            String digits = rounded.unscaledValue().abs().toString();
            String mantissa = stripZeros(digits.charAt(0) + (digits.length() > 1 ? "." + digits.substring(1) : ""));
            String exp = String.valueOf(Math.abs(exponent));
            return (v < 0 ? "-" : "") + mantissa + "e" + (exponent < 0 ? "-" : "+") + (exp.length() < 2 ? "0" : "")
                    + exp;
        }
        String fixed = rounded.setScale(Math.max(0, 5 - exponent), RoundingMode.HALF_EVEN).toPlainString();
        return stripZeros(fixed);
    }

    private static String stripZeros(String s) {
        if (s.indexOf('.') < 0) {
            return s;
        }
        int end = s.length();
        while (s.charAt(end - 1) == '0') {
            end--;
        }
        if (s.charAt(end - 1) == '.') {
            end--;
        }
        return s.substring(0, end);
    }
}
