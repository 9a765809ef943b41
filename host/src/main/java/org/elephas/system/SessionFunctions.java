package org.elephas.system;

import java.util.Locale;

import org.elephas.launcher.Version;

/**
 * Functions that describe the calling session and the server: {@code pg_backend_pid()},
 * {@code current_user} and friends, {@code current_database()}, {@code version()}. The dialect
 * rewrites the key words and the engine's built-in namesakes to these.
 */
public final class SessionFunctions {
    private SessionFunctions() {
    }

    /** @return {@code pg_backend_pid()}: the calling backend's PID */
    public static int pgBackendPid() {
        return Caller.backend().pid();
    }

    /**
     * {@code current_user}, {@code current_role}, {@code user}: Elephas has no {@code SET ROLE},
     * so the current role is the session's.
     *
     * @return the session's role name
     */
    public static String currentRoleName() {
        return Caller.session().role().name();
    }

    /** @return {@code session_user}: the role the session connected as */
    public static String sessionUserName() {
        return Caller.session().role().name();
    }

    /** @return {@code current_database()}, {@code current_catalog}: the session's database name */
    public static String currentDatabaseName() {
        return Caller.session().database().name();
    }

    /**
     * {@code version()}: the PostgreSQL version Elephas speaks, then Elephas's own, in
     * PostgreSQL's shape: {@code PostgreSQL 15.0 (Elephas 0.1.0) on x86_64-linux, compiled by
     * Java 17.0.15, 64-bit}.
     *
     * @return the version string
     */
    public static String versionText() {
        String server = Caller.gucs().show("server_version");
        return "PostgreSQL " + server + " (Elephas " + Version.elephas() + ") on " + platform() + ", compiled by Java "
                + Version.compiledBy() + ", " + dataModel() + "-bit";
    }

    private static String platform() {
        String arch = System.getProperty("os.arch", "unknown").toLowerCase(Locale.ROOT);
        if (arch.equals("amd64") || arch.equals("x86-64")) {
            arch = "x86_64";
        }
        String os = System.getProperty("os.name", "unknown").toLowerCase(Locale.ROOT).replace(' ', '-');
        return arch + "-" + os;
    }

    private static String dataModel() {
        return System.getProperty("sun.arch.data.model", "64");
    }
}
