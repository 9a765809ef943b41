package org.elephas.extension;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.elephas.api.PgException;
import org.elephas.api.SqlState;
import org.elephas.guc.ConfigEntry;
import org.elephas.guc.ConfigFileParser;

/**
 * An extension's control file ({@code NAME.control}, PostgreSQL's {@code ExtensionControlFile}),
 * in postgresql.conf syntax. Without one, every field has its default and the default version is
 * the highest version of the bundle's installation scripts.
 *
 * @param name the extension
 * @param defaultVersion {@code default_version}, or null
 * @param comment {@code comment}, or null
 * @param modulePathname {@code module_pathname}, what {@code MODULE_PATHNAME} stands for in
 *     scripts; null for the extension's own name (its bundle)
 * @param requires {@code requires}: extensions that must be installed first
 * @param superuser {@code superuser} (default true): only superusers may create it...
 * @param trusted {@code trusted} (default false): ...unless it is trusted and the role has CREATE
 *     on the database
 * @param relocatable {@code relocatable} (default false)
 * @param schema {@code schema}: the schema it must be installed in, or null
 */
public record ExtensionControl(String name, String defaultVersion, String comment, String modulePathname,
        List<String> requires, boolean superuser, boolean trusted, boolean relocatable, String schema) {

    /** Copies the list. */
    public ExtensionControl {
        requires = List.copyOf(requires);
    }

    /**
     * @param name an extension without a control file
     * @return the defaults
     */
    public static ExtensionControl defaults(String name) {
        return new ExtensionControl(name, null, null, null, List.of(), true, false, false, null);
    }

    /**
     * {@code parse_extension_control_file}.
     *
     * @param name the extension
     * @param text the control file's contents
     * @param where the file's name, for messages
     * @return the control
     * @throws PgException 42601 for a syntax error, 22023 for a bad or unknown parameter
     */
    public static ExtensionControl parse(String name, String text, String where) {
        ConfigFileParser.Result parsed = new ConfigFileParser(null).parseText(text, where);
        if (!parsed.errors().isEmpty()) {
            throw parsed.errors().get(0);
        }
        String defaultVersion = null;
        String comment = null;
        String modulePathname = null;
        List<String> requires = new ArrayList<>();
        boolean superuser = true;
        boolean trusted = false;
        boolean relocatable = false;
        String schema = null;
        for (ConfigEntry e : parsed.entries()) {
            switch (e.name()) {
                case "directory" -> {
                    // Scripts always come from the bundle's sql/ folder.
                }
                case "default_version" -> defaultVersion = e.value();
                case "comment" -> comment = e.value();
                case "module_pathname" -> modulePathname = e.value();
                case "requires" -> {
                    requires.clear();
                    for (String r : e.value().split(",")) {
                        if (!r.isBlank()) {
                            requires.add(r.trim());
                        }
                    }
                }
                case "superuser" -> superuser = bool(e, where);
                case "trusted" -> trusted = bool(e, where);
                case "relocatable" -> relocatable = bool(e, where);
                case "schema" -> schema = e.value();
                case "encoding", "no_relocate" -> {
                    // Accepted: scripts are read as UTF-8, and relocation is not supported.
                }
                default -> throw PgException.error(SqlState.SYNTAX_ERROR,
                        "unrecognized parameter \"" + e.name() + "\" in file \"" + where + "\"");
            }
        }
        if (relocatable && schema != null) {
            throw PgException.error(SqlState.SYNTAX_ERROR,
                    "parameter \"schema\" cannot be specified when \"relocatable\" is true");
        }
        return new ExtensionControl(name, defaultVersion, comment, modulePathname, requires, superuser, trusted,
                relocatable, schema);
    }

    private static boolean bool(ConfigEntry e, String where) {
        return switch (e.value().toLowerCase(Locale.ROOT)) {
            case "on", "true", "yes", "1", "t", "y" -> true;
            case "off", "false", "no", "0", "f", "n" -> false;
            default -> throw PgException.error(SqlState.INVALID_PARAMETER_VALUE,
                    "parameter \"" + e.name() + "\" requires a Boolean value");
        };
    }
}
