package org.elephas.api.host;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Where the API's static facades find the running {@link Host}. The host installs itself at
 * startup and removes itself at shutdown; a JVM runs one host at a time.
 */
public final class HostAccess {
    private static final AtomicReference<Host> HOST = new AtomicReference<>();

    private HostAccess() {
    }

    /**
     * @return the running host
     * @throws IllegalStateException when no host runs in this JVM
     */
    public static Host host() {
        Host h = HOST.get();
        if (h == null) {
            throw new IllegalStateException("no Elephas host is running in this JVM");
        }
        return h;
    }

    /**
     * Install the host.
     *
     * @param host the host
     * @throws IllegalStateException when another host is installed
     */
    public static void install(Host host) {
        if (!HOST.compareAndSet(null, host)) {
            throw new IllegalStateException("an Elephas host is already running in this JVM");
        }
    }

    /**
     * Remove the host, if it is the one installed.
     *
     * @param host the host
     */
    public static void uninstall(Host host) {
        HOST.compareAndSet(host, null);
    }
}
