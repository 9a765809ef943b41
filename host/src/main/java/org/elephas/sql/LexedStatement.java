package org.elephas.sql;

import java.util.ArrayList;
import java.util.List;

import org.elephas.api.sql.CommandType;

/**
 * One statement's text with its tokens (offsets relative to the text), and what can be known
 * about it without parsing: its command type and its leading key words.
 *
 * @param text the statement without its terminating semicolon
 * @param tokens its tokens
 */
public record LexedStatement(String text, List<Token> tokens) {

    /**
     * Split SQL text into statements at top-level semicolons; empty statements are dropped.
     *
     * @param sql one or more statements
     * @return the statements, in order
     */
    public static List<LexedStatement> split(String sql) {
        List<Token> all = SqlLexer.tokenize(sql);
        List<LexedStatement> out = new ArrayList<>();
        int first = 0;
        for (int i = 0; i <= all.size(); i++) {
            if (i == all.size() || all.get(i).is(";")) {
                if (i > first) {
                    out.add(slice(sql, all.subList(first, i)));
                }
                first = i + 1;
            }
        }
        return out;
    }

    /**
     * Lex one statement.
     *
     * @param sql a single statement (a trailing semicolon is dropped)
     * @return it, lexed
     */
    public static LexedStatement of(String sql) {
        List<LexedStatement> all = split(sql);
        if (all.size() > 1) {
            throw new IllegalArgumentException("more than one statement: " + sql);
        }
        return all.isEmpty() ? new LexedStatement("", List.of()) : all.get(0);
    }

    private static LexedStatement slice(String sql, List<Token> tokens) {
        int start = tokens.get(0).start();
        int end = tokens.get(tokens.size() - 1).end();
        if (start == 0) {
            // The usual single statement: its offsets are already relative to its text.
            return new LexedStatement(sql.substring(0, end), List.copyOf(tokens));
        }
        List<Token> shifted = new ArrayList<>(tokens.size());
        for (Token t : tokens) {
            shifted.add(new Token(t.kind(), t.text(), t.start() - start, t.end() - start));
        }
        return new LexedStatement(sql.substring(start, end), List.copyOf(shifted));
    }

    /** @return whether there is nothing to run */
    public boolean isEmpty() {
        return tokens.isEmpty();
    }

    /**
     * @param index a token index
     * @return the lower-case word at that index, or "" when it is not an unquoted word
     */
    public String word(int index) {
        if (index < 0 || index >= tokens.size()) {
            return "";
        }
        Token t = tokens.get(index);
        return t.kind() == TokenKind.IDENTIFIER ? t.text() : "";
    }

    /**
     * @param words lower-case key words
     * @return whether the statement starts with them
     */
    public boolean startsWith(String... words) {
        for (int i = 0; i < words.length; i++) {
            if (!word(i).equals(words[i])) {
                return false;
            }
        }
        return true;
    }

    /** @return what the statement does, from its leading key words */
    public CommandType commandType() {
        int i = 0;
        while (i < tokens.size() && tokens.get(i).is("(")) {
            i++;
        }
        String first = word(i);
        if (first.equals("with")) {
            return commandAfterWith(i + 1);
        }
        return optimizable(first);
    }

    private static CommandType optimizable(String word) {
        return switch (word) {
            case "select", "values", "table" -> CommandType.SELECT;
            case "insert" -> CommandType.INSERT;
            case "update" -> CommandType.UPDATE;
            case "delete" -> CommandType.DELETE;
            case "merge" -> CommandType.MERGE;
            default -> CommandType.UTILITY;
        };
    }

    /** The main statement of {@code WITH a AS (...), b AS (...) main}: the first word at depth 0 after the list. */
    private CommandType commandAfterWith(int from) {
        int depth = 0;
        for (int i = from; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.is("(")) {
                depth++;
            } else if (t.is(")")) {
                depth--;
            } else if (depth == 0 && t.kind() == TokenKind.IDENTIFIER) {
                CommandType type = optimizable(t.text());
                if (type != CommandType.UTILITY) {
                    return type;
                }
            }
        }
        return CommandType.SELECT;
    }
}
