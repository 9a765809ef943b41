package org.elephas.hooks;

import org.elephas.api.hooks.EmitLogHook;

/** The hook kind of the server log. */
public final class LogHookKinds {
    private LogHookKinds() {
    }

    /** {@code emit_log}. */
    public static final HookKind<EmitLogHook, EmitLogHook.Next> EMIT_LOG =
            new HookKind<>("emit_log", EmitLogHook.class,
            g -> edata -> {
                if (!g.enter()) {
                    g.current().emitLog(edata);
                    return;
                }
                try {
                    g.first().emitLog(edata);
                } finally {
                    g.exit();
                }
            }, (link, next) -> edata -> {
                long t = link.enter();
                if (t < 0) {
                    next.emitLog(edata);
                    return;
                }
                try {
                    link.hook().emitLog(edata, next);
                } catch (RuntimeException e) {
                    throw link.failed(e);
                } finally {
                    link.exit(t);
                }
            });
}
