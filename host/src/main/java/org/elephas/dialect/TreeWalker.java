package org.elephas.dialect;

import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.util.TablesNamesFinder;

/**
 * Visits every table reference, function call and column reference of a statement, in every
 * clause and sub-query, so that a rewrite can change them in place. Built on JSqlParser's
 * {@link TablesNamesFinder}, which already descends into every statement kind and expression.
 */
final class TreeWalker {

    /** What a rewrite does with each node; every method does nothing by default. */
    interface Visitor {
        /** @param table a table reference */
        default void table(Table table) {
        }

        /** @param function a function call */
        default void function(Function function) {
        }

        /** @param column a column reference (JSqlParser also parses bare key words such as {@code current_user} as one) */
        default void column(Column column) {
        }
    }

    private TreeWalker() {
    }

    /**
     * @param tree a statement
     * @param visitor told of each node
     */
    static void walk(Statement tree, Visitor visitor) {
        tree.accept(new Finder(visitor), null);
    }

    private static final class Finder extends TablesNamesFinder<Void> {
        private final Visitor visitor;

        Finder(Visitor visitor) {
            this.visitor = visitor;
            init(true); // also visit column references
        }

        @Override
        public <S> Void visit(Table table, S context) {
            visitor.table(table);
            return super.visit(table, context);
        }

        @Override
        public <S> Void visit(Function function, S context) {
            visitor.function(function);
            return super.visit(function, context);
        }

        @Override
        public <S> Void visit(Column column, S context) {
            visitor.column(column);
            return super.visit(column, context);
        }
    }
}
