package org.elephas.framework;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;

import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

/**
 * Apache Felix, embedded through the standard {@link FrameworkFactory}. The cache is cleaned at
 * each start: what runs is decided by {@code shared_preload_bundles}, {@code LOAD} and the
 * deploy directory, never by leftovers of a previous run.
 */
public final class EmbeddedFramework implements AutoCloseable {
    private final Framework framework;

    private EmbeddedFramework(Framework framework) {
        this.framework = framework;
    }

    /**
     * Start a framework.
     *
     * @param cacheDirectory the bundle cache (in the data directory)
     * @return the started framework
     * @throws BundleException when Felix cannot start
     */
    public static EmbeddedFramework start(Path cacheDirectory) throws BundleException {
        Map<String, String> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, cacheDirectory.toAbsolutePath().toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        config.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, ApiExports.exportPackageHeader());
        // URL handlers reach into JDK internals (noise on JDK 24+) and no bundle needs them.
        config.put("felix.service.urlhandlers", "false");
        // Felix's own diagnostics go to our log through framework events, not to stdout.
        config.put("felix.log.level", "0");
        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class, EmbeddedFramework.class.getClassLoader())
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no OSGi framework on the class path"));
        Framework framework = factory.newFramework(config);
        framework.init();
        framework.start();
        return new EmbeddedFramework(framework);
    }

    /** @return the system bundle's context: installs bundles and listens to them */
    public BundleContext context() {
        return framework.getBundleContext();
    }

    /**
     * Stop every bundle and the framework, waiting a bounded time.
     *
     * @param timeoutMillis how long to wait
     */
    public void stop(long timeoutMillis) {
        try {
            framework.stop();
            FrameworkEvent event = framework.waitForStop(timeoutMillis);
            if (event.getType() == FrameworkEvent.WAIT_TIMEDOUT) {
                throw new IllegalStateException("the OSGi framework did not stop within " + timeoutMillis + " ms");
            }
        } catch (BundleException e) {
            throw new IllegalStateException("cannot stop the OSGi framework", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop(10_000);
    }
}
