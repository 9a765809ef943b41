package org.elephas.hooks;

import org.elephas.api.hooks.CheckPasswordHook;
import org.elephas.api.hooks.ClientAuthenticationHook;

/** Hook kinds of roles: their passwords and their authentication. */
public final class RoleHookKinds {
    private RoleHookKinds() {
    }

    /** {@code check_password}. */
    public static final HookKind<CheckPasswordHook, CheckPasswordHook.Next> CHECK_PASSWORD =
            new HookKind<>("check_password", CheckPasswordHook.class,
            g -> (user, pass, type, until) -> {
                if (!g.enter()) {
                    g.current().checkPassword(user, pass, type, until);
                    return;
                }
                try {
                    g.first().checkPassword(user, pass, type, until);
                } finally {
                    g.exit();
                }
            }, (link, next) -> (user, pass, type, until) -> {
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

    /** {@code ClientAuthentication}. */
    public static final HookKind<ClientAuthenticationHook, ClientAuthenticationHook.Next> CLIENT_AUTHENTICATION =
            new HookKind<>("ClientAuthentication", ClientAuthenticationHook.class,
            g -> (port, status) -> {
                if (!g.enter()) {
                    g.current().clientAuthentication(port, status);
                    return;
                }
                try {
                    g.first().clientAuthentication(port, status);
                } finally {
                    g.exit();
                }
            }, (link, next) -> (port, status) -> {
                long t = link.enter();
                if (t < 0) {
                    next.clientAuthentication(port, status);
                    return;
                }
                try {
                    link.hook().clientAuthentication(port, status, next);
                } catch (RuntimeException e) {
                    throw link.failed(e);
                } finally {
                    link.exit(t);
                }
            });
}
