package org.elephas.dialect;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import net.sf.jsqlparser.expression.Alias;
import net.sf.jsqlparser.expression.ExpressionVisitorAdapter;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.ReturningClause;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.AllTableColumns;
import net.sf.jsqlparser.statement.select.SelectItem;
import net.sf.jsqlparser.statement.update.Update;

import org.elephas.api.PgException;
import org.elephas.api.SqlState;

/**
 * PostgreSQL's {@code RETURNING} in H2's spelling: H2 has no RETURNING but reads the rows a
 * data-changing statement touched from a <em>data change delta table</em>:
 *
 * <pre>
 * INSERT INTO t .. RETURNING a, b   -&gt;  SELECT a, b FROM FINAL TABLE (INSERT INTO t ..) t
 * UPDATE t .. RETURNING a           -&gt;  SELECT a FROM FINAL TABLE (UPDATE t ..) t      (new values)
 * DELETE FROM t .. RETURNING a      -&gt;  SELECT a FROM OLD TABLE (DELETE FROM t ..) t
 * </pre>
 *
 * The delta table takes the target's alias (or its name), so {@code RETURNING t.a} keeps
 * working. A delta table holds the target's rows only: {@code RETURNING} of another table's
 * columns ({@code UPDATE .. FROM u .. RETURNING u.x}, or {@code *} there) is refused.
 */
final class DeltaTables {
    private DeltaTables() {
    }

    /**
     * @param statement a parse tree
     * @return whether it is an INSERT, UPDATE or DELETE with RETURNING
     */
    static boolean hasReturning(Statement statement) {
        return returning(statement) != null;
    }

    /**
     * @param statement a data-changing statement
     * @return its RETURNING clause, or null
     */
    static ReturningClause returning(Statement statement) {
        if (statement instanceof Insert i) {
            return i.getReturningClause();
        }
        if (statement instanceof Update u) {
            return u.getReturningClause();
        }
        if (statement instanceof Delete d) {
            return d.getReturningClause();
        }
        return null;
    }

    /**
     * @param statement a data-changing statement
     * @return its target table, or null for a query
     */
    static Table target(Statement statement) {
        if (statement instanceof Insert i) {
            return i.getTable();
        }
        if (statement instanceof Update u) {
            return u.getTable();
        }
        if (statement instanceof Delete d) {
            return d.getTable();
        }
        return null;
    }

    /**
     * The query reading a data-changing statement's RETURNING rows. Removes the RETURNING
     * clause from the statement.
     *
     * @param statement an INSERT, UPDATE or DELETE with RETURNING, without WITH
     * @return the engine query
     * @throws PgException 0A000 when RETURNING reads another table than the target
     */
    static String select(Statement statement) {
        ReturningClause returning = returning(statement);
        Table target = target(statement);
        String alias = target.getAlias() != null ? target.getAlias().getName() : target.getName();
        boolean otherTables = statement instanceof Update u
                && (u.getFromItem() != null || (u.getJoins() != null && !u.getJoins().isEmpty()))
                || statement instanceof Delete d && d.getUsingList() != null && !d.getUsingList().isEmpty();
        List<String> items = new ArrayList<>(returning.size());
        for (SelectItem<?> item : returning) {
            if (item.getExpression() instanceof AllColumns && !(item.getExpression() instanceof AllTableColumns)) {
                if (otherTables) {
                    throw refused("RETURNING * of a statement that reads other tables");
                }
            } else {
                requalify(item, target, alias);
            }
            items.add(item.toString());
        }
        String kind = statement instanceof Delete ? "OLD" : "FINAL";
        clearReturning(statement);
        return "SELECT " + String.join(", ", items) + " FROM " + kind + " TABLE (" + statement + ") "
                + alias;
    }

    private static void clearReturning(Statement statement) {
        if (statement instanceof Insert i) {
            i.setReturningClause(null);
        } else if (statement instanceof Update u) {
            u.setReturningClause(null);
        } else if (statement instanceof Delete d) {
            d.setReturningClause(null);
        }
    }

    /** Point every qualified column of a RETURNING item at the delta table's alias. */
    private static void requalify(SelectItem<?> item, Table target, String alias) {
        if (item.getExpression() instanceof AllTableColumns all) {
            if (!isTarget(all.getTable(), target, alias)) {
                throw refused("RETURNING " + all + " of another table than the target");
            }
            all.setTable(new Table(alias));
            return;
        }
        item.getExpression().accept(new ExpressionVisitorAdapter<Void>() {
            @Override
            public <S> Void visit(Column column, S context) {
                Table qualifier = column.getTable();
                if (qualifier != null && qualifier.getName() != null) {
                    if (!isTarget(qualifier, target, alias)) {
                        throw refused("RETURNING " + column + " of another table than the target");
                    }
                    column.setTable(new Table(alias));
                }
                return null;
            }
        }, null);
    }

    private static boolean isTarget(Table qualifier, Table target, String alias) {
        String name = lower(qualifier.getName());
        if (name.equals(lower(alias))) {
            return true;
        }
        return target.getAlias() == null && name.equals(lower(target.getName()))
                && (qualifier.getSchemaName() == null || lower(qualifier.getSchemaName()).equals(
                        lower(target.getSchemaName() == null ? "" : target.getSchemaName())));
    }

    private static String lower(String name) {
        if (name == null) {
            return "";
        }
        return name.startsWith("\"") ? name : name.toLowerCase(Locale.ROOT);
    }

    /**
     * @param what what is not supported
     * @return the 0A000 error
     */
    static PgException refused(String what) {
        return PgException.error(SqlState.FEATURE_NOT_SUPPORTED, what + " is not supported");
    }

    /**
     * @param name a name
     * @return an alias of that name, written without AS
     */
    static Alias alias(String name) {
        return new Alias(name, false);
    }
}
