package org.elephas.guc;

import java.util.List;

/**
 * One row of {@code pg_settings}. Numbers are in the parameter's own unit, without a suffix, as
 * PostgreSQL shows them there.
 *
 * @param name the name
 * @param setting the current value
 * @param unit the unit ({@code ms}, {@code kB}, ...), or null
 * @param category the category, or null
 * @param shortDesc the short description
 * @param extraDesc the long description, or null
 * @param context {@code postmaster}, {@code sighup}, {@code user}, ...
 * @param vartype {@code bool}, {@code integer}, {@code real}, {@code string} or {@code enum}
 * @param source {@code default}, {@code configuration file}, {@code command line}, {@code session}, ...
 * @param minVal the minimum (numbers), or null
 * @param maxVal the maximum (numbers), or null
 * @param enumvals the accepted values (enums), or null
 * @param bootVal the built-in default
 * @param resetVal the value RESET would restore
 * @param sourcefile the configuration file the value came from, or null
 * @param sourceline the line in that file, or null
 * @param pendingRestart whether the file holds a different value that needs a restart
 */
public record SettingRow(String name, String setting, String unit, String category, String shortDesc,
        String extraDesc, String context, String vartype, String source, String minVal, String maxVal,
        List<String> enumvals, String bootVal, String resetVal, String sourcefile, Integer sourceline,
        boolean pendingRestart) {
}
