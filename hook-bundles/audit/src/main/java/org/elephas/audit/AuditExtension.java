package org.elephas.audit;

import org.elephas.api.Extension;

/**
 * The audit sample hook extension (work in progress: its hooks come next).
 */
public final class AuditExtension extends Extension {

    /** Created by the framework from {@code Bundle-Activator}. */
    public AuditExtension() {
    }

    @Override
    protected void _PG_init() {
    }
}
