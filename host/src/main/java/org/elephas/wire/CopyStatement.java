package org.elephas.wire;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.elephas.api.PgException;
import org.elephas.api.SqlState;

/**
 * A {@code COPY ... FROM STDIN} or {@code COPY ... TO STDOUT} statement, parsed: the table and
 * columns or the query, the direction and the format options (both PostgreSQL's option list
 * {@code WITH (FORMAT csv, HEADER, ...)} and the older {@code WITH CSV HEADER ...} words).
 *
 * @param table the table, or null when a query is copied out
 * @param columns the columns named, or empty for all
 * @param query the query of {@code COPY (query) TO STDOUT}, or null
 * @param from whether data comes from the client
 * @param csv CSV format, else text
 * @param delimiter the field delimiter
 * @param nullString what NULL looks like
 * @param header whether a header line comes first
 * @param quote CSV's quote character
 * @param escape CSV's escape character
 */
record CopyStatement(String table, List<String> columns, String query, boolean from, boolean csv, char delimiter,
        String nullString, boolean header, char quote, char escape) {

    /**
     * @param sql a statement
     * @return whether it is a COPY to or from the client (other COPY forms go to the pipeline)
     */
    static boolean isClientCopy(String sql) {
        int start = 0;
        while (start < sql.length() && Character.isWhitespace(sql.charAt(start))) {
            start++;
        }
        if (!sql.regionMatches(true, start, "copy", 0, 4)) {
            return false; // the common case, decided without copying the text
        }
        String s = sql.strip().toLowerCase(Locale.ROOT);
        return s.startsWith("copy") && (s.length() == 4 || !Character.isLetterOrDigit(s.charAt(4)))
                && (s.matches("(?s).*\\bfrom\\s+stdin\\b.*") || s.matches("(?s).*\\bto\\s+stdout\\b.*"));
    }

    /**
     * @param sql the statement
     * @return it parsed
     * @throws PgException 42601 for a syntax the parser does not take, 0A000 for binary format
     */
    static CopyStatement parse(String sql) {
        Tokens t = new Tokens(sql.strip());
        t.expect("copy");
        String table = null;
        String query = null;
        List<String> columns = new ArrayList<>();
        if (t.peekIs("(")) {
            query = t.parenthesized();
        } else {
            table = t.name();
            if (t.peekIs("(")) {
                t.next();
                do {
                    columns.add(t.name());
                } while (t.accept(","));
                t.expect(")");
            }
        }
        boolean from;
        if (t.accept("from")) {
            t.expect("stdin");
            from = true;
        } else {
            t.expect("to");
            t.expect("stdout");
            from = false;
        }
        if (from && query != null) {
            throw PgException.error(SqlState.SYNTAX_ERROR, "syntax error at or near \"(\"");
        }
        Options o = new Options();
        t.accept("with");
        if (t.accept("(")) {
            do {
                String option = t.word();
                String value = t.peekIs(",") || t.peekIs(")") ? null : t.value();
                o.set(option, value);
            } while (t.accept(","));
            t.expect(")");
        } else {
            while (!t.atEnd()) {
                String word = t.word();
                switch (word) {
                    case "csv" -> o.csv = true;
                    case "binary" -> o.set("format", "binary");
                    case "header" -> o.header = true;
                    case "delimiter" -> o.set("delimiter", t.acceptWord("as") ? t.value() : t.value());
                    case "null" -> o.set("null", t.acceptWord("as") ? t.value() : t.value());
                    case "quote" -> o.set("quote", t.acceptWord("as") ? t.value() : t.value());
                    case "escape" -> o.set("escape", t.acceptWord("as") ? t.value() : t.value());
                    default -> throw PgException.error(SqlState.SYNTAX_ERROR, "syntax error at or near \"" + word + "\"");
                }
            }
        }
        if (!t.atEnd()) {
            throw PgException.error(SqlState.SYNTAX_ERROR, "syntax error at or near \"" + t.word() + "\"");
        }
        char delimiter = o.delimiter != null ? o.delimiter : o.csv ? ',' : '\t';
        String nullString = o.nullString != null ? o.nullString : o.csv ? "" : "\\N";
        char quote = o.quote != null ? o.quote : '"';
        char escape = o.escape != null ? o.escape : quote;
        return new CopyStatement(table, List.copyOf(columns), query, from, o.csv, delimiter, nullString, o.header,
                quote, escape);
    }

    /** The option values given. */
    private static final class Options {
        boolean csv;
        boolean header;
        Character delimiter;
        String nullString;
        Character quote;
        Character escape;

        void set(String option, String value) {
            switch (option) {
                case "format" -> {
                    String f = value == null ? "" : value.toLowerCase(Locale.ROOT);
                    if (f.equals("binary")) {
                        throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "COPY BINARY is not supported");
                    }
                    if (!f.equals("csv") && !f.equals("text")) {
                        throw PgException.error(SqlState.INVALID_PARAMETER_VALUE, "COPY format \"" + value
                                + "\" not recognized");
                    }
                    csv = f.equals("csv");
                }
                case "header" -> header = value == null || List.of("true", "on", "1", "yes")
                        .contains(value.toLowerCase(Locale.ROOT));
                case "delimiter" -> delimiter = single("delimiter", value);
                case "null" -> nullString = value;
                case "quote" -> quote = single("quote", value);
                case "escape" -> escape = single("escape", value);
                case "encoding", "freeze", "force_quote", "force_not_null", "force_null" -> {
                    // Accepted and ignored: UTF-8 only; no freeze; default quoting rules.
                }
                default -> throw PgException.error(SqlState.SYNTAX_ERROR, "option \"" + option + "\" not recognized");
            }
        }

        private static char single(String option, String value) {
            if (value == null || value.length() != 1) {
                throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "COPY " + option
                        + " must be a single one-byte character");
            }
            return value.charAt(0);
        }
    }

    /** A small tokenizer for COPY's grammar: words, quoted names and strings, punctuation. */
    private static final class Tokens {
        private final String s;
        private int pos;

        Tokens(String s) {
            this.s = s.endsWith(";") ? s.substring(0, s.length() - 1) : s;
        }

        private void skip() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }

        boolean atEnd() {
            skip();
            return pos >= s.length();
        }

        boolean peekIs(String p) {
            skip();
            return s.startsWith(p, pos);
        }

        void next() {
            skip();
            pos++;
        }

        boolean accept(String p) {
            skip();
            if (Character.isLetter(p.charAt(0))) {
                int save = pos;
                if (!atEnd() && Character.isLetter(s.charAt(pos)) && word().equals(p)) {
                    return true;
                }
                pos = save;
                return false;
            }
            if (s.startsWith(p, pos)) {
                pos += p.length();
                return true;
            }
            return false;
        }

        boolean acceptWord(String w) {
            return accept(w);
        }

        void expect(String p) {
            if (!accept(p)) {
                throw PgException.error(SqlState.SYNTAX_ERROR, "syntax error at or near \""
                        + (atEnd() ? "end of input" : s.substring(pos, Math.min(s.length(), pos + 10)).split("\\s")[0]) + "\"");
            }
        }

        /** A bare word, lower-cased. */
        String word() {
            skip();
            int start = pos;
            while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_')) {
                pos++;
            }
            if (start == pos) {
                pos++;
                return s.substring(start, pos);
            }
            return s.substring(start, pos).toLowerCase(Locale.ROOT);
        }

        /** A possibly qualified, possibly quoted name, as SQL text to put in a statement. */
        String name() {
            skip();
            StringBuilder b = new StringBuilder();
            while (true) {
                if (peekIs("\"")) {
                    int end = s.indexOf('"', pos + 1);
                    while (end >= 0 && end + 1 < s.length() && s.charAt(end + 1) == '"') {
                        end = s.indexOf('"', end + 2);
                    }
                    if (end < 0) {
                        throw PgException.error(SqlState.SYNTAX_ERROR, "unterminated quoted identifier");
                    }
                    b.append(s, pos, end + 1);
                    pos = end + 1;
                } else {
                    String w = word();
                    if (!Character.isLetter(w.charAt(0)) && w.charAt(0) != '_') {
                        throw PgException.error(SqlState.SYNTAX_ERROR, "syntax error at or near \"" + w + "\"");
                    }
                    b.append(w);
                }
                if (s.startsWith(".", pos)) {
                    pos++;
                    b.append('.');
                } else {
                    return b.toString();
                }
            }
        }

        /** A string constant, a number or a word. */
        String value() {
            skip();
            if (pos < s.length() && (s.charAt(pos) == '\'' || s.startsWith("E'", pos) || s.startsWith("e'", pos))) {
                boolean e = s.charAt(pos) != '\'';
                pos += e ? 2 : 1;
                StringBuilder b = new StringBuilder();
                while (pos < s.length()) {
                    char c = s.charAt(pos++);
                    if (c == '\'') {
                        if (pos < s.length() && s.charAt(pos) == '\'') {
                            b.append('\'');
                            pos++;
                            continue;
                        }
                        return b.toString();
                    }
                    if (e && c == '\\' && pos < s.length()) {
                        char n = s.charAt(pos++);
                        b.append(switch (n) {
                            case 't' -> '\t';
                            case 'n' -> '\n';
                            case 'r' -> '\r';
                            default -> n;
                        });
                        continue;
                    }
                    b.append(c);
                }
                throw PgException.error(SqlState.SYNTAX_ERROR, "unterminated quoted string");
            }
            return word();
        }

        /** The text inside balanced parentheses (a query), quotes respected. */
        String parenthesized() {
            expect("(");
            int depth = 1;
            int start = pos;
            boolean quoted = false;
            while (pos < s.length()) {
                char c = s.charAt(pos++);
                if (c == '\'') {
                    quoted = !quoted;
                } else if (!quoted && c == '(') {
                    depth++;
                } else if (!quoted && c == ')' && --depth == 0) {
                    return s.substring(start, pos - 1);
                }
            }
            throw PgException.error(SqlState.SYNTAX_ERROR, "syntax error at end of input");
        }
    }
}
