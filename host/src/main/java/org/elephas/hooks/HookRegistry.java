package org.elephas.hooks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Predicate;

import org.elephas.api.LogLevel;
import org.elephas.api.hooks.HookRegistration;
import org.elephas.api.host.HookServices;
import org.elephas.log.ServerLog;

/**
 * Every hook chain of the server, by hook interface. Installs links (owner found from the hook's
 * class), removes them one by one or by owner, and drains: after a link leaves its chain the
 * remover waits, at most {@code drainMillis}, until no call is left on an older generation of
 * the chain that still holds it, and logs when the bound is hit.
 */
public final class HookRegistry implements HookServices {
    private final Map<Class<?>, HookChain<?, ?>> chains = new LinkedHashMap<>();
    /** Kinds whose chain comes later, with the links installed meanwhile, oldest first. */
    private final Map<Class<?>, Waiting> waiting = new LinkedHashMap<>();

    private record Waiting(HookKind<?, ?> kind, List<HookLink<?>> links) {
    }
    private final Function<Object, HookOwner> ownerOf;
    private final ServerLog log;
    private final long drainMillis;
    private final AtomicLong ids = new AtomicLong();
    /** The links' per-thread counters and the pipeline's statement scope. */
    private final HookScope scope = new HookScope();

    /**
     * @param ownerOf finds who installed a hook (from its class)
     * @param log the server log
     * @param drainMillis how long removal waits for calls inside a hook
     */
    public HookRegistry(Function<Object, HookOwner> ownerOf, ServerLog log, long drainMillis) {
        this.ownerOf = ownerOf;
        this.log = log;
        this.drainMillis = drainMillis;
    }

    /**
     * Add the chain of a hook kind.
     *
     * @param <H> the hook interface
     * @param <N> its next interface
     * @param kind the kind
     * @param standard its standard implementation
     * @return the chain
     */
    @SuppressWarnings("unchecked")
    public synchronized <H, N> HookChain<H, N> addChain(HookKind<H, N> kind, N standard) {
        HookChain<H, N> chain = new HookChain<>(kind, standard);
        chains.put(kind.type(), chain);
        Waiting early = waiting.remove(kind.type());
        if (early != null) {
            early.links().forEach(l -> chain.add((HookLink<H>) l));
        }
        return chain;
    }

    /**
     * Accept hooks of these kinds before their chains exist: the SQL layer's chains are made
     * when it opens, after {@code shared_preload_bundles} were loaded, and a preloaded bundle
     * installs its hooks in {@code _PG_init} (as PostgreSQL's set their hook pointers there).
     * Such links join their chain, in installation order, when {@link #addChain} makes it.
     *
     * @param kinds the kinds whose chains come later
     */
    public synchronized void expectChains(HookKind<?, ?>... kinds) {
        for (HookKind<?, ?> kind : kinds) {
            if (!chains.containsKey(kind.type())) {
                waiting.putIfAbsent(kind.type(), new Waiting(kind, new ArrayList<>()));
            }
        }
    }

    @Override
    public <H> HookRegistration install(Class<H> kind, H hook) {
        return install(kind, hook, ownerOf.apply(hook));
    }

    /**
     * @param <H> the hook interface
     * @param kind the hook interface
     * @param hook the hook
     * @param owner who installs it
     * @return its registration
     */
    @SuppressWarnings("unchecked")
    public <H> HookRegistration install(Class<H> kind, H hook, HookOwner owner) {
        java.util.Objects.requireNonNull(hook, "hook");
        HookChain<H, ?> chain;
        synchronized (this) {
            chain = (HookChain<H, ?>) chains.get(kind);
            if (chain == null) {
                Waiting early = waiting.get(kind);
                if (early == null) {
                    throw new IllegalArgumentException(kind.getName() + " is not a hook kind");
                }
                HookLink<H> link = new HookLink<>((HookKind<H, ?>) early.kind(), hook, owner, ids.incrementAndGet(), scope);
                early.links().add(link);
                return () -> remove(l -> l == link);
            }
        }
        HookLink<H> link = new HookLink<>(chain.kind(), hook, owner, ids.incrementAndGet(), scope);
        chain.add(link);
        return () -> remove(l -> l == link);
    }

    /**
     * Remove every link of an owner (its bundle is stopping) and wait for calls inside them.
     *
     * @param bundleId the owner's bundle
     */
    public void removeOwner(long bundleId) {
        remove(l -> l.owner().bundleId() == bundleId);
    }

    private void remove(Predicate<HookLink<?>> which) {
        synchronized (this) {
            waiting.values().forEach(w -> w.links().removeIf(which));
        }
        Map<HookChain<?, ?>, List<? extends HookLink<?>>> removed = new LinkedHashMap<>();
        for (HookChain<?, ?> chain : chainList()) {
            List<? extends HookLink<?>> out = chain.remove(which);
            if (!out.isEmpty()) {
                out.forEach(HookLink::retire);
                removed.put(chain, out);
            }
        }
        if (removed.isEmpty()) {
            return;
        }
        long deadline = System.nanoTime() + drainMillis * 1_000_000L;
        // Statements that entered the scope before the links left may still be inside them.
        boolean statementsDrained = scope.drain(deadline);
        removed.forEach((chain, links) -> {
            if (!chain.drain(links, deadline) || !statementsDrained) {
                for (HookLink<?> link : links) {
                    log.log(LogLevel.LOG, link.kind().name() + " hook of " + link.owner().describe()
                            + " still had calls running after " + drainMillis + " ms; removed anyway");
                }
            }
        });
    }

    /** @return the statement scope the pipeline runs its stages in, and the links' counters */
    public HookScope scope() {
        return scope;
    }

    private synchronized List<HookChain<?, ?>> chainList() {
        return new ArrayList<>(chains.values());
    }

    /**
     * The installed links themselves, with their hooks and owners: what a tool needs to put an
     * owner's hooks back ({@link #install(Class, Object, HookOwner)}) after {@link #removeOwner}.
     *
     * @return every link in a chain, chain by chain, each chain's in calling order (newest first)
     */
    public List<HookLink<?>> links() {
        List<HookLink<?>> links = new ArrayList<>();
        for (HookChain<?, ?> chain : chainList()) {
            links.addAll(chain.links());
        }
        return links;
    }

    /** @return one row per link, chain by chain, in calling order ({@code elephas_hooks}) */
    public List<HookRow> rows() {
        List<HookRow> rows = new ArrayList<>();
        for (HookChain<?, ?> chain : chainList()) {
            int position = 1;
            for (HookLink<?> l : chain.links()) {
                rows.add(new HookRow(chain.kind().name(), position++, l.owner(), l.calls(), l.totalNanos(), l.errors()));
            }
        }
        return rows;
    }

    /**
     * One row of {@code elephas_hooks}.
     *
     * @param hook the hook kind
     * @param position 1 = called first
     * @param owner who installed it
     * @param calls calls so far
     * @param totalNanos estimated time inside it, its next included
     * @param errors calls it failed
     */
    public record HookRow(String hook, int position, HookOwner owner, long calls, long totalNanos, long errors) {
    }
}
