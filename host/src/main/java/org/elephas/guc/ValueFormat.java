package org.elephas.guc;

import org.elephas.api.guc.GucDefinition;
import org.elephas.api.guc.GucUnit;

/**
 * Prints values as PostgreSQL does: {@link #show} as SHOW and {@code current_setting} do (ints and
 * reals in the largest exact unit, {@code 10s}, {@code 64MB}), {@link #raw} as
 * {@code pg_settings.setting} does (in the parameter's own unit, without a suffix).
 */
final class ValueFormat {

    private ValueFormat() {
    }

    /**
     * @param def the parameter
     * @param value its typed value (may be null for a string)
     * @return the text SHOW prints
     */
    static String show(GucDefinition<?> def, Object value) {
        return format(def, value, true);
    }

    /**
     * @param def the parameter
     * @param value its typed value (may be null for a string)
     * @return the text {@code pg_settings.setting} shows
     */
    static String raw(GucDefinition<?> def, Object value) {
        return format(def, value, false);
    }

    private static String format(GucDefinition<?> def, Object value, boolean useUnits) {
        if (value == null) {
            return "";
        }
        GucUnit unit = def.unit();
        return switch (def.type()) {
            case BOOL -> ((Boolean) value) ? "on" : "off";
            case INT -> {
                int v = (Integer) value;
                yield useUnits && v > 0 && unit != GucUnit.NONE ? Units.formatInt(v, unit) : Integer.toString(v);
            }
            case REAL -> {
                double v = (Double) value;
                yield useUnits && v > 0 && unit != GucUnit.NONE ? Units.formatReal(v, unit) : NumberScanner.formatG(v);
            }
            case ENUM, STRING -> value.toString();
        };
    }
}
