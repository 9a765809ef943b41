package org.elephas.guc;

import java.util.List;

import org.elephas.api.LogLevel;
import org.elephas.api.guc.GucContext;
import org.elephas.api.guc.GucDefinition;
import org.elephas.api.guc.GucFlags;
import org.elephas.api.guc.GucUnit;
import org.elephas.api.guc.Gucs;
import org.elephas.log.ServerLog;

/**
 * The host's own parameters, PostgreSQL's {@code ConfigureNamesInt}/{@code ConfigureNamesString}
 * tables: one line per parameter. To add one, add a line here; the registry, SHOW, SET, reload and
 * {@code pg_settings} pick it up.
 */
final class CoreParameters {

    /**
     * A core parameter and its {@code pg_settings.category}.
     *
     * @param definition the definition
     * @param category the category
     */
    record Core(GucDefinition<?> definition, String category) {
    }

    private static final String CONNECTIONS = "Connections and Authentication / Connection Settings";
    private static final String AUTHENTICATION = "Connections and Authentication / Authentication";
    private static final String FILES = "File Locations";
    private static final String RESOURCES = "Resource Usage / Asynchronous Behavior";
    private static final String LIBRARIES = "Client Connection Defaults / Shared Library Preloading";
    private static final String LOGGING = "Reporting and Logging / When to Log";
    private static final String PRESET = "Preset Options";
    private static final String STATEMENT = "Reporting and Logging / What to Log";
    private static final String LOCALE = "Client Connection Defaults / Locale and Formatting";
    private static final String BEHAVIOR = "Client Connection Defaults / Statement Behavior";
    private static final String COMPATIBILITY = "Version and Platform Compatibility / Previous PostgreSQL Versions";
    private static final List<String> ISOLATION_LEVELS = List.of("serializable", "repeatable read", "read committed",
            "read uncommitted");

    private CoreParameters() {
    }

    /**
     * @param log the server log, whose level follows {@code log_min_messages}
     * @return the core parameters
     */
    static List<Core> table(ServerLog log) {
        return List.of(
                core(CONNECTIONS, Gucs.intVariable("port", 5433).range(0, 65535).context(GucContext.POSTMASTER)
                        .description("Sets the TCP port the server listens on.")),
                core(CONNECTIONS, Gucs.stringVariable("listen_addresses", "localhost")
                        .context(GucContext.POSTMASTER).flags(GucFlags.LIST_INPUT)
                        .description("Sets the host name or IP address(es) to listen to.")),
                core(CONNECTIONS, Gucs.intVariable("max_connections", 100).range(1, 262143)
                        .context(GucContext.POSTMASTER)
                        .description("Sets the maximum number of concurrent connections.")),
                core(RESOURCES, Gucs.intVariable("max_worker_processes", 8).range(0, 262143)
                        .context(GucContext.POSTMASTER)
                        .description("Maximum number of concurrent worker processes.")),
                core(RESOURCES, Gucs.intVariable("bgworker_shutdown_timeout", 10_000).range(0, 3_600_000)
                        .unit(GucUnit.MS).context(GucContext.SIGHUP)
                        .description("Sets how long shutdown waits for background workers before abandoning them.")),
                core(LIBRARIES, Gucs.stringVariable("shared_preload_bundles", "").context(GucContext.POSTMASTER)
                        .flags(GucFlags.LIST_INPUT)
                        .description("Lists extension bundles to preload into the server.")),
                core(LIBRARIES, Gucs.stringVariable("bundle_directory", "").context(GucContext.POSTMASTER)
                        .description("Sets the directory of loadable extension bundles.")
                        .longDescription("Empty means the distribution's bundles/ directory.")),
                core(LIBRARIES, Gucs.stringVariable("deploy_directory", "deploy").context(GucContext.SIGHUP)
                        .description("Sets the directory watched for hot-deployed bundles.")
                        .longDescription("Relative to the data directory; empty disables hot deploy.")),
                core(LOGGING, Gucs.enumVariable("log_min_messages", "warning",
                        List.of("debug5", "debug4", "debug3", "debug2", "debug1", "info", "notice", "warning", "error",
                                "log", "fatal", "panic"))
                        .context(GucContext.SUSET)
                        .description("Sets the message levels that are logged.")
                        .assignHook(level -> log.setMinLevel(LogLevel.fromName(level)))),
                core(FILES, Gucs.stringVariable("data_directory", "").context(GucContext.POSTMASTER)
                        .description("Sets the server's data directory.")),
                core(FILES, Gucs.stringVariable("config_file", "").context(GucContext.POSTMASTER)
                        .description("Sets the server's main configuration file.")),
                core(FILES, Gucs.stringVariable("hba_file", "").context(GucContext.POSTMASTER)
                        .description("Sets the server's \"hba\" configuration file.")),
                core(PRESET, Gucs.stringVariable("server_version", "15.0").context(GucContext.INTERNAL)
                        .description("Shows the server version.")),
                core(PRESET, Gucs.intVariable("server_version_num", 150000).range(150000, 150000)
                        .context(GucContext.INTERNAL)
                        .description("Shows the server version as an integer.")),
                core(AUTHENTICATION, Gucs.enumVariable("password_encryption", "scram-sha-256",
                        List.of("md5", "scram-sha-256")).context(GucContext.USERSET)
                        .description("Chooses the algorithm for encrypting passwords.")),
                core(STATEMENT, Gucs.stringVariable("application_name", "").context(GucContext.USERSET)
                        .description("Sets the application name to be reported in statistics and logs.")),
                // What clients set or read at connection start (the protocol reports several).
                core(LOCALE, Gucs.stringVariable("client_encoding", "UTF8").context(GucContext.USERSET)
                        .checkHook((value, source) -> ClientParameters.checkClientEncoding(value))
                        .description("Sets the client's character set encoding.")),
                core(PRESET, Gucs.stringVariable("server_encoding", "UTF8").context(GucContext.INTERNAL)
                        .description("Shows the server (database) character set encoding.")),
                core(LOCALE, Gucs.stringVariable("DateStyle", "ISO, MDY").context(GucContext.USERSET)
                        .flags(GucFlags.LIST_INPUT)
                        .checkHook((value, source) -> ClientParameters.checkDateStyle(value))
                        .description("Sets the display format for date and time values.")
                        .longDescription("Also controls interpretation of ambiguous date inputs.")),
                core(LOCALE, Gucs.enumVariable("IntervalStyle", "postgres", List.of("postgres"))
                        .context(GucContext.USERSET)
                        .description("Sets the display format for interval values.")),
                core(LOCALE, Gucs.stringVariable("TimeZone", ClientParameters.defaultTimeZone())
                        .context(GucContext.USERSET)
                        .checkHook((value, source) -> ClientParameters.checkTimeZone(value))
                        .description("Sets the time zone for displaying and interpreting time stamps.")),
                core(LOCALE, Gucs.intVariable("extra_float_digits", 1).range(-15, 3).context(GucContext.USERSET)
                        .description("Sets the number of digits displayed for floating-point values.")
                        .longDescription("This affects real, double precision, and geometric data types.")),
                core(PRESET, Gucs.boolVariable("integer_datetimes", true).context(GucContext.INTERNAL)
                        .description("Shows whether datetimes are integer based.")),
                core(COMPATIBILITY, Gucs.boolVariable("standard_conforming_strings", true)
                        .context(GucContext.USERSET)
                        .checkHook((value, source) -> value)
                        .description("Causes '...' strings to treat backslashes literally.")),
                core(BEHAVIOR, Gucs.stringVariable("search_path", "\"$user\", public").context(GucContext.USERSET)
                        .flags(GucFlags.LIST_INPUT | GucFlags.LIST_QUOTE)
                        .description("Sets the schema search order for names that are not schema-qualified.")),
                core(BEHAVIOR, Gucs.intVariable("statement_timeout", 0).range(0, Integer.MAX_VALUE)
                        .unit(GucUnit.MS).context(GucContext.USERSET)
                        .description("Sets the maximum allowed duration of any statement.")
                        .longDescription("A value of 0 turns off the timeout.")),
                core(BEHAVIOR, Gucs.intVariable("lock_timeout", 0).range(0, Integer.MAX_VALUE)
                        .unit(GucUnit.MS).context(GucContext.USERSET)
                        .description("Sets the maximum allowed duration of any wait for a lock.")
                        .longDescription("A value of 0 turns off the timeout.")),
                core(LOCALE, locale("lc_messages", GucContext.SUSET)
                        .description("Sets the language in which messages are displayed.")),
                core(LOCALE, locale("lc_monetary", GucContext.USERSET)
                        .description("Sets the locale for formatting monetary amounts.")),
                core(LOCALE, locale("lc_numeric", GucContext.USERSET)
                        .description("Sets the locale for formatting numbers.")),
                core(LOCALE, locale("lc_time", GucContext.USERSET)
                        .description("Sets the locale for formatting date and time values.")),
                core(BEHAVIOR, Gucs.enumVariable("default_transaction_isolation", "read committed", ISOLATION_LEVELS)
                        .context(GucContext.USERSET)
                        .description("Sets the transaction isolation level of each new transaction.")),
                // Set by the server per session (GucSession.setInternal), never by SET.
                core(BEHAVIOR, Gucs.enumVariable("transaction_isolation", "read committed", ISOLATION_LEVELS)
                        .context(GucContext.INTERNAL).flags(GucFlags.NO_RESET_ALL)
                        .description("Sets the current transaction's isolation level.")),
                core(PRESET, Gucs.boolVariable("is_superuser", false).context(GucContext.INTERNAL)
                        .flags(GucFlags.NO_SHOW_ALL | GucFlags.NO_RESET_ALL | GucFlags.NOT_IN_SAMPLE
                                | GucFlags.DISALLOW_IN_FILE)
                        .description("Shows whether the current user is a superuser.")),
                core(PRESET, Gucs.stringVariable("session_authorization", "").context(GucContext.INTERNAL)
                        .flags(GucFlags.NO_SHOW_ALL | GucFlags.NO_RESET_ALL | GucFlags.NOT_IN_SAMPLE
                                | GucFlags.DISALLOW_IN_FILE)
                        .description("Sets the session user name.")));
    }

    private static Gucs.Builder<String> locale(String name, GucContext context) {
        return Gucs.stringVariable(name, "C").context(context)
                .checkHook((value, source) -> ClientParameters.checkLocale(value));
    }

    private static Core core(String category, Gucs.Builder<?> builder) {
        return new Core(builder.toDefinition(), category);
    }
}
