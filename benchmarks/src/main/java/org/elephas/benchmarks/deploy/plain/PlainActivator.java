package org.elephas.benchmarks.deploy.plain;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/** The activator of the bundle FileInstall deploys in the benchmark: a plain OSGi bundle. */
public final class PlainActivator implements BundleActivator {
    @Override
    public void start(BundleContext context) {
        // nothing: the benchmark measures the deployer, not the bundle
    }

    @Override
    public void stop(BundleContext context) {
        // nothing
    }
}
