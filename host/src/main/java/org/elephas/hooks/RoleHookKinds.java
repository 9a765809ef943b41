package org.elephas.hooks;

import org.elephas.api.hooks.CheckPasswordHook;

/** Hook kinds of role management. */
public final class RoleHookKinds {
    private RoleHookKinds() {
    }

    /** {@code check_password}. */
    public static final HookKind<CheckPasswordHook, CheckPasswordHook.Next> CHECK_PASSWORD =
            new HookKind<>("check_password", CheckPasswordHook.class, (link, next) -> (user, pass, type, until) -> {
                long t = link.enter();
                if (t < 0) {
                    next.checkPassword(user, pass, type, until);
                    return;
                }
                try {
                    link.hook().checkPassword(user, pass, type, until, next);
                } catch (RuntimeException e) {
                    throw link.failed(e);
                } finally {
                    link.exit(t);
                }
            });
}
