package org.elephas.dialect;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.elephas.sql.LexedStatement;
import org.elephas.sql.Token;

/**
 * PostgreSQL's physical storage options, which mean nothing to H2 and which it rejects, dropped:
 *
 * <ul>
 * <li>{@code CREATE [UNLOGGED] TABLE .. (..) [USING method] [WITH (fillfactor=100, ..)] [WITHOUT
 * OIDS] [TABLESPACE name]} ({@code pgbench -i} creates its tables {@code with (fillfactor=100)})
 * keeps the table and loses the options; an unlogged table is an ordinary one;
 * <li>{@code ALTER TABLE .. SET (..)}, {@code RESET (..)}, {@code SET LOGGED},
 * {@code SET UNLOGGED}, {@code SET WITHOUT OIDS}, {@code SET WITHOUT CLUSTER} and
 * {@code ALTER INDEX .. SET (..) / RESET (..)} actions go; an ALTER TABLE left with none only
 * checks that the table exists.
 * </ul>
 *
 * Index storage options are {@link IndexDefinition}'s. Done on tokens: the options are easy to
 * find there and the statements are DDL JSqlParser does not fully parse.
 */
final class StorageParameters implements TokenRewrite {
    private static final Set<String> TABLE_MODIFIERS = Set.of("temp", "temporary", "unlogged", "local", "global");

    @Override
    public Set<String> triggerWords() {
        return Set.of("create", "alter");
    }

    @Override
    public boolean applies(LexedStatement s) {
        String first = s.word(0);
        if (first.equals("create")) {
            return tableOptionsStart(s) > 0 || unlogged(s) > 0;
        }
        return first.equals("alter") && (s.word(1).equals("table") || s.word(1).equals("index"))
                && !storageActions(s).isEmpty();
    }

    @Override
    public EngineStatement rewrite(LexedStatement s, Connection engine) {
        if (s.word(0).equals("create")) {
            Splice splice = new Splice(s);
            int u = unlogged(s);
            if (u > 0) {
                splice.drop(u, u);
            }
            dropTableOptions(s, splice);
            return EngineStatement.of(splice.text());
        }
        return alter(s);
    }

    /** Index of UNLOGGED among CREATE's modifiers, or -1. */
    private static int unlogged(LexedStatement s) {
        for (int i = 1; TABLE_MODIFIERS.contains(s.word(i)); i++) {
            if (s.word(i).equals("unlogged")) {
                return i;
            }
        }
        return -1;
    }

    /** For CREATE TABLE: the index after the column list (or the name, for AS), where options may start; else -1. */
    private static int tableOptionsStart(LexedStatement s) {
        int i = 1;
        while (TABLE_MODIFIERS.contains(s.word(i))) {
            i++;
        }
        if (!s.word(i).equals("table")) {
            return -1;
        }
        i++;
        if (Tokens.wordsAt(s, i, "if", "not", "exists")) {
            i += 3;
        }
        int end = Tokens.nameEnd(s, i);
        if (end < 0) {
            return -1;
        }
        int from = end + 1;
        if (Tokens.is(s, from, "(")) {
            int close = Tokens.closing(s, from);
            if (close < 0) {
                return -1;
            }
            from = close + 1;
        }
        return hasTableOption(s, from) ? from : -1;
    }

    private static boolean hasTableOption(LexedStatement s, int from) {
        for (int i = from; i < s.tokens().size(); i++) {
            if (s.word(i).equals("as")) {
                return false;
            }
            if (optionEnd(s, i) >= 0) {
                return true;
            }
        }
        return false;
    }

    /** When a table option starts at i: its last index, else -1. */
    private static int optionEnd(LexedStatement s, int i) {
        String w = s.word(i);
        if (w.equals("with") && Tokens.is(s, i + 1, "(")) {
            return Tokens.closing(s, i + 1);
        }
        if (w.equals("without") && s.word(i + 1).equals("oids")) {
            return i + 1;
        }
        if ((w.equals("tablespace") || w.equals("using")) && Tokens.isName(s, i + 1)) {
            return i + 1;
        }
        return -1;
    }

    private static void dropTableOptions(LexedStatement s, Splice splice) {
        int from = tableOptionsStart(s);
        if (from < 0) {
            return;
        }
        for (int i = from; i < s.tokens().size() && !s.word(i).equals("as"); i++) {
            int end = optionEnd(s, i);
            if (end >= 0) {
                splice.drop(i, end);
                i = end;
            }
        }
    }

    /** The first and last token index of each storage-only action of an ALTER TABLE / ALTER INDEX. */
    private static List<int[]> storageActions(LexedStatement s) {
        List<int[]> out = new ArrayList<>();
        List<int[]> actions = actions(s);
        for (int[] a : actions) {
            int i = a[0];
            String w = s.word(i);
            boolean storage = (w.equals("set") || w.equals("reset")) && Tokens.is(s, i + 1, "(")
                    && Tokens.closing(s, i + 1) == a[1]
                    || w.equals("set") && a[1] == i + 1 && (s.word(i + 1).equals("logged")
                            || s.word(i + 1).equals("unlogged"))
                    || w.equals("set") && a[1] == i + 2 && s.word(i + 1).equals("without")
                            && (s.word(i + 2).equals("oids") || s.word(i + 2).equals("cluster"));
            if (storage) {
                out.add(a);
            }
        }
        return out;
    }

    /** Index just after {@code ALTER TABLE|INDEX [IF EXISTS] [ONLY] name [*]}. */
    private static int afterName(LexedStatement s) {
        int i = 2;
        if (Tokens.wordsAt(s, i, "if", "exists")) {
            i += 2;
        }
        if (s.word(i).equals("only")) {
            i++;
        }
        int end = Tokens.nameEnd(s, i);
        if (end < 0) {
            return -1;
        }
        return Tokens.is(s, end + 1, "*") ? end + 2 : end + 1;
    }

    /** The actions of an ALTER TABLE: token ranges between commas at depth 0 after the name. */
    private static List<int[]> actions(LexedStatement s) {
        List<int[]> out = new ArrayList<>();
        int start = afterName(s);
        if (start < 0 || start >= s.tokens().size()) {
            return out;
        }
        int depth = 0;
        List<Token> t = s.tokens();
        for (int i = start; i < t.size(); i++) {
            if (t.get(i).is("(")) {
                depth++;
            } else if (t.get(i).is(")")) {
                depth--;
            } else if (depth == 0 && t.get(i).is(",")) {
                out.add(new int[] {start, i - 1});
                start = i + 1;
            }
        }
        out.add(new int[] {start, t.size() - 1});
        return out;
    }

    private static EngineStatement alter(LexedStatement s) {
        List<int[]> actions = actions(s);
        List<int[]> storage = storageActions(s);
        int nameStart = Tokens.wordsAt(s, 2, "if", "exists") ? 4 : 2;
        if (s.word(nameStart).equals("only")) {
            nameStart++;
        }
        if (storage.size() == actions.size()) {
            // Nothing left for the engine; ALTER TABLE still fails for a table that does not exist.
            boolean ifExists = Tokens.wordsAt(s, 2, "if", "exists");
            if (ifExists || !s.word(1).equals("table")) {
                return new EngineStatement(List.of(), "");
            }
            String table = Splice.source(s, nameStart, Tokens.nameEnd(s, nameStart));
            return new EngineStatement(List.of("SELECT 1 FROM " + table + " WHERE FALSE"), "");
        }
        List<String> kept = new ArrayList<>();
        for (int[] a : actions) {
            if (storage.stream().noneMatch(x -> x[0] == a[0])) {
                kept.add(Splice.source(s, a[0], a[1]));
            }
        }
        int head = actions.get(0)[0] - 1;
        return EngineStatement.of(Splice.source(s, 0, head) + " " + String.join(", ", kept));
    }
}
