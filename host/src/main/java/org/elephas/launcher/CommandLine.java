package org.elephas.launcher;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The parsed command line of {@code bin/elephas}, which takes what {@code postgres} takes for
 * the options Elephas has:
 *
 * <pre>
 * -D DATADIR           the data directory (also -DDATADIR)
 * -p PORT              the same as -c port=PORT (also -pPORT)
 * -c NAME=VALUE        a run-time parameter (also -cNAME=VALUE)
 * --NAME=VALUE         a run-time parameter
 * -V, --version        print the version and exit
 * -?, --help           print the usage and exit
 * </pre>
 *
 * As in PostgreSQL, dashes in a parameter name given with {@code -c} or {@code --} become
 * underscores ({@code --log-min-messages=info} sets {@code log_min_messages}), and a later
 * setting of a parameter replaces an earlier one. Unlike {@code postgres}, which only looks for
 * {@code --help} and {@code --version} as the first argument, they are accepted anywhere.
 *
 * @param action what to do
 * @param dataDirectory the {@code -D} argument as given, if any
 * @param settings run-time parameters from {@code -c}, {@code --NAME=VALUE} and {@code -p}, in
 *        command-line order; a parameter given twice keeps its last value, at its last position
 */
public record CommandLine(Action action, Optional<String> dataDirectory, Map<String, String> settings) {

    /** What the command line asks for. */
    public enum Action {
        /** Run the server. */
        RUN,
        /** Print the usage text and exit. */
        HELP,
        /** Print the version and exit. */
        VERSION
    }

    /** Copies the settings into an unmodifiable map that keeps their order. */
    public CommandLine {
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }

    /**
     * Parse the arguments.
     *
     * @param args the arguments after the program name
     * @return the command line
     * @throws UsageException for an unknown option, a missing argument or a stray argument
     */
    public static CommandLine parse(List<String> args) throws UsageException {
        Action action = Action.RUN;
        String dataDirectory = null;
        Map<String, String> settings = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--help") || arg.equals("-?")) {
                if (action == Action.RUN) {
                    action = Action.HELP;
                }
            } else if (arg.equals("--version") || arg.equals("-V")) {
                if (action == Action.RUN) {
                    action = Action.VERSION;
                }
            } else if (arg.equals("--")) {
                throw new UsageException("invalid option -- '-'");
            } else if (arg.startsWith("--")) {
                putSetting(settings, "--", arg.substring(2));
            } else if (arg.startsWith("-") && arg.length() > 1) {
                char option = arg.charAt(1);
                if (option != 'D' && option != 'p' && option != 'c') {
                    throw new UsageException("invalid option -- '" + option + "'");
                }
                String value;
                if (arg.length() > 2) {
                    value = arg.substring(2);
                } else if (i + 1 < args.size()) {
                    value = args.get(++i);
                } else {
                    throw new UsageException("option requires an argument -- '" + option + "'");
                }
                switch (option) {
                    case 'D' -> dataDirectory = value;
                    case 'p' -> {
                        settings.remove("port");
                        settings.put("port", value);
                    }
                    default -> putSetting(settings, "-c ", value);
                }
            } else {
                throw new UsageException("invalid argument: \"" + arg + "\"");
            }
        }
        return new CommandLine(action, Optional.ofNullable(dataDirectory), settings);
    }

    /** PostgreSQL's ParseLongOption: NAME=VALUE, dashes in NAME become underscores. */
    private static void putSetting(Map<String, String> settings, String how, String nameValue)
            throws UsageException {
        int equals = nameValue.indexOf('=');
        if (equals < 0) {
            throw new UsageException(how + nameValue + " requires a value");
        }
        String name = nameValue.substring(0, equals).replace('-', '_');
        if (name.isEmpty()) {
            throw new UsageException(how + nameValue + ": parameter name is missing");
        }
        settings.remove(name); // the last setting wins and takes the position it was given in
        settings.put(name, nameValue.substring(equals + 1));
    }
}
