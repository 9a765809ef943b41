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
 *
 * <p>The pipeline keeps the backend's {@link NestingLevels}: each planner, ExecutorRun,
 * ExecutorFinish and ProcessUtility call counts from entering its chain to leaving it, and a
 * statement takes the level as it enters (its Query when analysed, its QueryDesc when started).
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
            return prepareInScope(query, keepPlan, StatementContext.current(), scope);
        } finally {
            HookScope.exit(scope);
        }
    }

    private Prepared prepareInScope(HostQuery query, boolean keepPlan, StatementContext ctx, HookScope.HookThread scope) {
        NestingLevels nesting = ctx.nesting();
        query.setNestingLevel(nesting.level());
        at(stages.postParseAnalyze, scope).postParseAnalyze(query);
        if (query.isUtility()) {
            return new Prepared(query, new HostPlannedStmt(query, query.sourceText(), 0, ctx.connection(), false));
        }
        PlannedStmt planned;
        nesting.enterPlannerOrUtility();
        try {
            planned = at(stages.planner, scope).planner(query, query.sourceText(), 0, List.of());
        } finally {
            nesting.leavePlannerOrUtility();
        }
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
            StatementContext ctx = StatementContext.current();
            return executeInScope(prepareInScope(query, false, ctx, scope), params, dest, 0, ctx, scope);
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
            return executeInScope(prepared, params, dest, count, StatementContext.current(), scope);
        } finally {
            HookScope.exit(scope);
        }
    }

    private QueryCompletion executeInScope(Prepared prepared, List<Object> params, DestReceiver dest, long count,
            StatementContext ctx, HookScope.HookThread scope) {
        QueryCompletion qc = new QueryCompletion();
        NestingLevels nesting = ctx.nesting();
        if (prepared.query().isUtility()) {
            // The level as ProcessUtility is called, which for a statement prepared earlier may differ.
            prepared.query().setNestingLevel(nesting.level());
            nesting.enterPlannerOrUtility();
            try {
                at(stages.processUtility, scope).processUtility(prepared.plan(), prepared.query().sourceText(), false,
                        ctx.utilityContext(), params, dest, qc);
            } finally {
                nesting.leavePlannerOrUtility();
            }
            return qc;
        }
        HostQueryDesc qd = startInScope(prepared, params, dest, ctx, scope);
        try {
            run(qd, count, true, nesting, scope);
            finish(qd, nesting, scope);
        } catch (RuntimeException | Error e) {
            qd.releaseResources();
            throw e;
        }
        at(stages.executorEnd, scope).executorEnd(qd);
        qc.set(prepared.query().commandType().name(), qd.processed());
        return qc;
    }

    /** ExecutorRun, one executor nesting level deeper. */
    private void run(HostQueryDesc qd, long count, boolean executeOnce, NestingLevels nesting, HookScope.HookThread scope) {
        nesting.enterExecutor();
        try {
            at(stages.executorRun, scope).executorRun(qd, count, executeOnce);
        } finally {
            nesting.leaveExecutor();
        }
    }

    /** ExecutorFinish, one executor nesting level deeper. */
    private void finish(HostQueryDesc qd, NestingLevels nesting, HookScope.HookThread scope) {
        nesting.enterExecutor();
        try {
            at(stages.executorFinish, scope).executorFinish(qd);
        } finally {
            nesting.leaveExecutor();
        }
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
            return startInScope(prepared, params, dest, StatementContext.current(), scope);
        } finally {
            HookScope.exit(scope);
        }
    }

    private HostQueryDesc startInScope(Prepared prepared, List<Object> params, DestReceiver dest, StatementContext ctx,
            HookScope.HookThread scope) {
        HostQueryDesc qd = new HostQueryDesc(prepared.plan(), params, dest, ctx.nesting());
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
            run(qd, count, false, StatementContext.current().nesting(), scope);
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
                finish(qd, StatementContext.current().nesting(), scope);
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
