package org.elephas.testing;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.elephas.api.PgException;
import org.elephas.api.sql.Column;
import org.elephas.api.sql.CommandType;
import org.elephas.api.sql.QueryCompletion;
import org.elephas.backend.ProcArray;
import org.elephas.log.ServerLog;
import org.elephas.postmaster.Postmaster;
import org.elephas.postmaster.PostmasterOptions;
import org.elephas.session.ClientOutput;
import org.elephas.session.Session;

/**
 * A postmaster in its own JVM driven line by line, for tests that kill the process: starts a
 * server on a data directory (as {@link TestServer} does, in process), prints {@code READY},
 * then runs each line read from stdin and answers with one line per result:
 * {@code ROW v1|v2...} for each row, then {@code OK tag} or {@code ERROR sqlstate message}.
 * Lines starting with a backslash manage sessions: {@code \c name database role} opens a
 * session and makes it current (answer {@code CONNECTED name}), {@code \s name} makes an open
 * one current (answer {@code SWITCHED name}). At the end of input it shuts down cleanly.
 *
 * <p>Arguments: the data directory, then the home directory ({@code bundles/} below it).
 */
public final class SqlShellMain {
    private SqlShellMain() {
    }

    /**
     * @param args data directory, home directory
     * @throws Exception when the server cannot start
     */
    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        Path home = Path.of(args[1]);
        Files.createDirectories(home.resolve("bundles"));
        Files.createDirectories(data);
        if (!Files.exists(data.resolve("elephas.conf"))) {
            Files.writeString(data.resolve("elephas.conf"), "# sql shell: defaults\n");
        }
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        ProcArray pids = new ProcArray();
        // In-process sessions only: no wire listener (it would need a port and hba.conf).
        Postmaster postmaster = new Postmaster(new PostmasterOptions(data, home, Map.of("listen_addresses", ""),
                new ServerLog(System.err, pids::pidOfCaller)));
        postmaster.start();
        out.println("READY");
        Map<String, Session> sessions = new HashMap<>();
        Session current = null;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                String[] words = line.trim().split("\\s+");
                try {
                    if (words[0].equals("\\c")) {
                        current = postmaster.sessions().connect(words[2], words[3], Map.of());
                        sessions.put(words[1], current);
                        out.println("CONNECTED " + words[1]);
                    } else if (words[0].equals("\\s")) {
                        current = sessions.get(words[1]);
                        out.println("SWITCHED " + words[1]);
                    } else {
                        run(current, line, out);
                    }
                } catch (PgException e) {
                    out.println("ERROR " + e.sqlState() + " " + e.getMessage().replace('\n', ' '));
                }
            }
        } finally {
            sessions.values().forEach(Session::close);
            postmaster.shutdown();
        }
    }

    private static void run(Session session, String sql, PrintStream out) {
        session.simpleQuery(sql, new ClientOutput() {
            @Override
            public void startup(CommandType operation, List<Column> columns) {
            }

            @Override
            public boolean receive(Object[] row) {
                out.println("ROW " + Arrays.stream(row).map(String::valueOf).collect(Collectors.joining("|")));
                return true;
            }

            @Override
            public void shutdown() {
            }

            @Override
            public void commandComplete(QueryCompletion completion) {
                out.println("OK " + completion);
            }
        });
    }
}
