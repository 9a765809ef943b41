package org.elephas.library;

import java.util.Locale;

/** How a bundle came into the framework, as {@code elephas_bundles.origin} shows it. */
public enum BundleOrigin {
    /** Loaded at startup from {@code shared_preload_bundles}. */
    PRELOAD,
    /** Loaded on demand: {@code LOAD}, {@code CREATE EXTENSION}, a worker's library. */
    LOAD,
    /** Installed from {@code deploy_directory} (hot deploy). */
    DEPLOY;

    /** @return the lower-case label shown in the view */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
