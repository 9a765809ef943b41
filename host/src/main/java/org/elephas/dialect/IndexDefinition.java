package org.elephas.dialect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.elephas.api.PgException;
import org.elephas.api.SqlState;
import org.elephas.engine.EngineErrors;
import org.elephas.sql.LexedStatement;

/**
 * PostgreSQL's {@code CREATE [UNIQUE] INDEX [CONCURRENTLY] [[IF NOT EXISTS] name] ON [ONLY]
 * table [USING method] (element [, ...]) [INCLUDE (..)] [WITH (..)] [TABLESPACE t] [WHERE
 * predicate]} in what H2 has, an index on columns:
 *
 * <ul>
 * <li>CONCURRENTLY, ONLY, the access method, INCLUDE columns, storage parameters, tablespace,
 * operator classes and {@code COLLATE} on elements are dropped; a nameless index gets
 * PostgreSQL's kind of name ({@code table_column_idx});
 * <li>a non-unique partial index becomes a full index: every query gives the same rows;
 * <li>a UNIQUE partial index ({@code CREATE UNIQUE INDEX counted_unique_total ON counted (type)
 * WHERE type = 'total'}, as worker_spi creates) cannot become a full unique index, which would
 * also forbid duplicates outside the predicate. H2 has neither partial nor expression indexes,
 * so each element becomes an invisible generated column {@code CASE WHEN predicate THEN element
 * END} and the unique index covers those: rows outside the predicate hold NULLs, which a unique
 * index never compares equal, so exactly the rows inside it must be unique;
 * <li>expression elements ({@code lower(email)}, {@code (a + b)}) become generated columns the
 * same way (the index then enforces uniqueness but is not used to answer queries).
 * </ul>
 *
 * The generated columns are named {@code "index$1"}, ... and hidden from {@code SELECT *};
 * {@link DropIndex} removes them with the index. Their types come from the engine (a prepared,
 * never executed query). Done on tokens: JSqlParser 5.3 does not parse most predicates here.
 */
final class IndexDefinition implements TokenRewrite {
    private static final Set<String> ORDER_WORDS = Set.of("asc", "desc", "nulls", "first", "last");

    /** One index element: a column, or an expression, with its ordering words. */
    private record Element(String column, String expression, String ordering) {
    }

    @Override
    public Set<String> triggerWords() {
        return Set.of("index");
    }

    @Override
    public boolean applies(LexedStatement s) {
        return s.word(0).equals("create")
                && (s.word(1).equals("index") || s.word(1).equals("unique") && s.word(2).equals("index"));
    }

    @Override
    public EngineStatement rewrite(LexedStatement s, Connection engine) {
        int i = 1;
        boolean unique = s.word(i).equals("unique");
        if (unique) {
            i++;
        }
        i++; // INDEX
        if (s.word(i).equals("concurrently")) {
            i++;
        }
        boolean ifNotExists = Tokens.wordsAt(s, i, "if", "not", "exists");
        if (ifNotExists) {
            i += 3;
        }
        String name = null;
        if (!s.word(i).equals("on")) {
            name = s.tokens().get(i).text();
            i++;
        }
        if (!s.word(i).equals("on")) {
            throw syntax(s, i);
        }
        i++;
        if (s.word(i).equals("only")) {
            i++;
        }
        int tableEnd = Tokens.nameEnd(s, i);
        if (tableEnd < 0) {
            throw syntax(s, i);
        }
        String table = Splice.source(s, i, tableEnd);
        List<String> tableParts = Tokens.nameParts(s, i, tableEnd);
        i = tableEnd + 1;
        if (s.word(i).equals("using")) {
            i += 2;
        }
        if (!Tokens.is(s, i, "(")) {
            throw syntax(s, i);
        }
        int close = Tokens.closing(s, i);
        if (close < 0) {
            throw syntax(s, s.tokens().size());
        }
        List<Element> elements = elements(s, i, close);
        String predicate = null;
        for (int j = close + 1; j < s.tokens().size(); j++) {
            String w = s.word(j);
            if (w.equals("include") || w.equals("with")) {
                j = Tokens.closing(s, j + 1);
                if (j < 0) {
                    throw syntax(s, s.tokens().size());
                }
            } else if (w.equals("tablespace")) {
                j++;
            } else if (w.equals("nulls")) {
                if (s.word(j + 1).equals("not")) {
                    throw DeltaTables.refused("NULLS NOT DISTINCT");
                }
                j++;
            } else if (w.equals("where")) {
                predicate = Splice.source(s, j + 1, s.tokens().size() - 1);
                break;
            } else {
                throw syntax(s, j);
            }
        }
        if (name == null) {
            name = tableParts.get(tableParts.size() - 1) + "_"
                    + (elements.get(0).column != null ? unquoted(elements.get(0).column) : "expr") + "_idx";
        }
        String ifNot = ifNotExists ? "IF NOT EXISTS " : "";
        String create = "CREATE " + (unique ? "UNIQUE " : "") + "INDEX " + ifNot + Tokens.quote(name) + " ON " + table;
        boolean generated = elements.stream().anyMatch(e -> e.expression != null) || unique && predicate != null;
        if (!generated) {
            List<String> cols = new ArrayList<>();
            for (Element e : elements) {
                cols.add(e.column + e.ordering);
            }
            return EngineStatement.of(create + " (" + String.join(", ", cols) + ")");
        }
        String schema = tableParts.size() > 1 ? tableParts.get(tableParts.size() - 2) : null;
        return generatedColumns(engine, name, table, schema, ifNotExists, create, elements, unique ? predicate : null);
    }

    /** The generated-column translation: stale columns of a failed earlier attempt go first. */
    private static EngineStatement generatedColumns(Connection engine, String name, String table, String schema,
            boolean ifNotExists, String create, List<Element> elements, String predicate) {
        if (engine == null) {
            throw DeltaTables.refused("a partial unique or expression index without a session");
        }
        List<String> expressions = new ArrayList<>();
        for (Element e : elements) {
            String value = e.expression != null ? e.expression : e.column;
            expressions.add(predicate == null ? value : "CASE WHEN " + predicate + " THEN " + value + " END");
        }
        try {
            if (indexExists(engine, name, schema)) {
                if (ifNotExists) {
                    return new EngineStatement(List.of(), "");
                }
                throw PgException.error(SqlState.DUPLICATE_TABLE, "relation \"" + name + "\" already exists");
            }
            List<String> types = types(engine, table, expressions);
            List<String> before = new ArrayList<>();
            List<String> cols = new ArrayList<>();
            for (int k = 0; k < elements.size(); k++) {
                String column = Tokens.quote(name + "$" + (k + 1));
                before.add("ALTER TABLE " + table + " DROP COLUMN IF EXISTS " + column);
                before.add("ALTER TABLE " + table + " ADD COLUMN " + column + " " + types.get(k)
                        + " INVISIBLE GENERATED ALWAYS AS (" + expressions.get(k) + ")");
                cols.add(column + elements.get(k).ordering);
            }
            return new EngineStatement(before, create + " (" + String.join(", ", cols) + ")");
        } catch (SQLException e) {
            throw EngineErrors.translate(e);
        }
    }

    /** Whether the schema (the current one when null) has an index of that name. */
    private static boolean indexExists(Connection engine, String name, String schema) throws SQLException {
        try (PreparedStatement ps = engine.prepareStatement("SELECT 1 FROM INFORMATION_SCHEMA.INDEXES "
                + "WHERE INDEX_NAME = ? AND INDEX_SCHEMA = COALESCE(?, CURRENT_SCHEMA)")) {
            ps.setString(1, name);
            ps.setString(2, schema);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** The engine's types of the expressions over the table, from a prepared query's metadata. */
    private static List<String> types(Connection engine, String table, List<String> expressions) throws SQLException {
        String sql = "SELECT " + String.join(", ", expressions) + " FROM " + table + " WHERE FALSE";
        try (PreparedStatement ps = engine.prepareStatement(sql)) {
            ResultSetMetaData md = ps.getMetaData();
            List<String> types = new ArrayList<>();
            for (int k = 1; k <= md.getColumnCount(); k++) {
                types.add(typeSql(md, k));
            }
            return types;
        }
    }

    /** An H2 type as DDL, with the length or precision that its name needs. */
    static String typeSql(ResultSetMetaData md, int column) throws SQLException {
        String type = md.getColumnTypeName(column).toUpperCase(Locale.ROOT);
        return switch (type) {
            case "CHARACTER VARYING", "CHARACTER", "BINARY VARYING", "BINARY", "VARCHAR_IGNORECASE" ->
                type + "(" + md.getPrecision(column) + ")";
            case "NUMERIC", "DECIMAL" -> type + "(" + md.getPrecision(column) + ", " + md.getScale(column) + ")";
            default -> type;
        };
    }

    /** The elements between the parentheses {@code open..close}. */
    private static List<Element> elements(LexedStatement s, int open, int close) {
        List<Element> out = new ArrayList<>();
        int start = open + 1;
        int depth = 0;
        for (int j = open + 1; j <= close; j++) {
            var t = s.tokens().get(j);
            if (t.is("(")) {
                depth++;
            } else if (t.is(")") && depth > 0) {
                depth--;
            } else if (depth == 0 && (t.is(",") || j == close)) {
                out.add(element(s, start, j - 1));
                start = j + 1;
            }
        }
        return out;
    }

    private static Element element(LexedStatement s, int first, int last) {
        if (last < first) {
            throw syntax(s, first);
        }
        String column = null;
        String expression = null;
        int i;
        if (Tokens.is(s, first, "(")) {
            i = Tokens.closing(s, first);
            expression = "(" + Splice.source(s, first + 1, i - 1) + ")";
        } else if (Tokens.nameEnd(s, first) >= 0 && Tokens.is(s, Tokens.nameEnd(s, first) + 1, "(")) {
            i = Tokens.closing(s, Tokens.nameEnd(s, first) + 1);
            expression = Splice.source(s, first, i);
        } else if (Tokens.isName(s, first)) {
            i = first;
            column = Splice.source(s, first, first);
        } else {
            throw syntax(s, first);
        }
        StringBuilder ordering = new StringBuilder();
        for (int j = i + 1; j <= last; j++) {
            String w = s.word(j);
            if (w.equals("collate")) {
                j = Tokens.nameEnd(s, j + 1);
            } else if (ORDER_WORDS.contains(w)) {
                ordering.append(' ').append(w.toUpperCase(Locale.ROOT));
            } else if (Tokens.isName(s, j)) {
                // An operator class (text_pattern_ops): H2 has one kind of index.
                j = Tokens.nameEnd(s, j);
            } else {
                throw syntax(s, j);
            }
        }
        return new Element(column, expression, ordering.toString());
    }

    private static String unquoted(String column) {
        return column.startsWith("\"") ? column.substring(1, column.length() - 1) : column.toLowerCase(Locale.ROOT);
    }

    private static PgException syntax(LexedStatement s, int i) {
        if (i >= s.tokens().size()) {
            return PgException.error(SqlState.SYNTAX_ERROR, "syntax error at end of input");
        }
        return PgException.error(SqlState.SYNTAX_ERROR, "syntax error at or near \"" + Splice.source(s, i, i) + "\"")
                .withPosition(s.tokens().get(i).start() + 1);
    }
}
