package org.elephas.deploy;

import java.util.function.Function;

import org.elephas.library.BundleOrigin;
import org.elephas.library.ExtensionLibrary;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/**
 * Who holds a name: a deploy file may not bring a bundle whose symbolic name or extension name
 * another bundle already has. A preloaded bundle is pinned (only a restart replaces it), one
 * loaded on demand from {@code bundle_directory} stays until a restart too, and one deployed from
 * another file keeps its name until that file goes.
 */
final class NameClaims {
    private NameClaims() {
    }

    /**
     * Why a jar may not be deployed.
     *
     * @param message the log line and last error
     * @param byDeployed whether the name is held by a bundle deployed from another file (which may leave)
     */
    record Refusal(String message, boolean byDeployed) {
    }

    /**
     * @param jar the jar to deploy
     * @param self the bundle it would update, or null
     * @param context the system bundle's context
     * @param library the library (origins)
     * @param deployedFile the deploy file name of a deployed bundle
     * @return the refusal, or null when the names are free
     */
    static Refusal check(DeployJar jar, Bundle self, BundleContext context, ExtensionLibrary library,
            Function<Bundle, String> deployedFile) {
        for (Bundle other : context.getBundles()) {
            if (other.getBundleId() == 0 || other == self || other.getState() == Bundle.UNINSTALLED) {
                continue;
            }
            String ext = ExtensionLibrary.extensionName(other);
            boolean sameName = jar.symbolicName().equals(other.getSymbolicName())
                    || jar.extensionName() != null && jar.extensionName().equals(ext);
            if (!sameName) {
                continue;
            }
            String what = "could not deploy \"" + jar.file().getFileName() + "\": bundle \"" + other.getSymbolicName()
                    + "\"" + (ext == null ? "" : " (extension \"" + ext + "\")");
            BundleOrigin origin = library.origin(other).orElse(null);
            if (origin == BundleOrigin.PRELOAD) {
                return new Refusal(what + " is pinned by \"shared_preload_bundles\"; a restart is required to replace it",
                        false);
            }
            if (origin == BundleOrigin.DEPLOY) {
                return new Refusal(what + " is already deployed from \"" + deployedFile.apply(other) + "\"", true);
            }
            return new Refusal(what + " was loaded from \"bundle_directory\"; a restart is required to replace it",
                    false);
        }
        return null;
    }
}
