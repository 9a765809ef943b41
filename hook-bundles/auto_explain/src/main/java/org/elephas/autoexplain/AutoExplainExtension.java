package org.elephas.autoexplain;

import org.elephas.api.Extension;

/**
 * The auto_explain sample hook extension (work in progress: its hooks come next).
 */
public final class AutoExplainExtension extends Extension {

    /** Created by the framework from {@code Bundle-Activator}. */
    public AutoExplainExtension() {
    }

    @Override
    protected void _PG_init() {
    }
}
