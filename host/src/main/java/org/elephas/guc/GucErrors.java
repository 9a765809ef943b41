package org.elephas.guc;

import org.elephas.api.LogLevel;
import org.elephas.api.PgException;
import org.elephas.api.SqlState;

/**
 * PostgreSQL's error reports of the GUC machinery ({@code guc.c}), word for word, in one place so
 * that every path raises the same text.
 */
final class GucErrors {
    /** {@code memory_units_hint} in guc.c. */
    static final String MEMORY_UNITS_HINT =
            "Valid units for this parameter are \"B\", \"kB\", \"MB\", \"GB\", and \"TB\".";
    /** {@code time_units_hint} in guc.c. */
    static final String TIME_UNITS_HINT =
            "Valid units for this parameter are \"us\", \"ms\", \"s\", \"min\", \"h\", and \"d\".";
    /** The hint parse_int gives when the rounded value does not fit an int. */
    static final String INT_RANGE_HINT = "Value exceeds integer range.";

    private GucErrors() {
    }

    static PgException invalidValue(String name, String value, String hint) {
        return new PgException(LogLevel.ERROR, SqlState.INVALID_PARAMETER_VALUE,
                "invalid value for parameter \"" + name + "\": \"" + value + "\"", null, hint, null);
    }

    static PgException requiresBoolean(String name) {
        return PgException.error(SqlState.INVALID_PARAMETER_VALUE,
                "parameter \"" + name + "\" requires a Boolean value");
    }

    static PgException outOfRange(String name, String value, String min, String max) {
        return PgException.error(SqlState.INVALID_PARAMETER_VALUE,
                value + " is outside the valid range for parameter \"" + name + "\" (" + min + " .. " + max + ")");
    }

    static PgException unrecognized(String name) {
        return PgException.error(SqlState.UNDEFINED_OBJECT, "unrecognized configuration parameter \"" + name + "\"");
    }

    static PgException invalidName(String name) {
        return PgException.error(SqlState.INVALID_NAME, "invalid configuration parameter name \"" + name + "\"");
    }

    static PgException reservedPrefix(String name, String prefix) {
        return invalidName(name).withDetail("\"" + prefix + "\" is a reserved prefix.");
    }

    static PgException cannotChangeWithoutRestart(String name) {
        return PgException.error(SqlState.CANT_CHANGE_RUNTIME_PARAM,
                "parameter \"" + name + "\" cannot be changed without restarting the server");
    }

    static PgException cannotChangeNow(String name) {
        return PgException.error(SqlState.CANT_CHANGE_RUNTIME_PARAM, "parameter \"" + name + "\" cannot be changed now");
    }

    static PgException cannotChange(String name) {
        return PgException.error(SqlState.CANT_CHANGE_RUNTIME_PARAM, "parameter \"" + name + "\" cannot be changed");
    }

    static PgException afterConnectionStart(String name) {
        return PgException.error(SqlState.CANT_CHANGE_RUNTIME_PARAM,
                "parameter \"" + name + "\" cannot be set after connection start");
    }

    static PgException permissionDenied(String name) {
        return PgException.error(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied to set parameter \"" + name + "\"");
    }
}
