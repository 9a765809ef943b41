package org.elephas.dialect;

import java.util.List;

import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.StatementVisitor;
import net.sf.jsqlparser.statement.UnsupportedStatement;

/**
 * The end of tree rewriting: engine SQL that JSqlParser cannot represent (H2's data-change
 * delta tables {@code FINAL TABLE (..)}, temporary tables created for {@code WITH} queries).
 * A tree rewrite returns one when its translation leaves JSqlParser's grammar; later tree
 * rewrites pass it through, and the {@link Deparser} takes its statements as they are.
 * Visitors see it as JSqlParser's {@link UnsupportedStatement}.
 */
public final class EngineScript implements Statement {
    private final EngineStatement statement;

    /** @param statement the engine's statements */
    public EngineScript(EngineStatement statement) {
        this.statement = statement;
    }

    /** @return the engine's statements */
    public EngineStatement statement() {
        return statement;
    }

    @Override
    public <T, S> T accept(StatementVisitor<T> visitor, S context) {
        return visitor.visit(new UnsupportedStatement(List.of(statement.toString())), context);
    }

    @Override
    public String toString() {
        return statement.toString();
    }
}
