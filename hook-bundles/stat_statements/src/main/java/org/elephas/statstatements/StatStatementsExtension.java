package org.elephas.statstatements;

import org.elephas.api.Extension;
import org.elephas.api.guc.Gucs;

/**
 * The stat_statements sample hook extension: PostgreSQL's pg_stat_statements on Elephas's hooks.
 * It counts every statement's calls, rows and execution (and, on request, planning) time per
 * statement, role, database and nesting, and shows them in the view {@code pg_stat_statements}
 * that {@code CREATE EXTENSION stat_statements} makes.
 *
 * <p>As pg_stat_statements, it works only when preloaded ({@code shared_preload_bundles}): its
 * table is sized once, at server start. Loaded any other way it does nothing, and its SQL
 * functions say how to load it.
 */
public final class StatStatementsExtension extends Extension {

    /** Created by the framework from {@code Bundle-Activator}. */
    public StatStatementsExtension() {
    }

    @Override
    protected void _PG_init() {
        /* like pgss: active only when preloaded, since the table is sized at server start */
        if (!processSharedPreloadBundlesInProgress()) {
            return;
        }

        /* the parameters, then no other stat_statements.* parameter may appear */
        Settings settings = new Settings();
        Gucs.markGucPrefixReserved("stat_statements");

        /* the table of entries, shared by every session */
        SharedState state = new SharedState(settings.max.get());
        SharedState.current = state;

        /* chain the hooks */
        new StatementHooks(state, settings).install();
    }

    @Override
    protected void _PG_fini() {
        /* the host has taken the hooks away; forget the entries */
        SharedState.current = null;
    }
}
