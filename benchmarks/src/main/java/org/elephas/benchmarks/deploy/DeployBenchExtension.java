package org.elephas.benchmarks.deploy;

import org.elephas.api.Extension;
import org.elephas.api.hooks.Hooks;
import org.elephas.api.hooks.PostParseAnalyzeHook;

/**
 * The hot-deployed extension of the deploy benchmark: its {@code _PG_init} installs one
 * pass-through hook, so "active" means "its hook is live in the chain".
 */
public final class DeployBenchExtension extends Extension {
    @Override
    protected void _PG_init() {
        Hooks.install(PostParseAnalyzeHook.class, (query, next) -> next.postParseAnalyze(query));
    }
}
