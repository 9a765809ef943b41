package org.elephas.utility;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.elephas.api.PgException;
import org.elephas.api.SqlState;
import org.elephas.api.sql.DestReceiver;
import org.elephas.api.sql.ProcessUtilityContext;
import org.elephas.api.sql.QueryCompletion;
import org.elephas.engine.EngineErrors;
import org.elephas.pipeline.HostQuery;
import org.elephas.pipeline.UtilityCommand;
import org.elephas.session.Session;
import org.elephas.session.TransactionBlock;
import org.elephas.sql.LexedStatement;
import org.elephas.sql.Token;
import org.elephas.sql.TokenKind;

/**
 * {@code VACUUM [FULL] [FREEZE] [VERBOSE] [ANALYZE] [table [(column, ..)], ..]},
 * {@code VACUUM (option [value], ..) [..]} and {@code ANALYZE [VERBOSE] [table [(column, ..)],
 * ..]} / {@code ANALYZE (option, ..) [..]} (also spelt ANALYSE), answered by the host: H2 has no
 * VACUUM and no need of one (its MVStore reclaims space itself), so VACUUM checks what
 * PostgreSQL checks (options, tables, columns, not inside a transaction block) and does nothing
 * more. ANALYZE runs H2's {@code ANALYZE TABLE}, which refreshes the selectivity statistics its
 * optimiser uses, except inside a transaction block: H2's ANALYZE commits the open transaction,
 * PostgreSQL's does not, so there the statistics are left as they are.
 */
final class MaintenanceCommands implements UtilityCommand {
    private static final Set<String> VACUUM_OPTIONS = Set.of("full", "freeze", "verbose", "analyze", "analyse",
            "disable_page_skipping", "skip_locked", "index_cleanup", "process_toast", "truncate", "parallel");
    private static final Set<String> ANALYZE_OPTIONS = Set.of("verbose", "skip_locked");
    private static final Set<String> VACUUM_FLAGS = Set.of("full", "freeze", "verbose", "analyze", "analyse");

    /** One relation named by the statement, with the columns it lists. */
    private record Target(String sql, String display, List<String> columns) {
    }

    @Override
    public void execute(HostQuery statement, ProcessUtilityContext context, List<Object> params, DestReceiver dest,
            QueryCompletion qc) {
        LexedStatement s = statement.lexed();
        boolean vacuum = s.word(0).equals("vacuum");
        String command = vacuum ? "VACUUM" : "ANALYZE";
        Session session = Session.current();
        if (vacuum) {
            preventInTransactionBlock(session, command);
        }
        boolean analyze = !vacuum;
        int i = 1;
        if (Tokens.is(s, i, "(")) {
            int close = closing(s, i);
            analyze |= options(s, i, close, vacuum ? VACUUM_OPTIONS : ANALYZE_OPTIONS, command);
            i = close + 1;
        } else if (vacuum) {
            while (VACUUM_FLAGS.contains(s.word(i))) {
                analyze |= s.word(i).startsWith("analy");
                i++;
            }
        } else if (s.word(i).equals("verbose")) {
            i++;
        }
        List<Target> targets = targets(s, i);
        Connection connection = session.connection();
        for (Target t : targets) {
            if (!t.columns().isEmpty() && !analyze) {
                throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED,
                        "ANALYZE option must be specified when a column list is provided");
            }
            check(connection, t);
        }
        if (analyze && session.transaction().state() == TransactionBlock.State.IDLE) {
            runAnalyze(connection, targets);
        }
        qc.set(command);
    }

    /** PostgreSQL's {@code PreventInTransactionBlock}. */
    private static void preventInTransactionBlock(Session session, String command) {
        if (session.transaction().state() != TransactionBlock.State.IDLE) {
            throw PgException.error(SqlState.ACTIVE_SQL_TRANSACTION, command + " cannot run inside a transaction block");
        }
        if (session.nestingLevel() > 0) {
            throw PgException.error(SqlState.ACTIVE_SQL_TRANSACTION, command + " cannot be executed from a function");
        }
    }

    /** Check the option list {@code (open..close)}; returns whether it asks for ANALYZE. */
    private static boolean options(LexedStatement s, int open, int close, Set<String> known, String command) {
        boolean analyze = false;
        int start = open + 1;
        for (int j = open + 1; j <= close; j++) {
            if (j == close || Tokens.is(s, j, ",")) {
                if (j == start) {
                    throw syntax(s, j);
                }
                String name = s.tokens().get(start).text().toLowerCase(Locale.ROOT);
                if (!known.contains(name)) {
                    throw PgException.error(SqlState.SYNTAX_ERROR,
                            "unrecognized " + command + " option \"" + name + "\"");
                }
                if (name.startsWith("analy")) {
                    String value = j > start + 1 ? s.tokens().get(start + 1).text().toLowerCase(Locale.ROOT) : "true";
                    analyze = !Set.of("false", "off", "0", "no").contains(value);
                }
                start = j + 1;
            }
        }
        return analyze;
    }

    /** {@code name [(col, ..)] [, ..]} from index i to the end. */
    private static List<Target> targets(LexedStatement s, int i) {
        List<Target> out = new ArrayList<>();
        while (i < s.tokens().size()) {
            int end = Tokens.nameEnd(s, i);
            if (end < 0) {
                throw syntax(s, i);
            }
            List<String> parts = new ArrayList<>();
            for (int k = i; k <= end; k += 2) {
                parts.add(s.tokens().get(k).text());
            }
            String sql = s.text().substring(s.tokens().get(i).start(), s.tokens().get(end).end());
            List<String> columns = new ArrayList<>();
            i = end + 1;
            if (Tokens.is(s, i, "(")) {
                int close = closing(s, i);
                for (int k = i + 1; k < close; k++) {
                    if (!Tokens.is(s, k, ",")) {
                        columns.add(s.text().substring(s.tokens().get(k).start(), s.tokens().get(k).end()));
                    }
                }
                i = close + 1;
            }
            out.add(new Target(sql, String.join(".", parts), columns));
            if (i < s.tokens().size()) {
                if (!Tokens.is(s, i, ",")) {
                    throw syntax(s, i);
                }
                i++;
            }
        }
        return out;
    }

    /** 42P01 for a relation, 42703 for a column that the engine cannot find. */
    private static void check(Connection connection, Target t) {
        prepare(connection, "SELECT 1 FROM " + t.sql() + " WHERE FALSE", t, null);
        for (String column : t.columns()) {
            prepare(connection, "SELECT " + column + " FROM " + t.sql() + " WHERE FALSE", t, column);
        }
    }

    private static void prepare(Connection connection, String sql, Target t, String column) {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            // Preparing resolves the names; nothing needs to run.
        } catch (SQLException e) {
            PgException pg = EngineErrors.translate(e);
            if (pg.sqlState().equals(SqlState.UNDEFINED_TABLE)) {
                throw PgException.error(SqlState.UNDEFINED_TABLE, "relation \"" + t.display() + "\" does not exist");
            }
            if (column != null && pg.sqlState().equals(SqlState.UNDEFINED_COLUMN)) {
                throw PgException.error(SqlState.UNDEFINED_COLUMN, "column \"" + unquoted(column)
                        + "\" of relation \"" + t.display() + "\" does not exist");
            }
            throw pg;
        }
    }

    private static void runAnalyze(Connection connection, List<Target> targets) {
        try (Statement st = connection.createStatement()) {
            if (targets.isEmpty()) {
                st.execute("ANALYZE");
            }
            for (Target t : targets) {
                st.execute("ANALYZE TABLE " + t.sql());
            }
        } catch (SQLException e) {
            throw EngineErrors.translate(e);
        }
    }

    private static String unquoted(String column) {
        return column.startsWith("\"") ? column.substring(1, column.length() - 1).replace("\"\"", "\"")
                : column.toLowerCase(Locale.ROOT);
    }

    private static int closing(LexedStatement s, int open) {
        int depth = 0;
        for (int j = open; j < s.tokens().size(); j++) {
            if (Tokens.is(s, j, "(")) {
                depth++;
            } else if (Tokens.is(s, j, ")") && --depth == 0) {
                return j;
            }
        }
        throw PgException.error(SqlState.SYNTAX_ERROR, "syntax error at end of input");
    }

    private static PgException syntax(LexedStatement s, int i) {
        if (i >= s.tokens().size()) {
            return PgException.error(SqlState.SYNTAX_ERROR, "syntax error at end of input");
        }
        Token t = s.tokens().get(i);
        return PgException.error(SqlState.SYNTAX_ERROR,
                "syntax error at or near \"" + s.text().substring(t.start(), t.end()) + "\"").withPosition(t.start() + 1);
    }

    /** Token tests used above. */
    private static final class Tokens {
        private Tokens() {
        }

        static boolean is(LexedStatement s, int i, String symbol) {
            return i >= 0 && i < s.tokens().size() && s.tokens().get(i).is(symbol);
        }

        static int nameEnd(LexedStatement s, int first) {
            if (!isName(s, first)) {
                return -1;
            }
            int i = first;
            while (is(s, i + 1, ".") && isName(s, i + 2)) {
                i += 2;
            }
            return i;
        }

        static boolean isName(LexedStatement s, int i) {
            if (i < 0 || i >= s.tokens().size()) {
                return false;
            }
            TokenKind k = s.tokens().get(i).kind();
            return k == TokenKind.IDENTIFIER || k == TokenKind.QUOTED_IDENTIFIER;
        }
    }
}
