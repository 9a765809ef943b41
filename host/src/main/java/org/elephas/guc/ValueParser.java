package org.elephas.guc;

import java.util.Locale;

import org.elephas.api.PgException;
import org.elephas.api.guc.GucCheckHook;
import org.elephas.api.guc.GucDefinition;
import org.elephas.api.guc.GucSource;
import org.elephas.api.guc.GucUnit;

/**
 * PostgreSQL's {@code parse_and_validate_value}: turns the text of a setting into the typed value
 * of a parameter (Boolean, Integer, Double or String), applying units, the range and the check
 * hook, with guc.c's messages (SQLSTATE 22023).
 */
final class ValueParser {

    private ValueParser() {
    }

    /**
     * @param def the parameter
     * @param text the setting's text
     * @param source where it comes from (passed to the check hook)
     * @return the typed value
     * @throws PgException (ERROR, 22023) when the text is not acceptable
     */
    static Object parse(GucDefinition<?> def, String text, GucSource source) {
        Object value = switch (def.type()) {
            case BOOL -> parseBoolOrFail(def.name(), text);
            case INT -> parseIntInRange(def, text);
            case REAL -> parseRealInRange(def, text);
            case ENUM -> parseEnum(def, text);
            case STRING -> text;
        };
        check(def, value, text, source);
        return value;
    }

    /**
     * Validate a value that did not come from text (a boot value); runs the check hook only.
     */
    static void check(GucDefinition<?> def, Object value, String text, GucSource source) {
        @SuppressWarnings("unchecked")
        GucCheckHook<Object> hook = (GucCheckHook<Object>) def.checkHook();
        if (hook != null && !hook.check(value, source)) {
            throw GucErrors.invalidValue(def.name(), text, null);
        }
    }

    /**
     * {@code parse_bool}: on/off, true/false, yes/no, 1/0 and unique prefixes, case-insensitively.
     *
     * @param text the text
     * @return the value, or null when it is not a Boolean
     */
    static Boolean parseBool(String text) {
        String v = text.toLowerCase(Locale.ROOT);
        int len = v.length();
        if (len == 0) {
            return null;
        }
        switch (v.charAt(0)) {
            case 't':
                return "true".startsWith(v) ? Boolean.TRUE : null;
            case 'f':
                return "false".startsWith(v) ? Boolean.FALSE : null;
            case 'y':
                return "yes".startsWith(v) ? Boolean.TRUE : null;
            case 'n':
                return "no".startsWith(v) ? Boolean.FALSE : null;
            case 'o':
                // "o" alone is ambiguous between on and off: at least two letters are needed.
                if (len >= 2 && "on".startsWith(v)) {
                    return Boolean.TRUE;
                }
                return len >= 2 && "off".startsWith(v) ? Boolean.FALSE : null;
            case '1':
                return len == 1 ? Boolean.TRUE : null;
            case '0':
                return len == 1 ? Boolean.FALSE : null;
            default:
                return null;
        }
    }

    private static Boolean parseBoolOrFail(String name, String text) {
        Boolean b = parseBool(text);
        if (b == null) {
            throw GucErrors.requiresBoolean(name);
        }
        return b;
    }

    /**
     * {@code parse_int}: an integer (decimal, hex, octal, or a decimal fraction), an optional
     * unit, rounded to an int.
     *
     * @param name the parameter's name, for messages
     * @param text the text
     * @param unit the parameter's unit
     * @return the value
     * @throws PgException when it is not an acceptable integer
     */
    static int parseInt(String name, String text, GucUnit unit) {
        NumberScanner.Scan scan = NumberScanner.strtol(text);
        char next = scan.end() < text.length() ? text.charAt(scan.end()) : 0;
        if (next == '.' || next == 'e' || next == 'E' || scan.overflow()) {
            scan = NumberScanner.strtod(text);
        }
        if (scan.end() == 0 || scan.overflow() || Double.isNaN(scan.value())) {
            throw GucErrors.invalidValue(name, text, null); // no hint for these, as in PG
        }
        double value = applyUnit(name, text, scan, unit);
        value = Math.rint(value);
        if (value > Integer.MAX_VALUE || value < Integer.MIN_VALUE) {
            throw GucErrors.invalidValue(name, text, GucErrors.INT_RANGE_HINT);
        }
        return (int) value;
    }

    /**
     * {@code parse_real}: a double with an optional unit.
     *
     * @param name the parameter's name, for messages
     * @param text the text
     * @param unit the parameter's unit
     * @return the value
     * @throws PgException when it is not an acceptable number
     */
    static double parseReal(String name, String text, GucUnit unit) {
        NumberScanner.Scan scan = NumberScanner.strtod(text);
        if (scan.end() == 0 || scan.overflow() || Double.isNaN(scan.value())) {
            throw GucErrors.invalidValue(name, text, null);
        }
        return applyUnit(name, text, scan, unit);
    }

    private static double applyUnit(String name, String text, NumberScanner.Scan scan, GucUnit unit) {
        int i = scan.end();
        while (i < text.length() && NumberScanner.isSpace(text.charAt(i))) {
            i++;
        }
        if (i == text.length()) {
            return scan.value();
        }
        if (unit == GucUnit.NONE) {
            throw GucErrors.invalidValue(name, text, null); // this setting does not accept a unit
        }
        double converted = Units.toBaseUnit(scan.value(), text.substring(i), unit);
        if (Double.isNaN(converted)) {
            throw GucErrors.invalidValue(name, text, Units.hint(unit));
        }
        return converted;
    }

    private static Integer parseIntInRange(GucDefinition<?> def, String text) {
        int v = parseInt(def.name(), text, def.unit());
        int min = (Integer) def.min();
        int max = (Integer) def.max();
        if (v < min || v > max) {
            String u = unitSuffix(def.unit());
            throw GucErrors.outOfRange(def.name(), v + u, min + u, max + u);
        }
        return v;
    }

    private static Double parseRealInRange(GucDefinition<?> def, String text) {
        double v = parseReal(def.name(), text, def.unit());
        double min = (Double) def.min();
        double max = (Double) def.max();
        if (v < min || v > max) {
            String u = unitSuffix(def.unit());
            throw GucErrors.outOfRange(def.name(), NumberScanner.formatG(v) + u, NumberScanner.formatG(min) + u,
                    NumberScanner.formatG(max) + u);
        }
        return v;
    }

    /** The {@code "%s%s"} part of guc.c's range message: a space and the unit, or nothing. */
    private static String unitSuffix(GucUnit unit) {
        return unit == GucUnit.NONE ? "" : " " + unit.displayName();
    }

    private static String parseEnum(GucDefinition<?> def, String text) {
        for (String option : def.enumValues()) {
            if (option.equalsIgnoreCase(text)) {
                return option;
            }
        }
        throw GucErrors.invalidValue(def.name(), text,
                "Available values: " + String.join(", ", def.enumValues()) + ".");
    }
}
