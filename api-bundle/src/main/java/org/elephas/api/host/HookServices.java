package org.elephas.api.host;

import org.elephas.api.hooks.HookRegistration;

/** The host's hook chains, behind {@link org.elephas.api.hooks.Hooks}. */
public interface HookServices {

    /**
     * @param <H> the hook kind
     * @param kind the hook kind's interface
     * @param hook the hook
     * @return its registration
     */
    <H> HookRegistration install(Class<H> kind, H hook);
}
