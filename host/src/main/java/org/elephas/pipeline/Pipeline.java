package org.elephas.pipeline;

import java.util.List;

import org.elephas.api.PgException;
import org.elephas.api.SqlState;
import org.elephas.api.sql.DestReceiver;
import org.elephas.api.sql.PlannedStmt;
import org.elephas.api.sql.QueryCompletion;
import org.elephas.hooks.HookChain;
import org.elephas.hooks.HookScope;

/**
 * Runs one statement through the stages (DESIGN G6), in the {@link StatementContext} of the
 * calling thread:
 *
 * <pre>
 * post_parse_analyze
 *   utility?  ProcessUtility ............................ (host command | engine)
 *   otherwise planner -> ExecutorCheckPerms -> ExecutorStart -> ExecutorRun -> ExecutorFinish -> ExecutorEnd
 * </pre>
 *
 * A prepared statement runs the first half once ({@link #prepare}) and the executor per
 * execution ({@link #execute(Prepared, List, DestReceiver, long)}). ExecutorEnd runs only
 * after a successful run, as in PostgreSQL; after an error the engine's resources are released
 * without it.
 *
 * <p>Each public method runs its stages inside the hook registry's statement scope
 * ({@link HookScope}) and calls the chains' unguarded entry points: one unloading handshake per
 * call here, not one per stage. A portal that runs in steps holds no scope between them. Until
 * a hook is installed, no scope is entered and the chains' entry points are the standard
 * implementations.
 */
public final class Pipeline {
    private final Stages stages;

    /** @param stages the chain points */
    public Pipeline(Stages stages) {
        this.stages = stages;
    }

    /** @return the chain points */
    public Stages stages() {
        return stages;
    }

    /**
     * A chain's entry point for a call in {@code scope}: unguarded inside the statement scope,
     * guarded (the standard implementation while the chain has no links) outside it.
     */
    private static <N> N at(HookChain<?, N> chain, HookScope.HookThread scope) {
        return scope != null ? chain.first() : chain.head();
    }

    /**
     * A statement analysed and, unless it is a utility statement, planned: ready to execute
     * any number of times.
     *
     * @param query the analysed statement
     * @param plan its plan (a utility statement's wrapper)
     */
    public record Prepared(HostQuery query, HostPlannedStmt plan) {
    }

    /**
     * Analyse and plan a statement.
     *
     * @param query the statement
     * @param keepPlan whether the plan is kept for many executions (a prepared statement)
     * @return it, ready to execute
     */
    public Prepared prepare(HostQuery query, boolean keepPlan) {
        HookScope.HookThread scope = stages.scope.enterIfUsed();
        try {
            return prepareInScope(query, keepPlan, scope);
        } finally {
            HookScope.exit(scope);
        }
    }

    private Prepared prepareInScope(HostQuery query, boolean keepPlan, HookScope.HookThread scope) {
        at(stages.postParseAnalyze, scope).postParseAnalyze(query);
        if (query.isUtility()) {
            return new Prepared(query, new HostPlannedStmt(query, query.sourceText(), 0,
                    StatementContext.current().connection(), false));
        }
        PlannedStmt planned = at(stages.planner, scope).planner(query, query.sourceText(), 0, List.of());
        if (!(planned instanceof HostPlannedStmt hp)) {
            throw PgException.error(SqlState.INTERNAL_ERROR, "a planner hook returned a plan the executor cannot run");
        }
        return new Prepared(query, hp.withCaching(keepPlan));
    }

    /**
     * Run a statement once: analyse, plan or process, execute.
     *
     * @param query the statement
     * @param params parameter values
     * @param dest where rows go
     * @return the completion
     */
    public QueryCompletion run(HostQuery query, List<Object> params, DestReceiver dest) {
        HookScope.HookThread scope = stages.scope.enterIfUsed();
        try {
            return executeInScope(prepareInScope(query, false, scope), params, dest, 0, scope);
        } finally {
            HookScope.exit(scope);
        }
    }

    /**
     * Execute a prepared statement to completion.
     *
     * @param prepared the statement
     * @param params parameter values
     * @param dest where rows go
     * @param count most rows to send, 0 for all
     * @return the completion
     */
    public QueryCompletion execute(Prepared prepared, List<Object> params, DestReceiver dest, long count) {
        HookScope.HookThread scope = stages.scope.enterIfUsed();
        try {
            return executeInScope(prepared, params, dest, count, scope);
        } finally {
            HookScope.exit(scope);
        }
    }

    private QueryCompletion executeInScope(Prepared prepared, List<Object> params, DestReceiver dest, long count,
            HookScope.HookThread scope) {
        QueryCompletion qc = new QueryCompletion();
        if (prepared.query().isUtility()) {
            StatementContext ctx = StatementContext.current();
            at(stages.processUtility, scope).processUtility(prepared.plan(), prepared.query().sourceText(), false, ctx.utilityContext(),
                    params, dest, qc);
            return qc;
        }
        HostQueryDesc qd = startInScope(prepared, params, dest, scope);
        try {
            at(stages.executorRun, scope).executorRun(qd, count, true);
            at(stages.executorFinish, scope).executorFinish(qd);
        } catch (RuntimeException | Error e) {
            qd.releaseResources();
            throw e;
        }
        at(stages.executorEnd, scope).executorEnd(qd);
        qc.set(prepared.query().commandType().name(), qd.processed());
        return qc;
    }

    /**
     * Check permissions and start the executor (for a portal that runs in steps).
     *
     * @param prepared the statement, not a utility one
     * @param params parameter values
     * @param dest where rows go
     * @return the started query
     */
    public HostQueryDesc start(Prepared prepared, List<Object> params, DestReceiver dest) {
        HookScope.HookThread scope = stages.scope.enterIfUsed();
        try {
            return startInScope(prepared, params, dest, scope);
        } finally {
            HookScope.exit(scope);
        }
    }

    private HostQueryDesc startInScope(Prepared prepared, List<Object> params, DestReceiver dest, HookScope.HookThread scope) {
        HostQueryDesc qd = new HostQueryDesc(prepared.plan(), params, dest, StatementContext.current().nestingLevel());
        if (!at(stages.executorCheckPerms, scope).executorCheckPerms(qd, true)) {
            throw PgException.error(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied");
        }
        try {
            at(stages.executorStart, scope).executorStart(qd, 0);
        } catch (RuntimeException | Error e) {
            qd.releaseResources();
            throw e;
        }
        return qd;
    }

    /**
     * Run a started statement for up to {@code count} more rows (a portal's Execute).
     *
     * @param qd the started statement
     * @param count most rows to send, 0 for all
     * @return whether rows remain (the portal is suspended)
     */
    public boolean runStep(HostQueryDesc qd, long count) {
        HookScope.HookThread scope = stages.scope.enterIfUsed();
        try {
            at(stages.executorRun, scope).executorRun(qd, count, false);
        } catch (RuntimeException | Error e) {
            qd.releaseResources();
            throw e;
        } finally {
            HookScope.exit(scope);
        }
        return qd.suspended();
    }

    /**
     * Finish a started statement whose rows are all sent, or that is closed early: ExecutorFinish
     * and ExecutorEnd.
     *
     * @param qd the started statement
     * @param prepared its statement
     * @return its completion
     */
    public QueryCompletion finish(Prepared prepared, HostQueryDesc qd) {
        HookScope.HookThread scope = stages.scope.enterIfUsed();
        try {
            try {
                at(stages.executorFinish, scope).executorFinish(qd);
            } catch (RuntimeException | Error e) {
                qd.releaseResources();
                throw e;
            }
            at(stages.executorEnd, scope).executorEnd(qd);
        } finally {
            HookScope.exit(scope);
        }
        QueryCompletion qc = new QueryCompletion();
        qc.set(prepared.query().commandType().name(), qd.processed());
        return qc;
    }
}
