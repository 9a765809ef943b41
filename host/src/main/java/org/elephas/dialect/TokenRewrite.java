package org.elephas.dialect;

import java.sql.Connection;

import net.sf.jsqlparser.statement.Statement;

import org.elephas.sql.LexedStatement;

/**
 * A translation done on a statement's tokens rather than its parse tree: for PostgreSQL forms
 * that JSqlParser 5.3 cannot parse ({@code OPERATOR(pg_catalog.~)}, {@code TRUNCATE a, b},
 * {@code CREATE INDEX .. WHERE a > 0}) and for small expression-level spellings where splicing
 * text is cheaper and safer than a parse. Token rewrites run before any tree rewrite, on the
 * PostgreSQL text ({@code $n} parameters still spelt so), so the statement a tree rewrite then
 * parses no longer holds the forms the parser rejects.
 */
public interface TokenRewrite extends Rewrite {

    /**
     * Rewrite one statement's text.
     *
     * @param statement a statement for which {@link #applies} said yes
     * @param engine the session's engine connection, for the few rewrites that resolve names
     *     at planning time as PostgreSQL's parse analysis does ({@code 't'::regclass}); null
     *     when there is none
     * @return the statements to run instead, in PostgreSQL's spelling except for what this
     *     rewrite translated
     */
    EngineStatement rewrite(LexedStatement statement, Connection engine);

    /** A token rewrite does not touch trees: this returns the tree unchanged. */
    @Override
    default Statement rewrite(Statement tree) {
        return tree;
    }
}
