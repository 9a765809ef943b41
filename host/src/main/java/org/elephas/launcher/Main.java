package org.elephas.launcher;

import java.io.PrintStream;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.elephas.api.LogLevel;
import org.elephas.backend.Backend;
import org.elephas.log.ServerLog;

/**
 * The entry point of {@code bin/elephas}:
 * {@code elephas -D DATADIR [-p PORT] [-c name=value ...]}, {@code elephas --help},
 * {@code elephas --version}. See {@link CommandLine} for the options and {@link ForegroundServer}
 * for what running the server involves. Exit status: 0 after {@code --help}, {@code --version} or
 * an orderly shutdown; 1 for a usage error or a server that could not start.
 */
public final class Main {
    /** The environment variables read, in order, when {@code -D} is not given. */
    public static final List<String> DATA_DIRECTORY_VARIABLES = List.of("ELEPHAS_DATA", "PGDATA");

    private Main() {
    }

    /**
     * Run and exit with the status. The exit is explicit because threads the postmaster leaves
     * behind must not keep the process alive.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    /**
     * Run the command line.
     *
     * @param args the command line
     * @param environment the process environment
     * @param out where {@code --help} and {@code --version} go
     * @param err where usage errors and the server log go
     * @return the exit status
     */
    public static int run(String[] args, Map<String, String> environment, PrintStream out, PrintStream err) {
        CommandLine commandLine;
        try {
            commandLine = CommandLine.parse(List.of(args));
        } catch (UsageException e) {
            err.print(Usage.PROGRAM + ": " + e.getMessage() + "\n" + Usage.tryHelp());
            err.flush();
            return 1;
        }
        switch (commandLine.action()) {
            case HELP -> {
                out.print(Usage.help());
                out.flush();
                return 0;
            }
            case VERSION -> {
                out.print(Usage.version());
                out.flush();
                return 0;
            }
            default -> {
                // RUN, below
            }
        }
        Optional<String> dataDirectory = commandLine.dataDirectory()
                .or(() -> DATA_DIRECTORY_VARIABLES.stream().map(environment::get)
                        .filter(value -> value != null && !value.isEmpty()).findFirst());
        if (dataDirectory.isEmpty() || dataDirectory.get().isEmpty()) {
            err.print(Usage.noDataDirectory());
            err.flush();
            return 1;
        }
        Path dataPath;
        Distribution distribution;
        try {
            dataPath = Path.of(dataDirectory.get());
            distribution = Distribution.locate();
        } catch (InvalidPathException | IllegalStateException e) {
            err.print(Usage.PROGRAM + ": " + e.getMessage() + "\n");
            err.flush();
            return 1;
        }
        int postmasterPid = (int) ProcessHandle.current().pid();
        // Lines from a backend's thread carry its PID, everything else the postmaster's.
        ServerLog log = new ServerLog(err, () -> Backend.pidOfCaller(postmasterPid));
        applyLogLevel(commandLine, log);
        return new ForegroundServer(distribution, dataPath, commandLine.settings(), log).run();
    }

    /**
     * A {@code log_min_messages} from the command line already applies to the launcher's own lines;
     * the postmaster sets the level from all sources later, and reports a bad value then.
     */
    private static void applyLogLevel(CommandLine commandLine, ServerLog log) {
        String level = commandLine.settings().get("log_min_messages");
        if (level != null) {
            try {
                log.setMinLevel(LogLevel.fromName(level));
            } catch (IllegalArgumentException e) {
                // left to the postmaster
            }
        }
    }
}
