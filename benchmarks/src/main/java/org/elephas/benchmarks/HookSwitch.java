package org.elephas.benchmarks;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.elephas.hooks.HookLink;
import org.elephas.hooks.HookOwner;
import org.elephas.hooks.HookRegistry;

/**
 * Takes preloaded extensions' hooks out of their chains and puts them back, so that one server
 * (one JVM, the same compiled code) can run statements with and without them in turn
 * ({@link HookPairBenchmark}).
 *
 * <p>Out goes through {@link HookRegistry#removeOwner}, the path a stopping bundle takes (the
 * links retire and the statement scope drains); back in goes through
 * {@link HookRegistry#install(Class, Object, HookOwner)} with the same hook objects and owners,
 * in their first installation order, which is what the extensions' {@code _PG_init} did at
 * preload. The extensions' own state (their tables, thread-locals, parameters) is untouched:
 * they do not see the difference. Call it between statements, on any thread.
 */
final class HookSwitch {
    private final HookRegistry registry;
    /** The switched links as they were first installed, oldest first. */
    private final List<HookLink<?>> links;
    private final Set<String> attached = new TreeSet<>();

    /**
     * @param registry the server's hooks, with the extensions' hooks installed
     * @param extensions the extensions to switch, by {@code Elephas-Extension} name
     */
    HookSwitch(HookRegistry registry, Set<String> extensions) {
        this.registry = registry;
        this.links = new ArrayList<>();
        for (HookLink<?> l : registry.links()) {
            if (extensions.contains(l.owner().extensionName())) {
                links.add(l);
            }
        }
        links.sort(Comparator.comparingLong(HookLink::id));
        for (String e : extensions) {
            if (links.stream().noneMatch(l -> e.equals(l.owner().extensionName()))) {
                throw new IllegalStateException("extension " + e + " has no hook installed");
            }
        }
        attached.addAll(extensions);
    }

    /**
     * Leave exactly these extensions' hooks in the chains, in their first installation order
     * (any others the switch controls are taken out).
     *
     * @param extensions extension names, a subset of those given to the constructor
     */
    void attach(Set<String> extensions) {
        if (attached.equals(extensions)) {
            return;
        }
        // All out, then the wanted ones in, oldest first: the chains' order is the preload's.
        for (HookOwner owner : owners()) {
            registry.removeOwner(owner.bundleId());
        }
        attached.clear();
        for (HookLink<?> l : links) {
            if (extensions.contains(l.owner().extensionName())) {
                reinstall(l);
            }
        }
        attached.addAll(extensions);
    }

    /** @return the extensions whose hooks are in the chains now */
    Set<String> attached() {
        return Set.copyOf(attached);
    }

    private List<HookOwner> owners() {
        return links.stream().map(HookLink::owner).distinct().toList();
    }

    private <H> void reinstall(HookLink<H> link) {
        registry.install(link.kind().type(), link.hook(), link.owner());
    }
}
