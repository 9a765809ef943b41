package org.elephas.hooks;

import org.elephas.library.ExtensionLibrary;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.SynchronousBundleListener;

/** Who owns a hook (the bundle that defined its class), and unloading when that bundle stops. */
public final class HookOwners {
    private HookOwners() {
    }

    /**
     * @return finds a hook's owner from its class: its bundle, or the host
     */
    public static java.util.function.Function<Object, HookOwner> finder() {
        return hook -> {
            Bundle b = FrameworkUtil.getBundle(hook.getClass());
            if (b == null || b.getBundleId() == 0) {
                return HookOwner.HOST;
            }
            return new HookOwner(b.getBundleId(), b.getSymbolicName(), b.getHeaders("").get(ExtensionLibrary.EXTENSION_HEADER));
        };
    }

    /**
     * @param hooks the chains
     * @return a listener that takes a stopping bundle's hooks out of every chain and drains them
     */
    public static SynchronousBundleListener unloader(HookRegistry hooks) {
        return event -> {
            if (event.getType() == BundleEvent.STOPPING) {
                hooks.removeOwner(event.getBundle().getBundleId());
            }
        };
    }
}
