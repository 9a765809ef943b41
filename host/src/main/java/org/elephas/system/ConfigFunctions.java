package org.elephas.system;

import org.elephas.api.PgException;
import org.elephas.api.SqlState;
import org.elephas.guc.GucSession;

/**
 * {@code current_setting(name [, missing_ok])} and {@code set_config(name, value, is_local)}
 * (PostgreSQL's guc.c): the calling session's parameters, with the rules of SHOW and SET.
 */
public final class ConfigFunctions {
    private static final String NULL_VALUE_NOT_ALLOWED = "22004";

    private ConfigFunctions() {
    }

    /**
     * {@code current_setting(name)}.
     *
     * @param name the parameter, case-insensitive
     * @return its value as SHOW prints it, or null for a null name
     * @throws PgException 42704 {@code unrecognized configuration parameter}
     */
    public static String currentSetting(String name) {
        return currentSetting(name, Boolean.FALSE);
    }

    /**
     * {@code current_setting(name, missing_ok)}.
     *
     * @param name the parameter, case-insensitive
     * @param missingOk return null rather than fail for an unknown parameter
     * @return its value as SHOW prints it, or null
     * @throws PgException 42704 {@code unrecognized configuration parameter} unless missing_ok
     */
    public static String currentSetting(String name, Boolean missingOk) {
        if (name == null || missingOk == null) {
            return null;
        }
        String value = Caller.gucs().show(name);
        if (value == null && !missingOk) {
            throw unrecognized(name);
        }
        return value;
    }

    /**
     * {@code set_config(name, value, is_local)}: {@code SET [LOCAL] name = value}, or
     * {@code SET name TO DEFAULT} for a null value. A local value lasts until the end of the
     * current transaction, the statement's own outside a transaction block.
     *
     * @param name the parameter
     * @param value the new value, or null for the default
     * @param isLocal whether it is local to the transaction (null means false)
     * @return the value now in effect, as SHOW prints it
     * @throws PgException 22004 for a null name, or SET's errors
     */
    public static String setConfig(String name, String value, Boolean isLocal) {
        if (name == null) {
            throw PgException.error(NULL_VALUE_NOT_ALLOWED, "SET requires parameter name");
        }
        GucSession gucs = Caller.gucs();
        gucs.set(name, value, isLocal != null && isLocal);
        String now = gucs.show(name);
        if (now == null) {
            throw unrecognized(name);
        }
        return now;
    }

    private static PgException unrecognized(String name) {
        return PgException.error(SqlState.UNDEFINED_OBJECT, "unrecognized configuration parameter \"" + name + "\"");
    }
}
