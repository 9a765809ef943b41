package org.elephas.hooks;

/**
 * Who installed a hook.
 *
 * @param bundleId the bundle's id, -1 for the host itself
 * @param symbolicName the bundle's symbolic name
 * @param extensionName its {@code Elephas-Extension} name, or null
 */
public record HookOwner(long bundleId, String symbolicName, String extensionName) {
    /** The host itself (hooks installed by host code and tests). */
    public static final HookOwner HOST = new HookOwner(-1, "org.elephas.host", null);

    /** @return how messages name it */
    public String describe() {
        return extensionName != null ? "extension \"" + extensionName + "\"" : "bundle " + symbolicName;
    }
}
