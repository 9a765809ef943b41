package org.elephas.dialect;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.elephas.sql.LexedStatement;

/**
 * PostgreSQL's {@code CREATE SCHEMA name [AUTHORIZATION role] schema_element [...]}, which
 * creates the schema and then, inside it, each element: {@code CREATE TABLE}, {@code CREATE
 * VIEW}, {@code CREATE INDEX}, {@code CREATE SEQUENCE}, {@code CREATE TRIGGER} or {@code GRANT}.
 * PostgreSQL's worker_spi creates its schema, table and partial unique index this way in one
 * statement. H2 takes the schema alone, so the statement splits into {@code CREATE SCHEMA name}
 * and each element, with the names it creates (and, for an index or trigger, the table it is
 * on) qualified with the schema. The host runs the elements one after another as
 * sub-commands, as PostgreSQL does, so each is translated when its turn comes (a partial index
 * needs its table to exist by then).
 */
public final class SchemaElements {
    private static final Set<String> ELEMENT_STARTS = Set.of("create", "grant");

    private SchemaElements() {
    }

    /**
     * @param s a statement
     * @return whether it is a CREATE SCHEMA with schema elements
     */
    public static boolean hasElements(LexedStatement s) {
        return s.word(0).equals("create") && s.word(1).equals("schema") && firstElement(s) > 0;
    }

    /** Index of the first element's CREATE or GRANT, or -1. */
    private static int firstElement(LexedStatement s) {
        int i = 2;
        if (Tokens.wordsAt(s, i, "if", "not", "exists")) {
            return -1;
        }
        if (Tokens.isName(s, i) && !s.word(i).equals("authorization")) {
            i++;
        }
        if (s.word(i).equals("authorization")) {
            i += 2;
        }
        return i < s.tokens().size() && ELEMENT_STARTS.contains(s.word(i)) ? i : -1;
    }

    /**
     * @param s a CREATE SCHEMA with schema elements
     * @return the CREATE SCHEMA alone, then each element, in PostgreSQL's spelling
     */
    public static List<String> split(LexedStatement s) {
        int first = firstElement(s);
        String schema = Tokens.isName(s, 2) && !s.word(2).equals("authorization") ? Splice.source(s, 2, 2)
                : Splice.source(s, 3, 3); // CREATE SCHEMA AUTHORIZATION role: the schema is named after the role
        List<String> statements = new ArrayList<>();
        statements.add(Splice.source(s, 0, first - 1));
        int start = first;
        int depth = 0;
        for (int i = first + 1; i <= s.tokens().size(); i++) {
            boolean end = i == s.tokens().size();
            if (!end) {
                var t = s.tokens().get(i);
                if (t.is("(")) {
                    depth++;
                } else if (t.is(")")) {
                    depth--;
                }
            }
            if (end || depth == 0 && ELEMENT_STARTS.contains(s.word(i)) && !s.word(i - 1).equals("or")) {
                statements.add(qualified(LexedStatement.of(Splice.source(s, start, i - 1)), schema));
                start = i;
            }
        }
        return statements;
    }

    /** The element with its object (and an index's or trigger's table) in the schema, unless qualified already. */
    private static String qualified(LexedStatement e, String schema) {
        Splice splice = new Splice(e);
        if (e.word(0).equals("create")) {
            int i = 1;
            while (Set.of("or", "replace", "temp", "temporary", "unlogged", "unique", "recursive", "constraint")
                    .contains(e.word(i))) {
                i++;
            }
            String kind = e.word(i);
            i++;
            if (kind.equals("index") && e.word(i).equals("concurrently")) {
                i++;
            }
            if (Tokens.wordsAt(e, i, "if", "not", "exists")) {
                i += 3;
            }
            if (kind.equals("table") || kind.equals("view") || kind.equals("sequence")) {
                qualify(e, splice, i, schema);
            }
            if (kind.equals("index") || kind.equals("trigger")) {
                int on = Tokens.findTopLevel(e, i, "on");
                if (on > 0) {
                    int table = e.word(on + 1).equals("only") ? on + 2 : on + 1;
                    qualify(e, splice, table, schema);
                }
            }
        }
        return splice.text();
    }

    private static void qualify(LexedStatement e, Splice splice, int name, String schema) {
        if (Tokens.nameEnd(e, name) == name) {
            splice.replace(name, name, schema + "." + Splice.source(e, name, name));
        }
    }
}
