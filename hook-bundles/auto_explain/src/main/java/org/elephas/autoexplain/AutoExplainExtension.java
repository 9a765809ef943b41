package org.elephas.autoexplain;

import org.elephas.api.Extension;
import org.elephas.api.guc.Gucs;
import org.elephas.api.hooks.ExecutorEndHook;
import org.elephas.api.hooks.ExecutorStartHook;
import org.elephas.api.hooks.Hooks;

/**
 * The auto_explain sample extension, after PostgreSQL's {@code contrib/auto_explain}: it logs
 * the plans of statements that ran longer than {@code auto_explain.log_min_duration}.
 *
 * <p>It keeps no shared state, so it works both preloaded ({@code shared_preload_bundles}) and
 * loaded later with {@code LOAD 'auto_explain'}. Installed but off (the default,
 * {@code log_min_duration = -1}) it costs a few field reads per statement and never reads the
 * clock.
 */
public final class AutoExplainExtension extends Extension {

    /** Created by the framework from {@code Bundle-Activator}. */
    public AutoExplainExtension() {
    }

    @Override
    protected void _PG_init() {
        /* define the parameters (all superuser-only, as in PostgreSQL) */
        AutoExplainSettings settings = AutoExplainSettings.define();

        /* no other auto_explain.* parameter may appear from now on */
        Gucs.markGucPrefixReserved("auto_explain");

        /* install the executor hooks (the host keeps the nesting level: no Run or Finish hook) */
        ExplainHooks hooks = new ExplainHooks(settings);
        Hooks.install(ExecutorStartHook.class, hooks::executorStart);
        Hooks.install(ExecutorEndHook.class, hooks::executorEnd);
    }
}
