package org.elephas.wire;

import java.util.ArrayList;
import java.util.List;

import org.elephas.api.PgException;
import org.elephas.api.SqlState;

/**
 * COPY's text and CSV row formats: one row to a line, fields split by the delimiter. Text
 * escapes special characters with backslashes and writes NULL as {@code \N}; CSV quotes
 * fields that need it and writes NULL as an unquoted empty field.
 */
final class CopyFormat {
    private final CopyStatement copy;

    CopyFormat(CopyStatement copy) {
        this.copy = copy;
    }

    /**
     * @param fields a row's values as text, null for NULL
     * @return the line, with its newline
     */
    String format(List<String> fields) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                b.append(copy.delimiter());
            }
            String f = fields.get(i);
            if (f == null) {
                b.append(copy.csv() ? "" : copy.nullString());
            } else if (copy.csv()) {
                boolean quote = f.isEmpty() && copy.nullString().isEmpty() || f.equals(copy.nullString())
                        || f.indexOf(copy.delimiter()) >= 0 || f.indexOf(copy.quote()) >= 0 || f.indexOf('\n') >= 0
                        || f.indexOf('\r') >= 0;
                if (quote) {
                    b.append(copy.quote());
                    for (char c : f.toCharArray()) {
                        if (c == copy.quote() || c == copy.escape()) {
                            b.append(copy.escape());
                        }
                        b.append(c);
                    }
                    b.append(copy.quote());
                } else {
                    b.append(f);
                }
            } else {
                for (char c : f.toCharArray()) {
                    switch (c) {
                        case '\\' -> b.append("\\\\");
                        case '\n' -> b.append("\\n");
                        case '\r' -> b.append("\\r");
                        case '\t' -> b.append(c == copy.delimiter() ? "\\t" : "\\t");
                        default -> {
                            if (c == copy.delimiter()) {
                                b.append('\\');
                            }
                            b.append(c);
                        }
                    }
                }
            }
        }
        return b.append('\n').toString();
    }

    /**
     * @param line one line (CSV: possibly with quoted newlines), without its final newline
     * @return whether it is incomplete (an open CSV quote): more lines belong to it
     */
    boolean incomplete(String line) {
        if (!copy.csv()) {
            return false;
        }
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted && c == copy.escape() && copy.escape() != copy.quote() && i + 1 < line.length()) {
                i++;
            } else if (c == copy.quote()) {
                quoted = !quoted;
            }
        }
        return quoted;
    }

    /**
     * @param line one row's text, without its newline
     * @return the fields, null for NULL
     */
    List<String> parse(String line) {
        return copy.csv() ? parseCsv(line) : parseText(line);
    }

    private List<String> parseText(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder raw = new StringBuilder();
        StringBuilder value = new StringBuilder();
        for (int i = 0; i <= line.length(); i++) {
            if (i == line.length() || line.charAt(i) == copy.delimiter()) {
                fields.add(raw.toString().equals(copy.nullString()) ? null : value.toString());
                raw.setLength(0);
                value.setLength(0);
                continue;
            }
            char c = line.charAt(i);
            raw.append(c);
            if (c != '\\' || i + 1 >= line.length()) {
                value.append(c);
                continue;
            }
            char n = line.charAt(++i);
            raw.append(n);
            switch (n) {
                case 'b' -> value.append('\b');
                case 'f' -> value.append('\f');
                case 'n' -> value.append('\n');
                case 'r' -> value.append('\r');
                case 't' -> value.append('\t');
                case 'v' -> value.append('\u000b');
                case 'x' -> {
                    int end = i + 1;
                    while (end < line.length() && end < i + 3 && Character.digit(line.charAt(end), 16) >= 0) {
                        end++;
                    }
                    if (end == i + 1) {
                        value.append('x');
                    } else {
                        raw.append(line, i + 1, end);
                        value.append((char) Integer.parseInt(line.substring(i + 1, end), 16));
                        i = end - 1;
                    }
                }
                default -> {
                    if (n >= '0' && n <= '7') {
                        int end = i;
                        while (end < line.length() && end < i + 3 && line.charAt(end) >= '0' && line.charAt(end) <= '7') {
                            end++;
                        }
                        raw.append(line, i + 1, end);
                        value.append((char) Integer.parseInt(line.substring(i, end), 8));
                        i = end - 1;
                    } else {
                        value.append(n);
                    }
                }
            }
        }
        return fields;
    }

    private List<String> parseCsv(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder value = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int i = 0; i <= line.length(); i++) {
            if (i == line.length()) {
                if (quoted) {
                    throw PgException.error("22P04", "unterminated CSV quoted field");
                }
                fields.add(!wasQuoted && value.toString().equals(copy.nullString()) ? null : value.toString());
                break;
            }
            char c = line.charAt(i);
            if (quoted) {
                if (c == copy.escape() && i + 1 < line.length() && (line.charAt(i + 1) == copy.quote()
                        || line.charAt(i + 1) == copy.escape())) {
                    value.append(line.charAt(++i));
                } else if (c == copy.quote()) {
                    quoted = false;
                } else {
                    value.append(c);
                }
            } else if (c == copy.quote()) {
                quoted = true;
                wasQuoted = true;
            } else if (c == copy.delimiter()) {
                fields.add(!wasQuoted && value.toString().equals(copy.nullString()) ? null : value.toString());
                value.setLength(0);
                wasQuoted = false;
            } else {
                value.append(c);
            }
        }
        return fields;
    }
}
