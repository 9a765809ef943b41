package org.elephas.launcher;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import sun.misc.Signal;

/**
 * Routes the OS signals a PostgreSQL postmaster answers to the server: SIGTERM and SIGINT ask for
 * a fast shutdown, SIGHUP for a configuration reload.
 *
 * <p>The handlers replace the JVM's own for these signals (which would run the shutdown hooks and
 * exit with 128 + the signal's number), so an orderly shutdown ends with status 0. The JVM runs
 * each handler on a thread of its own; the listener's methods are called there and must be safe
 * to call from any thread, repeatedly. SIGQUIT keeps the JVM's meaning (a thread dump), unlike
 * PostgreSQL's immediate shutdown. {@code sun.misc.Signal} is in the {@code jdk.unsupported}
 * module, which every JDK from 17 to 25 provides; no public API handles signals.
 */
public final class OsSignals {

    /** What the signals ask for. */
    public interface Listener {
        /**
         * SIGTERM or SIGINT arrived.
         *
         * @param signal the signal's name, {@code TERM} or {@code INT}
         */
        void shutdownRequested(String signal);

        /** SIGHUP arrived. */
        void reloadRequested();
    }

    private final List<String> installed;

    private OsSignals(List<String> installed) {
        this.installed = List.copyOf(installed);
    }

    /**
     * Install the handlers.
     *
     * @param listener told what arrived
     * @return which handlers could be installed (a JVM started with {@code -Xrs}, an OS
     *         without one of the signals, or a signal ignored since the process started leave
     *         some out)
     */
    public static OsSignals install(Listener listener) {
        Objects.requireNonNull(listener);
        List<String> installed = new ArrayList<>(3);
        for (String name : List.of("TERM", "INT")) {
            if (handle(name, signal -> listener.shutdownRequested(signal.getName()))) {
                installed.add(name);
            }
        }
        if (handle("HUP", signal -> listener.reloadRequested())) {
            installed.add("HUP");
        }
        return new OsSignals(installed);
    }

    /** @return the names of the signals whose handlers were installed */
    public List<String> installed() {
        return installed;
    }

    private static boolean handle(String name, sun.misc.SignalHandler handler) {
        try {
            // A signal ignored when the process started (SIGINT and SIGQUIT for a background job
            // of a non-interactive shell, or anything under nohup) stays ignored: the JVM then
            // leaves it alone and answers SIG_IGN, as a shell user would expect.
            return Signal.handle(new Signal(name), handler) != sun.misc.SignalHandler.SIG_IGN;
        } catch (IllegalArgumentException e) {
            return false; // unknown on this OS, or reserved by the JVM
        }
    }
}
