package org.elephas.dialect;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.ParenthesedStatement;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.delete.ParenthesedDelete;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.insert.ParenthesedInsert;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SelectItem;
import net.sf.jsqlparser.statement.select.WithItem;
import net.sf.jsqlparser.statement.update.ParenthesedUpdate;
import net.sf.jsqlparser.statement.update.Update;
import net.sf.jsqlparser.util.TablesNamesFinder;

import org.elephas.api.PgException;
import org.elephas.api.SqlState;
import org.elephas.sql.LexedStatement;
import org.elephas.sql.Token;

/**
 * PostgreSQL's data-modifying {@code WITH} queries ({@code WITH d AS (DELETE .. RETURNING ..)
 * UPDATE ..}, as PostgreSQL's worker_spi runs) and {@code WITH} before INSERT/UPDATE/DELETE,
 * neither of which H2 has. H2 accepts WITH only before a query, and evaluates a WITH query once
 * per reference (a DELETE in one would run again, or not at all when unreferenced), so each
 * WITH query runs first, exactly once, into a session-local temporary table, and the main
 * statement reads the tables:
 *
 * <pre>
 * WITH d AS (DELETE FROM t WHERE k = 'delta' RETURNING v), s AS (SELECT sum(v) AS n FROM d)
 * UPDATE t SET v = t.v + s.n FROM s WHERE k = 'total' RETURNING t.v
 * -&gt;
 * CREATE LOCAL TEMPORARY TABLE "elephas_cte_7_1" ON COMMIT DROP TRANSACTIONAL AS
 *     SELECT v FROM OLD TABLE (DELETE FROM t WHERE k = 'delta') t
 * CREATE LOCAL TEMPORARY TABLE "elephas_cte_7_2" ON COMMIT DROP TRANSACTIONAL AS
 *     SELECT sum(v) AS n FROM "elephas_cte_7_1" d
 * SELECT t.v FROM FINAL TABLE (UPDATE t SET v = t.v + s.n FROM "elephas_cte_7_2" s WHERE k = 'total') t
 * </pre>
 *
 * The executor runs the statements in one transaction (its own when the session has none), and
 * the tables go at its commit or rollback; each execution names its tables anew
 * ({@link TemporaryTables}).
 *
 * <p>PostgreSQL runs all parts on one snapshot: no part sees another's changes to the tables.
 * Run one after another, a later part would see an earlier one's changes, so a statement is
 * refused (0A000) when a part reads a table an earlier data-modifying part changed, or changes
 * it in a way that could meet the earlier change: an UPDATE or DELETE after an INSERT or UPDATE
 * of the same table. A DELETE followed by an UPDATE or DELETE of the same table is allowed: in
 * PostgreSQL the later part skips the rows the earlier one deleted, exactly what it does when
 * they are gone. An INSERT meets nothing of earlier parts.
 */
final class WithQueries implements Rewrite {

    /** One WITH query or the main statement. */
    private static final class Part {
        final String name;
        final List<SelectItem<?>> columns;
        final Statement statement;
        boolean recursive;
        final List<Table> references = new ArrayList<>();
        String tempTable;

        Part(String name, List<SelectItem<?>> columns, Statement statement, boolean recursive) {
            this.name = name;
            this.columns = columns;
            this.statement = statement;
            this.recursive = recursive;
        }

        Table target() {
            return DeltaTables.target(statement);
        }

        String kind() {
            if (statement instanceof Insert) {
                return "INSERT";
            }
            if (statement instanceof Update) {
                return "UPDATE";
            }
            return statement instanceof Delete ? "DELETE" : "SELECT";
        }

        boolean modifies() {
            return target() != null;
        }
    }

    @Override
    public Set<String> triggerWords() {
        return Set.of("with");
    }

    /**
     * The statement starts with WITH and its main statement changes data, or one of its WITH
     * queries does: {@code AS [NOT] [MATERIALIZED] (} followed by INSERT, UPDATE or DELETE.
     */
    @Override
    public boolean applies(LexedStatement statement) {
        if (!statement.word(0).equals("with")) {
            return false;
        }
        if (statement.commandType() != org.elephas.api.sql.CommandType.SELECT) {
            return true;
        }
        List<Token> t = statement.tokens();
        for (int i = 1; i + 1 < t.size(); i++) {
            if (t.get(i).is("(") && t.get(i - 1).kind() == org.elephas.sql.TokenKind.IDENTIFIER
                    && (t.get(i - 1).isWord("as") || t.get(i - 1).isWord("materialized"))) {
                String next = statement.word(i + 1);
                if (next.equals("insert") || next.equals("update") || next.equals("delete")) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public Statement rewrite(Statement tree) {
        List<WithItem<?>> items = withItems(tree);
        if (items == null || items.isEmpty()) {
            return tree;
        }
        setWithItems(tree, null);
        List<Part> parts = new ArrayList<>();
        boolean recursive = false;
        for (WithItem<?> item : items) {
            recursive |= item.isRecursive();
            parts.add(new Part(unquoted(item.getAliasName()), item.getWithItemList(), body(item), false));
        }
        for (Part p : parts) {
            p.recursive = recursive;
        }
        boolean anyModifying = parts.stream().anyMatch(Part::modifies) || DeltaTables.target(tree) != null;
        if (!anyModifying) {
            setWithItems(tree, items);
            return tree;
        }
        Part main = new Part(null, null, tree, false);
        parts.add(main);
        for (Part p : parts) {
            collectReferences(p);
        }
        checkReferences(parts, recursive);
        checkSnapshot(parts);

        List<String> before = new ArrayList<>();
        for (int i = 0; i < parts.size() - 1; i++) {
            Part p = parts.get(i);
            renameReferences(p, parts, i);
            if (p.modifies() && !DeltaTables.hasReturning(p.statement)) {
                before.add(p.statement.toString());
                continue;
            }
            p.tempTable = TemporaryTables.name(i + 1);
            String query = p.modifies() ? DeltaTables.select(p.statement) : selfReferencing(p);
            before.add("CREATE LOCAL TEMPORARY TABLE " + p.tempTable + columnList(p)
                    + " ON COMMIT DROP TRANSACTIONAL AS " + query);
        }
        renameReferences(main, parts, parts.size() - 1);
        String mainSql = DeltaTables.hasReturning(tree) ? DeltaTables.select(tree) : tree.toString();
        return new EngineScript(new EngineStatement(before, mainSql));
    }

    /** A recursive query keeps its WITH RECURSIVE around itself; any other is its own body. */
    private static String selfReferencing(Part p) {
        boolean self = p.recursive && p.references.stream().anyMatch(t -> isNamed(t, p.name));
        if (!self) {
            return p.statement.toString();
        }
        return "WITH RECURSIVE " + p.name + columnList(p) + " AS (" + p.statement + ") SELECT * FROM " + p.name;
    }

    private static String columnList(Part p) {
        if (p.columns == null || p.columns.isEmpty()) {
            return "";
        }
        List<String> names = new ArrayList<>();
        for (SelectItem<?> c : p.columns) {
            names.add(c.toString());
        }
        return " (" + String.join(", ", names) + ")";
    }

    private static Statement body(WithItem<?> item) {
        ParenthesedStatement ps = item.getParenthesedStatement();
        if (ps instanceof ParenthesedInsert pi) {
            return pi.getInsert();
        }
        if (ps instanceof ParenthesedUpdate pu) {
            return pu.getUpdate();
        }
        if (ps instanceof ParenthesedDelete pd) {
            return pd.getDelete();
        }
        if (ps instanceof ParenthesedSelect sel) {
            return sel.getSelect();
        }
        throw DeltaTables.refused("this WITH query");
    }

    private static List<WithItem<?>> withItems(Statement tree) {
        if (tree instanceof Select s) {
            return s.getWithItemsList();
        }
        if (tree instanceof Insert i) {
            return i.getWithItemsList();
        }
        if (tree instanceof Update u) {
            return u.getWithItemsList();
        }
        if (tree instanceof Delete d) {
            return d.getWithItemsList();
        }
        return null;
    }

    private static void setWithItems(Statement tree, List<WithItem<?>> items) {
        if (tree instanceof Select s) {
            s.setWithItemsList(items);
        } else if (tree instanceof Insert i) {
            i.setWithItemsList(items);
        } else if (tree instanceof Update u) {
            u.setWithItemsList(items);
        } else if (tree instanceof Delete d) {
            d.setWithItemsList(items);
        }
    }

    /** Every table reference of a part, the target of a data-changing part included. */
    private static void collectReferences(Part p) {
        TablesNamesFinder<Void> finder = new TablesNamesFinder<>() {
            @Override
            public <S> Void visit(Table table, S context) {
                p.references.add(table);
                return super.visit(table, context);
            }
        };
        try {
            finder.getTables(p.statement);
        } catch (UnsupportedOperationException e) {
            throw DeltaTables.refused("this statement in a data-modifying WITH");
        }
        Table target = p.target();
        if (target != null && p.references.stream().noneMatch(t -> t == target)) {
            p.references.add(target);
        }
    }

    /**
     * Without RECURSIVE a WITH query sees the earlier ones only (a later name is a table's);
     * with it, only a query's reference to itself is allowed beyond those, for a SELECT. A
     * data-modifying query without RETURNING cannot be read.
     */
    private static void checkReferences(List<Part> parts, boolean recursive) {
        for (int i = 0; i < parts.size(); i++) {
            Part p = parts.get(i);
            for (Table t : p.references) {
                for (int j = 0; j < parts.size() - 1; j++) {
                    Part q = parts.get(j);
                    if (!isNamed(t, q.name)) {
                        continue;
                    }
                    if (j < i) {
                        if (q.modifies() && !DeltaTables.hasReturning(q.statement)) {
                            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED,
                                    "WITH query \"" + q.name + "\" does not have a RETURNING clause");
                        }
                    } else if (recursive && (j > i || p.modifies())) {
                        throw DeltaTables.refused("a WITH query referring to a later one, or a data-modifying one to itself,");
                    }
                }
            }
        }
    }

    /** Refuse what running the parts one after another would answer differently from one snapshot. */
    private static void checkSnapshot(List<Part> parts) {
        for (int i = 0; i < parts.size(); i++) {
            Part a = parts.get(i);
            if (!a.modifies()) {
                continue;
            }
            String table = tableKey(a.target());
            for (int j = i + 1; j < parts.size(); j++) {
                Part b = parts.get(j);
                Table bTarget = b.target();
                for (Table t : b.references) {
                    if (t != bTarget && !isCte(t, parts) && tableKey(t).equals(table)) {
                        throw conflict(a, b, "reads");
                    }
                }
                if (bTarget != null && tableKey(bTarget).equals(table)) {
                    boolean safe = b.statement instanceof Insert
                            || a.statement instanceof Delete && (b.statement instanceof Delete
                                    || b.statement instanceof Update);
                    if (!safe) {
                        throw conflict(a, b, "changes");
                    }
                }
            }
        }
    }

    private static PgException conflict(Part a, Part b, String how) {
        String later = b.name == null ? "the main statement" : "WITH query \"" + b.name + "\"";
        return PgException.error(SqlState.FEATURE_NOT_SUPPORTED,
                "WITH query \"" + a.name + "\" (" + a.kind() + ") changes table \"" + a.target().getName() + "\", which "
                        + later + " also " + how)
                .withDetail("Elephas runs data-modifying WITH queries one after another, so a later part would see "
                        + "changes PostgreSQL hides from it.");
    }

    private static boolean isCte(Table t, List<Part> parts) {
        for (Part p : parts) {
            if (p.name != null && isNamed(t, p.name)) {
                return true;
            }
        }
        return false;
    }

    /** Point references to earlier WITH queries at their temporary tables, keeping the name as alias. */
    private static void renameReferences(Part p, List<Part> parts, int position) {
        Map<Table, Boolean> done = new IdentityHashMap<>();
        for (Table t : p.references) {
            if (done.put(t, Boolean.TRUE) != null || t == p.target()) {
                continue;
            }
            for (int j = 0; j < position; j++) {
                Part q = parts.get(j);
                if (q.tempTable != null && isNamed(t, q.name)) {
                    if (t.getAlias() == null) {
                        t.setAlias(DeltaTables.alias(t.getName()));
                    }
                    t.setName(q.tempTable);
                }
            }
        }
    }

    private static boolean isNamed(Table t, String cteName) {
        return cteName != null && t.getSchemaName() == null && unquoted(t.getName()).equals(cteName);
    }

    /** The table's name as a comparison key: schema left out, so tables that may be the same compare equal. */
    private static String tableKey(Table t) {
        return unquoted(t.getName());
    }

    private static String unquoted(String name) {
        if (name == null) {
            return "";
        }
        if (name.length() > 1 && name.startsWith("\"") && name.endsWith("\"")) {
            return name.substring(1, name.length() - 1);
        }
        return name.toLowerCase(Locale.ROOT);
    }
}
