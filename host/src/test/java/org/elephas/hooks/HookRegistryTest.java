package org.elephas.hooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.elephas.api.hooks.ExecutorEndHook;
import org.elephas.api.hooks.ExecutorRunHook;
import org.elephas.api.hooks.HookRegistration;
import org.elephas.log.ServerLog;
import org.elephas.testing.LogCapture;
import org.junit.jupiter.api.Test;

/** Hooks installed before their chain exists (preloaded bundles, before the SQL layer opens). */
class HookRegistryTest {
    private final HookRegistry registry = new HookRegistry(hook -> new HookOwner(-2, "t", "t"),
            new ServerLog(new LogCapture().stream(), () -> 1), 1000);

    @Test
    void hooksInstalledBeforeTheirChainJoinItInOrder() {
        List<String> calls = new CopyOnWriteArrayList<>();
        registry.expectChains(PipelineHookKinds.EXECUTOR_END);
        registry.install(ExecutorEndHook.class, (qd, next) -> {
            calls.add("first installed");
            next.executorEnd(qd);
        });
        HookRegistration gone = registry.install(ExecutorEndHook.class, (qd, next) -> {
            calls.add("removed before the chain came");
            next.executorEnd(qd);
        });
        registry.install(ExecutorEndHook.class, (qd, next) -> {
            calls.add("last installed");
            next.executorEnd(qd);
        });
        gone.remove();
        HookChain<ExecutorEndHook, ExecutorEndHook.Next> chain =
                registry.addChain(PipelineHookKinds.EXECUTOR_END, qd -> calls.add("standard"));
        chain.head().executorEnd(null);
        assertEquals(List.of("last installed", "first installed", "standard"), calls);
        assertEquals(2, registry.rows().size());
    }

    /** An owner's hooks, listed, removed and installed again from the list, run in their old order. */
    @Test
    void linksListTheHooksSoThatAnOwnersHooksCanBePutBack() {
        List<String> calls = new CopyOnWriteArrayList<>();
        HookChain<ExecutorEndHook, ExecutorEndHook.Next> chain =
                registry.addChain(PipelineHookKinds.EXECUTOR_END, qd -> calls.add("standard"));
        HookOwner a = new HookOwner(7, "a", "a");
        HookOwner b = new HookOwner(8, "b", "b");
        registry.install(ExecutorEndHook.class, (qd, next) -> {
            calls.add("a1");
            next.executorEnd(qd);
        }, a);
        registry.install(ExecutorEndHook.class, (qd, next) -> {
            calls.add("b");
            next.executorEnd(qd);
        }, b);
        registry.install(ExecutorEndHook.class, (qd, next) -> {
            calls.add("a2");
            next.executorEnd(qd);
        }, a);
        List<HookLink<?>> links = registry.links();
        assertEquals(List.of(a, b, a), links.stream().map(HookLink::owner).toList());
        assertTrue(links.get(0).id() > links.get(1).id() && links.get(1).id() > links.get(2).id(), "newest first");

        registry.removeOwner(a.bundleId());
        assertEquals(List.of(b), registry.links().stream().map(HookLink::owner).toList());
        links.stream().filter(l -> l.owner().equals(a)).sorted(java.util.Comparator.comparingLong(HookLink::id))
                .forEach(l -> registry.install(ExecutorEndHook.class, (ExecutorEndHook) l.hook(), l.owner()));
        chain.head().executorEnd(null);
        assertEquals(List.of("a2", "a1", "b", "standard"), calls, "a's hooks are now newer than b's");
    }

    @Test
    void aKindNeitherMadeNorExpectedIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> registry.install(ExecutorRunHook.class, (qd, count, once, next) -> { }));
        assertEquals("org.elephas.api.hooks.ExecutorRunHook is not a hook kind", e.getMessage());
    }
}
