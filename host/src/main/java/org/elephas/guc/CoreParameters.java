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

    private CoreParameters() {
    }

    /**
     * @param log the server log, whose level follows {@code log_min_messages}
     * @return the core parameters
     */
    static List<Core> table(ServerLog log) {
        return List.of(
                core(CONNECTIONS, Gucs.intVariable("port", 5433).range(1, 65535).context(GucContext.POSTMASTER)
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
                        .description("Sets the application name to be reported in statistics and logs.")));
    }

    private static Core core(String category, Gucs.Builder<?> builder) {
        return new Core(builder.toDefinition(), category);
    }
}
