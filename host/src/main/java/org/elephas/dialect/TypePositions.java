package org.elephas.dialect;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;

import org.elephas.sql.LexedStatement;
import org.elephas.sql.Token;

/**
 * Where type names stand in a statement, found from its tokens: after {@code ::}, after
 * {@code AS} inside {@code CAST(..)}, in the column definitions of {@code CREATE TABLE}, and
 * after {@code ADD [COLUMN] name} and {@code [SET DATA] TYPE} in {@code ALTER TABLE}. Words that
 * are also common column names ({@code name}) are only types there.
 */
final class TypePositions {
    /** Words that start a table constraint rather than a column in a column list. */
    private static final Set<String> CONSTRAINT_WORDS = Set.of("constraint", "primary", "unique", "check", "foreign",
            "exclude", "like");
    private static final Set<String> TABLE_MODIFIERS = Set.of("temp", "temporary", "unlogged", "local", "global");

    private TypePositions() {
    }

    /**
     * @param s a statement
     * @return the indexes of the tokens that start a type name, in order
     */
    static List<Integer> of(LexedStatement s) {
        List<Integer> out = new ArrayList<>();
        List<Token> t = s.tokens();
        Deque<String> opened = new ArrayDeque<>();
        for (int i = 0; i < t.size(); i++) {
            Token k = t.get(i);
            if (k.is("::")) {
                out.add(i + 1);
            } else if (k.is("(")) {
                opened.push(s.word(i - 1));
            } else if (k.is(")")) {
                opened.poll();
            } else if (k.isWord("as") && "cast".equals(opened.peek())) {
                out.add(i + 1);
            }
        }
        String first = s.word(0);
        if (first.equals("create")) {
            columnDefinitions(s, out);
        } else if (first.equals("alter") && s.word(1).equals("table")) {
            alterTable(s, out);
        }
        out.removeIf(i -> i >= t.size());
        out.sort(null);
        return out;
    }

    /** {@code CREATE [modifiers] TABLE [IF NOT EXISTS] name ( col type .., constraint .. )}. */
    private static void columnDefinitions(LexedStatement s, List<Integer> out) {
        int i = 1;
        while (TABLE_MODIFIERS.contains(s.word(i))) {
            i++;
        }
        if (!s.word(i).equals("table")) {
            return;
        }
        i++;
        if (Tokens.wordsAt(s, i, "if", "not", "exists")) {
            i += 3;
        }
        int nameEnd = Tokens.nameEnd(s, i);
        if (nameEnd < 0 || !Tokens.is(s, nameEnd + 1, "(")) {
            return;
        }
        int open = nameEnd + 1;
        int close = Tokens.closing(s, open);
        int elementStart = open + 1;
        int depth = 0;
        for (int j = open + 1; close > 0 && j <= close; j++) {
            Token k = s.tokens().get(j);
            if (j == elementStart && Tokens.isName(s, j) && !CONSTRAINT_WORDS.contains(s.word(j))) {
                out.add(j + 1);
            }
            if (k.is("(")) {
                depth++;
            } else if (k.is(")")) {
                depth--;
            } else if (k.is(",") && depth == 0) {
                elementStart = j + 1;
            }
        }
    }

    /** {@code ALTER TABLE .. ADD [COLUMN] [IF NOT EXISTS] name type} and {@code ALTER [COLUMN] name [SET DATA] TYPE type}. */
    private static void alterTable(LexedStatement s, List<Integer> out) {
        List<Token> t = s.tokens();
        int depth = 0;
        for (int i = 2; i < t.size(); i++) {
            Token k = t.get(i);
            if (k.is("(")) {
                depth++;
            } else if (k.is(")")) {
                depth--;
            } else if (depth == 0 && k.isWord("add")) {
                int j = i + 1;
                if (s.word(j).equals("column")) {
                    j++;
                }
                if (CONSTRAINT_WORDS.contains(s.word(j))) {
                    continue;
                }
                if (Tokens.wordsAt(s, j, "if", "not", "exists")) {
                    j += 3;
                }
                if (Tokens.isName(s, j)) {
                    out.add(j + 1);
                }
            } else if (depth == 0 && k.isWord("type") && (Tokens.isName(s, i - 1))) {
                out.add(i + 1);
            }
        }
    }
}
