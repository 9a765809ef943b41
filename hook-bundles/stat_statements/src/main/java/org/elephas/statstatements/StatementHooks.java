package org.elephas.statstatements;

import java.util.List;

import org.elephas.api.hooks.ExecutorEndHook;
import org.elephas.api.hooks.ExecutorStartHook;
import org.elephas.api.hooks.Hooks;
import org.elephas.api.hooks.PlannerHook;
import org.elephas.api.hooks.PostParseAnalyzeHook;
import org.elephas.api.hooks.ProcessUtilityHook;
import org.elephas.api.ipc.Backends;
import org.elephas.api.sql.DestReceiver;
import org.elephas.api.sql.PlannedStmt;
import org.elephas.api.sql.ProcessUtilityContext;
import org.elephas.api.sql.Query;
import org.elephas.api.sql.QueryCompletion;
import org.elephas.api.sql.QueryDesc;

/**
 * pg_stat_statements' hooks (pgss_post_parse_analyze, pgss_planner, pgss_ExecutorStart,
 * ...End, pgss_ProcessUtility).
 *
 * <p>PostgreSQL's pgss also chains ExecutorRun and ExecutorFinish, and counts its own nesting
 * level around them, the planner and ProcessUtility. Here the host keeps that level
 * ({@link Query#nestingLevel()}, {@link QueryDesc#nestingLevel()}): whatever runs inside those
 * calls (SPI from a function, an extension script's statements) is nested, and two links less
 * per statement. With {@code track = top} only level 0 is counted. Execution time is the time
 * spent in ExecutorRun and ExecutorFinish, timed by the executor
 * ({@link QueryDesc#totalTimeNanos()}, pgss's {@code queryDesc->totaltime}); a statement that
 * fails is not counted.
 */
final class StatementHooks implements PostParseAnalyzeHook, PlannerHook, ExecutorStartHook, ExecutorEndHook,
        ProcessUtilityHook {
    private static final double NANOS_PER_MILLI = 1_000_000.0;

    private final SharedState state;
    private final Settings settings;
    /** Not static: when the bundle goes, nothing of it stays reachable from the threads. */
    private final ThreadLocal<BackendLocal> local = ThreadLocal.withInitial(BackendLocal::new);

    /**
     * @param state the entries
     * @param settings the parameters
     */
    StatementHooks(SharedState state, Settings settings) {
        this.state = state;
        this.settings = settings;
    }

    /** Chain the five hooks. */
    void install() {
        Hooks.install(PostParseAnalyzeHook.class, this);
        Hooks.install(PlannerHook.class, this);
        Hooks.install(ExecutorStartHook.class, this);
        Hooks.install(ExecutorEndHook.class, this);
        Hooks.install(ProcessUtilityHook.class, this);
    }

    /**
     * After parse analysis: keep the statement's entry for ExecutorEnd, and create it now when
     * the statement had constants (pgss stores such an entry early, with the normalised text;
     * until it runs it is "sticky": hidden from the view and evicted first).
     */
    @Override
    public void postParseAnalyze(Query query, PostParseAnalyzeHook.Next next) {
        next.postParseAnalyze(query);
        BackendLocal me = local.get();
        me.analyzedQuery = null;
        me.analyzed = null;
        int level = query.nestingLevel();
        if (query.isUtility() || !settings.enabled(level)) {
            return;
        }
        EntryKey key = me.probe.set(query.queryId(), Backends.getUserId(), Backends.myDatabaseId(), level == 0);
        Entry found = state.find(key);
        if (found == null) {
            // Only a new entry needs the normalised text (built on demand by the host).
            String normalized = query.normalizedText();
            if (normalized.length() != query.sourceText().length() || !normalized.equals(query.sourceText())) {
                found = state.findOrCreate(key, normalized, true);
            }
        }
        me.analyzed = found;
        me.analyzedQuery = query;
    }

    /** Planning: timed when {@code track_planning} is on (what runs inside is nested either way: the host counts it). */
    @Override
    public PlannedStmt planner(Query query, String queryString, int cursorOptions, List<Object> boundParams,
            PlannerHook.Next next) {
        int level = query.nestingLevel();
        if (!settings.trackPlanning.get() || !settings.enabled(level)) {
            return next.planner(query, queryString, cursorOptions, boundParams);
        }
        long start = System.nanoTime();
        PlannedStmt result = next.planner(query, queryString, cursorOptions, boundParams);
        double millis = (System.nanoTime() - start) / NANOS_PER_MILLI;
        entry(local.get(), query.queryId(), query, level).addPlan(millis);
        return result;
    }

    /**
     * ExecutorStart: the standard work first, then have the executor time this statement if it
     * is tracked (pgss allocates {@code queryDesc->totaltime}; the timer is shared with other
     * extensions that ask, so the clock is read once per interval, not once per extension).
     */
    @Override
    public void executorStart(QueryDesc queryDesc, int eflags, ExecutorStartHook.Next next) {
        next.executorStart(queryDesc, eflags);
        if (settings.enabled(queryDesc.nestingLevel())) {
            queryDesc.instrumentTotalTime();
        }
    }

    /**
     * ExecutorEnd: count the execution (its time in ExecutorRun and ExecutorFinish) before the
     * standard work releases the result. A statement that failed never gets here: it is not
     * counted.
     */
    @Override
    public void executorEnd(QueryDesc queryDesc, ExecutorEndHook.Next next) {
        int level = queryDesc.nestingLevel();
        if (queryDesc.totalTimeInstrumented() && settings.enabled(level)) {
            PlannedStmt plan = queryDesc.plannedStmt();
            entry(local.get(), plan.queryId(), plan.query(), level)
                    .addExec(queryDesc.totalTimeNanos() / NANOS_PER_MILLI, queryDesc.processed());
        }
        next.executorEnd(queryDesc);
    }

    /**
     * A utility statement: timed as a whole when {@code track_utility} is on. Its rows count for
     * the commands whose tag reports rows processed (COPY, FETCH, CREATE TABLE AS / SELECT INTO,
     * REFRESH MATERIALIZED VIEW).
     */
    @Override
    public void processUtility(PlannedStmt pstmt, String queryString, boolean readOnlyTree, ProcessUtilityContext context,
            List<Object> params, DestReceiver dest, QueryCompletion qc, ProcessUtilityHook.Next next) {
        int level = pstmt.query().nestingLevel();
        if (!settings.trackUtility.get() || !settings.enabled(level)) {
            next.processUtility(pstmt, queryString, readOnlyTree, context, params, dest, qc);
            return;
        }
        long start = System.nanoTime();
        next.processUtility(pstmt, queryString, readOnlyTree, context, params, dest, qc);
        double millis = (System.nanoTime() - start) / NANOS_PER_MILLI;
        entry(local.get(), pstmt.queryId(), pstmt.query(), level).addExec(millis, utilityRows(qc));
    }

    private static long utilityRows(QueryCompletion qc) {
        return switch (qc.commandTag()) {
            case "COPY", "FETCH", "SELECT", "REFRESH MATERIALIZED VIEW" -> qc.rows();
            default -> 0;
        };
    }

    /** The entry of a statement at this nesting level, for this role and database. */
    private Entry entry(BackendLocal me, long queryId, Query query, int level) {
        Entry analyzed = me.analyzed;
        int userId = Backends.getUserId(); // SET ROLE may have changed it since parse analysis
        boolean toplevel = level == 0;
        if (analyzed != null && me.analyzedQuery == query && !analyzed.removed && analyzed.key.queryId() == queryId
                && analyzed.key.toplevel() == toplevel && analyzed.key.userId() == userId) {
            // The statement post_parse_analyze saw, in the same session (a Query belongs to
            // one), so the same database: no second lookup.
            return analyzed;
        }
        EntryKey key = me.probe.set(queryId, userId, Backends.myDatabaseId(), toplevel);
        Entry e = state.findOrCreate(key, query.normalizedText(), false);
        if (me.analyzedQuery == query) {
            me.analyzed = e; // a prepared statement run again before another is analysed: found at once
        }
        return e;
    }
}
