package org.elephas.guc;

import org.elephas.api.guc.GucSource;

/**
 * A value with where it came from: what {@code pg_settings} reports as setting, source,
 * sourcefile and sourceline.
 *
 * @param value the typed value
 * @param source its source
 * @param file the configuration file it came from, or null
 * @param line the line in that file, or 0
 */
record Setting(Object value, GucSource source, String file, int line) {

    static Setting of(Object value, GucSource source) {
        return new Setting(value, source, null, 0);
    }
}
