package org.elephas.dialect;

import java.util.Set;

import net.sf.jsqlparser.statement.Statement;

import org.elephas.sql.LexedStatement;

/**
 * PostgreSQL's {@code INSERT/UPDATE/DELETE .. RETURNING exprs}, which H2 lacks, as a query of
 * H2's data change delta table ({@link DeltaTables}). The statement keeps its command type, so
 * the client still gets {@code INSERT 0 n} / {@code UPDATE n} / {@code DELETE n} with the rows.
 * A RETURNING statement with {@code WITH} queries is {@link WithQueries}' job.
 */
final class Returning implements Rewrite {

    @Override
    public Set<String> triggerWords() {
        return Set.of("returning");
    }

    /** A top-level RETURNING in a statement that starts with INSERT, UPDATE or DELETE. */
    @Override
    public boolean applies(LexedStatement statement) {
        String first = statement.word(0);
        return (first.equals("insert") || first.equals("update") || first.equals("delete"))
                && Tokens.findTopLevel(statement, 1, "returning") > 0;
    }

    @Override
    public Statement rewrite(Statement tree) {
        if (!DeltaTables.hasReturning(tree)) {
            return tree;
        }
        return new EngineScript(EngineStatement.of(DeltaTables.select(tree)));
    }
}
