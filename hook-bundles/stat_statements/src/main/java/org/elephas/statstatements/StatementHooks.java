package org.elephas.statstatements;

import java.util.List;

import org.elephas.api.hooks.ExecutorEndHook;
import org.elephas.api.hooks.ExecutorFinishHook;
import org.elephas.api.hooks.ExecutorRunHook;
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
 * pg_stat_statements' seven hooks (pgss_post_parse_analyze, pgss_planner, pgss_ExecutorStart,
 * ...Run, ...Finish, ...End, pgss_ProcessUtility).
 *
 * <p>The nesting level goes up around the planner, ExecutorRun, ExecutorFinish and
 * ProcessUtility, and comes back down in {@code finally}, so that it survives errors: whatever
 * runs inside them (SPI from a function, an extension script's statements) is nested. With
 * {@code track = top} only level 0 is counted. Execution time is the time spent in ExecutorRun
 * and ExecutorFinish, timed by the executor ({@link QueryDesc#totalTimeNanos()}, pgss's
 * {@code queryDesc->totaltime}); a statement that fails is not counted.
 */
final class StatementHooks implements PostParseAnalyzeHook, PlannerHook, ExecutorStartHook, ExecutorRunHook,
        ExecutorFinishHook, ExecutorEndHook, ProcessUtilityHook {
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

    /** Chain all seven hooks. */
    void install() {
        Hooks.install(PostParseAnalyzeHook.class, this);
        Hooks.install(PlannerHook.class, this);
        Hooks.install(ExecutorStartHook.class, this);
        Hooks.install(ExecutorRunHook.class, this);
        Hooks.install(ExecutorFinishHook.class, this);
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
        if (query.isUtility() || !settings.enabled(me.nestingLevel)) {
            return;
        }
        EntryKey key = me.probe.set(query.queryId(), Backends.getUserId(), Backends.myDatabaseId(),
                me.nestingLevel == 0);
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

    /** Planning: timed when {@code track_planning} is on; nested either way. */
    @Override
    public PlannedStmt planner(Query query, String queryString, int cursorOptions, List<Object> boundParams,
            PlannerHook.Next next) {
        BackendLocal me = local.get();
        boolean timed = settings.trackPlanning.get() && settings.enabled(me.nestingLevel);
        long start = timed ? System.nanoTime() : 0;
        PlannedStmt result;
        me.nestingLevel++;
        try {
            result = next.planner(query, queryString, cursorOptions, boundParams);
        } finally {
            me.nestingLevel--;
        }
        if (timed) {
            double millis = (System.nanoTime() - start) / NANOS_PER_MILLI;
            entry(me, query.queryId(), query).addPlan(millis);
        }
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
        if (settings.enabled(local.get().nestingLevel)) {
            queryDesc.instrumentTotalTime();
        }
    }

    /** ExecutorRun: one level deeper for whatever runs inside; the executor does the timing. */
    @Override
    public void executorRun(QueryDesc queryDesc, long count, boolean executeOnce, ExecutorRunHook.Next next) {
        BackendLocal me = local.get();
        me.nestingLevel++;
        try {
            next.executorRun(queryDesc, count, executeOnce);
        } finally {
            me.nestingLevel--;
        }
    }

    /** ExecutorFinish: as ExecutorRun. */
    @Override
    public void executorFinish(QueryDesc queryDesc, ExecutorFinishHook.Next next) {
        BackendLocal me = local.get();
        me.nestingLevel++;
        try {
            next.executorFinish(queryDesc);
        } finally {
            me.nestingLevel--;
        }
    }

    /**
     * ExecutorEnd: count the execution (its time in ExecutorRun and ExecutorFinish) before the
     * standard work releases the result. A statement that failed never gets here: it is not
     * counted.
     */
    @Override
    public void executorEnd(QueryDesc queryDesc, ExecutorEndHook.Next next) {
        BackendLocal me = local.get();
        if (queryDesc.totalTimeInstrumented() && settings.enabled(me.nestingLevel)) {
            PlannedStmt plan = queryDesc.plannedStmt();
            entry(me, plan.queryId(), plan.query()).addExec(queryDesc.totalTimeNanos() / NANOS_PER_MILLI,
                    queryDesc.processed());
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
        BackendLocal me = local.get();
        boolean timed = settings.trackUtility.get() && settings.enabled(me.nestingLevel);
        long start = timed ? System.nanoTime() : 0;
        me.nestingLevel++;
        try {
            next.processUtility(pstmt, queryString, readOnlyTree, context, params, dest, qc);
        } finally {
            me.nestingLevel--;
        }
        if (timed) {
            double millis = (System.nanoTime() - start) / NANOS_PER_MILLI;
            entry(me, pstmt.queryId(), pstmt.query()).addExec(millis, utilityRows(qc));
        }
    }

    private static long utilityRows(QueryCompletion qc) {
        return switch (qc.commandTag()) {
            case "COPY", "FETCH", "SELECT", "REFRESH MATERIALIZED VIEW" -> qc.rows();
            default -> 0;
        };
    }

    /** The entry of a statement at the current nesting level, for this role and database. */
    private Entry entry(BackendLocal me, long queryId, Query query) {
        Entry analyzed = me.analyzed;
        int userId = Backends.getUserId(); // SET ROLE may have changed it since parse analysis
        boolean toplevel = me.nestingLevel == 0;
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
