package org.elephas.deploy;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.elephas.api.LogLevel;
import org.elephas.library.ExtensionLibrary;
import org.elephas.log.ServerLog;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.FrameworkListener;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * Refresh only what was wired to the old revisions of updated or uninstalled bundles: the
 * framework stops those dependents (the host's bundle listeners unload them), rewires them, and
 * starts again the ones that were active. A bundle whose old revision nobody uses was already
 * released by the framework and needs no refresh. A dependent that cannot start again is logged
 * and its error recorded for {@code elephas_bundles}.
 */
final class WiringRefresh {
    /** How long a refresh may take. */
    private static final long TIMEOUT_SECONDS = 60;

    private final BundleContext context;
    private final ExtensionLibrary library;
    private final ServerLog log;

    WiringRefresh(BundleContext context, ExtensionLibrary library, ServerLog log) {
        this.context = context;
        this.library = library;
        this.log = log;
    }

    /**
     * Refresh what the changed bundles leave behind, and wait until it is done.
     *
     * @param changed bundles updated or uninstalled
     */
    void refresh(Set<Bundle> changed) {
        if (changed.isEmpty()) {
            return;
        }
        FrameworkWiring wiring = context.getBundle(0).adapt(FrameworkWiring.class);
        Collection<Bundle> pending = wiring.getRemovalPendingBundles();
        List<Bundle> targets = changed.stream().filter(pending::contains).toList();
        if (targets.isEmpty()) {
            return;
        }
        CountDownLatch done = new CountDownLatch(1);
        // A dependent that fails to start again is reported as a framework error event.
        FrameworkListener errors = this::restartFailed;
        context.addFrameworkListener(errors);
        wiring.refreshBundles(targets, event -> {
            if (event.getType() == FrameworkEvent.PACKAGES_REFRESHED || event.getType() == FrameworkEvent.ERROR) {
                done.countDown();
            }
        });
        try {
            if (!done.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                log.log(LogLevel.WARNING, "refreshing bundles wired to " + targets + " did not finish within "
                        + TIMEOUT_SECONDS + " s", null, null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            context.removeFrameworkListener(errors);
        }
    }

    private void restartFailed(FrameworkEvent event) {
        Bundle b = event.getBundle();
        if (event.getType() != FrameworkEvent.ERROR || b == null || b.getBundleId() == 0
                || event.getThrowable() == null) {
            return;
        }
        Exception cause = event.getThrowable() instanceof Exception ex ? ex : new Exception(event.getThrowable());
        String message = "could not restart bundle \"" + b.getSymbolicName() + "\" after a refresh: "
                + Deployer.causeOf(cause);
        library.recordError(b.getLocation(), message);
        log.log(LogLevel.WARNING, message, null, null);
    }
}
