package org.elephas.utility;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.elephas.api.LogLevel;
import org.elephas.api.PgException;
import org.elephas.api.SqlState;
import org.elephas.api.guc.GucFlags;
import org.elephas.api.sql.DestReceiver;
import org.elephas.api.sql.ProcessUtilityContext;
import org.elephas.api.sql.QueryCompletion;
import org.elephas.guc.GucSession;
import org.elephas.guc.SettingRow;
import org.elephas.pipeline.HostQuery;
import org.elephas.pipeline.UtilityCommand;
import org.elephas.session.Session;
import org.elephas.sql.LexedStatement;
import org.elephas.sql.Token;
import org.elephas.sql.TokenKind;

/**
 * {@code SET [SESSION | LOCAL] name {TO | =} value [, ...] | DEFAULT}, {@code SET TIME ZONE},
 * {@code SHOW name | ALL} and {@code RESET name | ALL}, on the session's parameters with their
 * contexts' rules.
 */
final class ParameterCommands implements UtilityCommand {

    @Override
    public void execute(HostQuery statement, ProcessUtilityContext context, List<Object> params, DestReceiver dest,
            QueryCompletion qc) {
        Session session = Session.current();
        GucSession gucs = session.backend().gucSession();
        LexedStatement s = statement.lexed();
        switch (s.word(0)) {
            case "set" -> {
                set(session, gucs, s);
                qc.set("SET");
            }
            case "reset" -> {
                String name = name(s, 1);
                if (name.equals("all")) {
                    gucs.resetAll();
                } else {
                    gucs.reset(name);
                }
                qc.set("RESET");
            }
            default -> {
                show(gucs, s, dest);
                qc.set("SHOW");
            }
        }
    }

    private static void set(Session session, GucSession gucs, LexedStatement s) {
        int i = 1;
        boolean local = false;
        if (s.word(i).equals("session") && !s.word(i + 1).equals("authorization")) {
            i++;
        } else if (s.word(i).equals("local")) {
            local = true;
            i++;
        }
        String name;
        if (s.word(i).equals("time") && s.word(i + 1).equals("zone")) {
            name = "timezone";
            i += 2;
        } else {
            name = name(s, i);
            i += dottedLength(s, i);
            Token assign = token(s, i);
            if (!(assign.is("=") || assign.isWord("to"))) {
                throw syntaxError(assign);
            }
            i++;
        }
        String value = gucs.hasFlag(name, GucFlags.LIST_QUOTE) ? quotedListValue(s, i) : value(s, i);
        if (local && !session.transaction().inBlock()) {
            session.notice(LogLevel.WARNING, SqlState.NO_ACTIVE_SQL_TRANSACTION,
                    "SET LOCAL can only be used in transaction blocks");
            return;
        }
        gucs.set(name, value, local);
    }

    private static void show(GucSession gucs, LexedStatement s, DestReceiver dest) {
        String name = s.word(1).equals("time") && s.word(2).equals("zone") ? "timezone" : name(s, 1);
        if (name.equals("all")) {
            List<String[]> rows = new ArrayList<>();
            for (SettingRow row : gucs.settings()) {
                rows.add(new String[] {row.name(), gucs.show(row.name()), row.shortDesc()});
            }
            TextRows.send(dest, List.of("name", "setting", "description"), rows);
            return;
        }
        String value = gucs.show(name);
        if (value == null) {
            throw PgException.error(SqlState.UNDEFINED_OBJECT, "unrecognized configuration parameter \"" + name + "\"");
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {value});
        TextRows.send(dest, List.of(name), rows);
    }

    /** A possibly dotted parameter name ({@code worker_spi.naptime}) starting at {@code index}. */
    static String name(LexedStatement s, int index) {
        StringBuilder name = new StringBuilder(identifier(s, index));
        for (int i = index + 1; i + 1 < s.tokens().size() && s.tokens().get(i).is("."); i += 2) {
            name.append('.').append(identifier(s, i + 1));
        }
        return name.toString().toLowerCase(Locale.ROOT);
    }

    static int dottedLength(LexedStatement s, int index) {
        int n = 1;
        for (int i = index + 1; i + 1 < s.tokens().size() && s.tokens().get(i).is("."); i += 2) {
            n += 2;
        }
        return n;
    }

    private static String identifier(LexedStatement s, int index) {
        Token t = token(s, index);
        if (t.kind() != TokenKind.IDENTIFIER && t.kind() != TokenKind.QUOTED_IDENTIFIER) {
            throw syntaxError(t);
        }
        return t.text();
    }

    /** The value list from {@code index}: items joined by ", ", null for DEFAULT. */
    static String value(LexedStatement s, int index) {
        List<Token> tokens = s.tokens();
        if (index >= tokens.size()) {
            throw PgException.error(SqlState.SYNTAX_ERROR, "syntax error at end of input");
        }
        if (index == tokens.size() - 1 && tokens.get(index).isWord("default")) {
            return null;
        }
        List<String> items = new ArrayList<>();
        StringBuilder item = new StringBuilder();
        for (int i = index; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.is(",")) {
                items.add(item.toString());
                item.setLength(0);
            } else {
                item.append(t.text());
            }
        }
        items.add(item.toString());
        return String.join(", ", items);
    }

    /**
     * The value of a {@code GUC_LIST_QUOTE} parameter ({@code search_path}): each item, a name or
     * a string, is written as an identifier, quoted where it must be, as PostgreSQL's
     * {@code flatten_set_variable_args} does: {@code SET search_path = 'My Schema', public} stores
     * {@code "My Schema", public}.
     */
    private static String quotedListValue(LexedStatement s, int index) {
        String plain = value(s, index);
        if (plain == null) {
            return null;
        }
        List<String> items = new ArrayList<>();
        for (int i = index; i < s.tokens().size(); i++) {
            Token t = s.tokens().get(i);
            if (!t.is(",")) {
                items.add(quoteIdentifier(t.text()));
            }
        }
        return String.join(", ", items);
    }

    private static String quoteIdentifier(String name) {
        boolean safe = !name.isEmpty() && (Character.isLowerCase(name.charAt(0)) || name.charAt(0) == '_');
        for (int i = 0; safe && i < name.length(); i++) {
            char c = name.charAt(i);
            safe = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
        }
        return safe ? name : "\"" + name.replace("\"", "\"\"") + "\"";
    }

    static Token token(LexedStatement s, int index) {
        if (index >= s.tokens().size()) {
            throw PgException.error(SqlState.SYNTAX_ERROR, "syntax error at end of input");
        }
        return s.tokens().get(index);
    }

    static PgException syntaxError(Token t) {
        return PgException.error(SqlState.SYNTAX_ERROR, "syntax error at or near \"" + t.text() + "\"")
                .withPosition(t.start() + 1);
    }
}
