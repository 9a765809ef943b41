package org.elephas.statstatements;

import java.util.ArrayList;
import java.util.List;

import org.elephas.api.PgException;
import org.elephas.api.SqlState;
import org.elephas.api.ipc.Backends;

/**
 * The SQL functions of the extension script ({@code sql/stat_statements--1.0.sql}):
 * {@code pg_stat_statements(showtext)}, under the view of the same name,
 * {@code pg_stat_statements_reset(userid, dbid, queryid)} and {@code pg_stat_statements_info()}.
 */
public final class StatStatementsFunctions {
    private StatStatementsFunctions() {
    }

    /**
     * {@code pg_stat_statements(showtext)}: one row per entry that ran at least once. Other
     * roles' statements show their counters, but neither their text nor their query id,
     * unless the caller is a superuser.
     *
     * @param showtext whether to return the text (the view does)
     * @return the rows, in the view's column order
     */
    public static List<Object[]> pgStatStatements(boolean showtext) {
        SharedState state = requireLoaded();
        int me = Backends.getUserId();
        boolean seeAll = Backends.superuser();
        Counters plan = new Counters();
        Counters exec = new Counters();
        List<Object[]> rows = new ArrayList<>();
        for (Entry e : state.entries()) {
            long processed = e.snapshot(plan, exec);
            boolean visible = seeAll || e.key.userId() == me;
            String text = visible ? e.query : "<insufficient privilege>";
            rows.add(new Object[] {
                e.key.userId(), e.key.dbId(), e.key.toplevel(),
                visible ? e.key.queryId() : null,
                showtext ? text : null,
                plan.calls, plan.totalTime, plan.minTime, plan.maxTime, plan.meanTime, plan.stddev(),
                exec.calls, exec.totalTime, exec.minTime, exec.maxTime, exec.meanTime, exec.stddev(),
                processed,
            });
        }
        return rows;
    }

    /**
     * {@code pg_stat_statements_reset(userid, dbid, queryid)}: discard the matching entries, 0
     * matching any value. Only superusers may call it (PostgreSQL revokes it from PUBLIC).
     *
     * @param userId a role OID or 0
     * @param dbId a database OID or 0
     * @param queryId a query id or 0
     */
    public static void reset(long userId, long dbId, long queryId) {
        SharedState state = requireLoaded();
        if (!Backends.superuser()) {
            throw PgException.error(SqlState.INSUFFICIENT_PRIVILEGE,
                    "permission denied for function pg_stat_statements_reset");
        }
        state.reset((int) userId, (int) dbId, queryId);
    }

    /**
     * {@code pg_stat_statements_info()}: eviction rounds and the time of the last full reset.
     *
     * @return one row
     */
    public static List<Object[]> info() {
        SharedState state = requireLoaded();
        return List.<Object[]>of(new Object[] {state.dealloc(), state.statsReset()});
    }

    private static SharedState requireLoaded() {
        SharedState state = SharedState.current;
        if (state == null) {
            throw PgException.error(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE,
                    "pg_stat_statements must be loaded via \"shared_preload_bundles\"");
        }
        return state;
    }
}
