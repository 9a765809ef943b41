package org.elephas.system;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Reads a {@code search_path} value as PostgreSQL does, for {@code current_schemas()}. */
final class SearchPath {
    private SearchPath() {
    }

    /**
     * @param path the value: comma-separated names, double-quoted ones kept as written (with
     *     {@code ""} for a quote), others folded to lower case
     * @param role the session's role, which {@code $user} names
     * @return the names in order
     */
    static List<String> parse(String path, String role) {
        List<String> names = new ArrayList<>();
        for (int i = 0, n = path.length(); i < n;) {
            char c = path.charAt(i);
            if (c == ',' || Character.isWhitespace(c)) {
                i++;
                continue;
            }
            StringBuilder name = new StringBuilder();
            if (c == '"') {
                for (i++; i < n; i++) {
                    char q = path.charAt(i);
                    if (q == '"' && i + 1 < n && path.charAt(i + 1) == '"') {
                        name.append('"');
                        i++;
                    } else if (q == '"') {
                        i++;
                        break;
                    } else {
                        name.append(q);
                    }
                }
                // Skip to the next comma.
                while (i < n && path.charAt(i) != ',') {
                    i++;
                }
            } else {
                int end = path.indexOf(',', i);
                end = end < 0 ? n : end;
                name.append(path.substring(i, end).strip().toLowerCase(Locale.ROOT));
                i = end;
            }
            String s = name.toString();
            names.add(s.equals("$user") ? role : s);
        }
        return names;
    }
}
