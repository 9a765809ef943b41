package org.elephas.launcher;

/**
 * The texts {@code --help} and {@code --version} print, and the hint after a usage error, in the
 * shape of {@code postgres}'s.
 */
public final class Usage {
    /** The program name used in messages. */
    public static final String PROGRAM = "elephas";

    private Usage() {
    }

    /** @return the {@code --help} text */
    public static String help() {
        return """
                %1$s is the Elephas server, a plugin host for the JVM modelled on PostgreSQL.

                Usage:
                  %1$s [OPTION]...

                Options:
                  -c NAME=VALUE      set run-time parameter
                  -D DATADIR         database directory
                  -p PORT            port number to listen on
                  -V, --version      output version information, then exit
                  --NAME=VALUE       set run-time parameter
                  -?, --help         show this help, then exit

                An empty or nonexistent DATADIR is initialized first. Without -D, the data
                directory is taken from the environment variable ELEPHAS_DATA, else PGDATA.

                The server runs in the foreground and logs to standard error. SIGTERM and
                SIGINT shut it down (fast shutdown), SIGHUP reloads the configuration files.

                Please read the documentation (docs/configuration.md) for the complete list of
                run-time configuration settings and how to set them on the command line or in
                the configuration file.
                """.formatted(PROGRAM);
    }

    /** @return the {@code --version} text */
    public static String version() {
        return PROGRAM + " (Elephas) " + Version.elephas() + "\n"
                + "modelled on PostgreSQL " + Version.POSTGRESQL_MAJOR + "\n";
    }

    /** @return the line printed after a usage error */
    public static String tryHelp() {
        return "Try \"" + PROGRAM + " --help\" for more information.\n";
    }

    /** @return the error printed when no data directory is given */
    public static String noDataDirectory() {
        return PROGRAM + " does not know where to find the server configuration file.\n"
                + "You must specify the -D invocation option or set the ELEPHAS_DATA or PGDATA "
                + "environment variable.\n";
    }
}
