package org.elephas.backend;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.elephas.api.ipc.WaitEvents;

/**
 * Wait events by number and name: the built-in ones Elephas reports and the ones extensions
 * create with {@code WaitEventExtensionNew}, as {@code pg_wait_events} lists them. A wait event
 * info is PostgreSQL's: the class in the top byte, the event in the rest.
 */
public final class WaitEventRegistry {
    /** {@code PG_WAIT_IPC}: waiting for another backend. */
    public static final int PG_WAIT_IPC = 0x08000000;
    /** {@code WAIT_EVENT_BGWORKER_STARTUP}. */
    public static final int BGWORKER_STARTUP = PG_WAIT_IPC | 1;
    /** {@code WAIT_EVENT_BGWORKER_SHUTDOWN}. */
    public static final int BGWORKER_SHUTDOWN = PG_WAIT_IPC | 2;
    /** {@code WAIT_EVENT_BACKEND_TERMINATION}: {@code pg_terminate_backend} waiting for the exit. */
    public static final int BACKEND_TERMINATION = PG_WAIT_IPC | 3;
    /** {@code PG_WAIT_CLIENT}: waiting for the client. */
    public static final int PG_WAIT_CLIENT = 0x06000000;
    /** {@code WAIT_EVENT_CLIENT_READ}: an idle session waiting for the client's next command. */
    public static final int CLIENT_READ = PG_WAIT_CLIENT;
    /** {@code WAIT_EVENT_EXTENSION}: the generic event of extensions that name none. */
    public static final int EXTENSION = WaitEvents.PG_WAIT_EXTENSION;

    private static final int CLASS_MASK = 0xFF000000;

    /** One row of {@code pg_wait_events}. */
    public record WaitEvent(String type, String name, String description) {
    }

    private final Map<Integer, WaitEvent> byInfo = new ConcurrentHashMap<>();
    private final Map<String, Integer> extensionByName = new ConcurrentHashMap<>();
    private int nextExtensionId = 1;

    /** A registry with the built-in events. */
    public WaitEventRegistry() {
        byInfo.put(BGWORKER_STARTUP, new WaitEvent("IPC", "BgWorkerStartup",
                "Waiting for background worker to start up"));
        byInfo.put(BGWORKER_SHUTDOWN, new WaitEvent("IPC", "BgWorkerShutdown",
                "Waiting for background worker to shut down"));
        byInfo.put(BACKEND_TERMINATION, new WaitEvent("IPC", "BackendTermination",
                "Waiting for the termination of another backend"));
        byInfo.put(CLIENT_READ, new WaitEvent("Client", "ClientRead", "Waiting to read data from the client"));
        byInfo.put(EXTENSION, new WaitEvent("Extension", "Extension", "Waiting in an extension"));
    }

    /**
     * {@code WaitEventExtensionNew}: the event of type Extension with this name, created once.
     *
     * @param name the event's name
     * @return its wait event info
     */
    public int extensionNew(String name) {
        Integer existing = extensionByName.get(name);
        if (existing != null) {
            return existing;
        }
        synchronized (this) {
            return extensionByName.computeIfAbsent(name, n -> {
                int info = WaitEvents.PG_WAIT_EXTENSION | nextExtensionId++;
                byInfo.put(info, new WaitEvent("Extension", n, "Waiting for custom wait event \"" + n + "\" defined by extension module"));
                return info;
            });
        }
    }

    /**
     * @param info a wait event info, or 0
     * @return the event, or null when not waiting or unknown
     */
    public WaitEvent describe(int info) {
        if (info == 0) {
            return null;
        }
        WaitEvent event = byInfo.get(info);
        if (event == null && (info & CLASS_MASK) == WaitEvents.PG_WAIT_EXTENSION) {
            return byInfo.get(EXTENSION);
        }
        return event;
    }

    /** @return every known event, for {@code pg_wait_events} */
    public List<WaitEvent> all() {
        return new ArrayList<>(byInfo.values());
    }
}
