package org.elephas.pipeline;

import java.util.List;

import org.elephas.api.sql.PlannedStmt;
import org.elephas.api.sql.Query;
import org.elephas.dialect.Dialect;
import org.elephas.dialect.EngineStatement;
import org.elephas.sql.Token;
import org.elephas.sql.TokenKind;

/**
 * {@code standard_planner}: the engine SQL of the query (its text, or its rewritten tree) to be
 * prepared on the session's engine connection at ExecutorStart. The engine's own optimiser
 * plans it; {@link PlannedStmt#explain()} shows that plan.
 */
public final class StandardPlanner implements org.elephas.api.hooks.PlannerHook.Next {
    private final Dialect dialect;

    /** @param dialect the dialect translation */
    public StandardPlanner(Dialect dialect) {
        this.dialect = dialect;
    }

    @Override
    public PlannedStmt planner(Query query, String queryString, int cursorOptions, List<Object> boundParams) {
        HostQuery q = (HostQuery) query;
        java.sql.Connection connection = StatementContext.current().connection();
        EngineStatement engine = dialect.toEngine(q, connection);
        return new HostPlannedStmt(q, engine.before(), engine.main(), parameterCount(q), connection, false);
    }

    /**
     * @param query a query
     * @return the highest {@code $n} it uses
     */
    static int parameterCount(HostQuery query) {
        int max = 0;
        for (Token t : query.lexed().tokens()) {
            if (t.kind() == TokenKind.PARAMETER) {
                max = Math.max(max, Integer.parseInt(t.text()));
            }
        }
        return max;
    }
}
