package org.elephas.statstatements;

import org.elephas.api.Extension;

/**
 * The stat_statements sample hook extension (work in progress: its hooks come next).
 */
public final class StatStatementsExtension extends Extension {

    /** Created by the framework from {@code Bundle-Activator}. */
    public StatStatementsExtension() {
    }

    @Override
    protected void _PG_init() {
    }
}
