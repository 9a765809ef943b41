package org.elephas.wire;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.elephas.api.LogLevel;
import org.elephas.api.ipc.Signal;
import org.elephas.backend.BackendThread;
import org.elephas.guc.GucRegistry;
import org.elephas.log.ServerLog;
import org.elephas.session.Sessions;

/**
 * The postmaster's listening side: server sockets on {@code listen_addresses} and {@code port}
 * (port 0 takes a free port, for tests), an acceptor thread per socket, and a thread per
 * connection. It keeps the {@code max_connections} count, the cancel keys of live backends
 * and the hba.conf rules (re-read at each configuration reload).
 *
 * <p>Opened when the postmaster reaches RUN; closed at shutdown after client backends have been
 * told to terminate, which closes every connection still open.
 */
public final class WireServer implements AutoCloseable {
    /** The largest message accepted, as PostgreSQL's {@code PQ_LARGE_MESSAGE_LIMIT} (1 GB). */
    public static final int MAX_MESSAGE = 1 << 30;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Sessions sessions;
    private final ServerLog log;
    private final Path hbaPath;
    private final int maxConnections;
    private final int maxMessageSize;
    private final List<ServerSocket> listeners = new ArrayList<>();
    private final Set<BackendConnection> connections = ConcurrentHashMap.newKeySet();
    private final Map<Integer, Integer> cancelKeys = new ConcurrentHashMap<>();
    private final AtomicInteger slots = new AtomicInteger();
    private volatile HbaFile hba;
    private volatile boolean closed;
    private int port;

    private WireServer(Sessions sessions, ServerLog log, Path hbaPath, int maxConnections, int maxMessageSize) {
        this.sessions = sessions;
        this.log = log;
        this.hbaPath = hbaPath;
        this.maxConnections = maxConnections;
        this.maxMessageSize = maxMessageSize;
    }

    /**
     * Read hba.conf and listen. With {@code listen_addresses} empty nothing listens (as in
     * PostgreSQL, where only the Unix socket would remain).
     *
     * @param sessions opens sessions
     * @param gucs the parameters ({@code listen_addresses}, {@code port}, {@code max_connections})
     * @param log the server log
     * @param hbaPath {@code DATADIR/hba.conf}
     * @return the listening server
     * @throws IOException when hba.conf cannot be read or no address could be bound
     * @throws IllegalArgumentException when hba.conf has an invalid line
     */
    public static WireServer start(Sessions sessions, GucRegistry gucs, ServerLog log, Path hbaPath)
            throws IOException {
        String addresses = ((String) gucs.globalValue("listen_addresses")).strip();
        WireServer w = new WireServer(sessions, log, hbaPath, (Integer) gucs.globalValue("max_connections"),
                MAX_MESSAGE);
        if (addresses.isEmpty()) {
            return w;
        }
        if (!Files.exists(hbaPath)) {
            throw new IOException("could not load " + hbaPath + ": file does not exist");
        }
        w.hba = HbaFile.load(hbaPath);
        gucs.addReloadListener(w::reloadHba);
        try {
            w.listen(addresses, (Integer) gucs.globalValue("port"));
        } catch (IOException | RuntimeException e) {
            w.close();
            throw e;
        }
        return w;
    }

    private void listen(String addresses, int requestedPort) throws IOException {
        Set<InetAddress> targets = new LinkedHashSet<>();
        for (String a : addresses.split(",")) {
            String name = a.strip();
            if (name.equals("*")) {
                targets.add(InetAddress.getByName("0.0.0.0"));
            } else if (!name.isEmpty()) {
                try {
                    targets.addAll(List.of(InetAddress.getAllByName(name)));
                } catch (IOException e) {
                    log.write(LogLevel.WARNING, postmasterPid(), "could not translate host name \"" + name + "\" to address: "
                            + e.getMessage(), null, null);
                }
            }
        }
        port = requestedPort;
        for (InetAddress address : targets) {
            ServerSocket s = new ServerSocket();
            s.setReuseAddress(true);
            try {
                s.bind(new InetSocketAddress(address, port), 128);
            } catch (IOException e) {
                s.close();
                log.write(LogLevel.WARNING, postmasterPid(), "could not bind " + family(address) + " address \""
                        + address.getHostAddress() + "\": " + e.getMessage(), null, null);
                continue;
            }
            // Port 0 picks a free port on the first address; the others use the same one.
            port = s.getLocalPort();
            listeners.add(s);
            log.write(LogLevel.LOG, postmasterPid(), "listening on " + family(address) + " address \"" + address.getHostAddress()
                    + "\", port " + port, null, null);
            Thread t = new Thread(() -> accept(s), "postmaster listener " + address.getHostAddress());
            t.setDaemon(true);
            t.start();
        }
        if (listeners.isEmpty()) {
            throw new IOException("could not create any TCP/IP sockets");
        }
    }

    private static String family(InetAddress a) {
        return a instanceof Inet6Address ? "IPv6" : "IPv4";
    }

    private void accept(ServerSocket listener) {
        while (!closed) {
            Socket socket;
            try {
                socket = listener.accept();
            } catch (IOException e) {
                if (!closed) {
                    log.write(LogLevel.LOG, postmasterPid(), "could not accept new connection: " + e.getMessage(), null, null);
                }
                continue;
            }
            try {
                socket.setTcpNoDelay(true);
                BackendConnection c = new BackendConnection(this, socket);
                connections.add(c);
                Thread t = new BackendThread(c, "elephas client " + socket.getRemoteSocketAddress());
                t.setDaemon(true);
                t.start();
            } catch (IOException | RuntimeException | Error e) {
                log.write(LogLevel.LOG, postmasterPid(), "could not fork new process for connection: " + e, null, null);
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // Gone.
                }
            }
        }
    }

    private void reloadHba() {
        try {
            hba = HbaFile.load(hbaPath);
        } catch (IOException | RuntimeException e) {
            log.write(LogLevel.LOG, postmasterPid(), "could not load " + hbaPath + ": " + e.getMessage(), null,
                    null);
            log.write(LogLevel.WARNING, postmasterPid(), hbaPath.getFileName() + " was not reloaded", null, null);
        }
    }

    /** The postmaster's pid, for its log lines. */
    int postmasterPid() {
        return sessions.server().procs().postmasterPidForLog();
    }

    /** @return the port listened on (the one chosen when {@code port} is 0), 0 when not listening */
    public int port() {
        return listeners.isEmpty() ? 0 : port;
    }

    /** @return the number of connections holding a slot (authenticating or running) */
    public int connectionCount() {
        return slots.get();
    }

    Sessions sessions() {
        return sessions;
    }

    ServerLog log() {
        return log;
    }

    HbaFile hba() {
        return hba;
    }

    int maxMessageSize() {
        return maxMessageSize;
    }

    /** @return whether a new client may go on ({@code max_connections}) */
    boolean acquireSlot() {
        while (true) {
            int n = slots.get();
            if (n >= maxConnections) {
                return false;
            }
            if (slots.compareAndSet(n, n + 1)) {
                return true;
            }
        }
    }

    int cancelKey(int pid) {
        return cancelKeys.get(pid);
    }

    void register(BackendConnection c, int pid) {
        cancelKeys.put(pid, RANDOM.nextInt());
    }

    void unregister(int pid) {
        cancelKeys.remove(pid);
    }

    void connectionEnded(BackendConnection c, boolean heldSlot) {
        if (heldSlot) {
            slots.decrementAndGet();
        }
        synchronized (connections) {
            connections.remove(c);
            connections.notifyAll();
        }
    }

    /** A CancelRequest: cancel the backend's current statement if the key matches (else ignore it). */
    void cancel(int pid, int key) {
        Integer expected = cancelKeys.get(pid);
        if (expected != null && expected == key) {
            sessions.server().procs().signal(pid, Signal.SIGINT);
        } else {
            log.write(LogLevel.LOG, postmasterPid(), "wrong key in cancel request for process " + pid, null, null);
        }
    }

    /** Stop accepting connections (the first step of a shutdown). */
    public void stopListening() {
        closed = true;
        for (ServerSocket s : listeners) {
            try {
                s.close();
            } catch (IOException e) {
                // Closed.
            }
        }
    }

    /**
     * Wait for the connections to end (their backends were told to terminate and tell their
     * clients so), then close what is left.
     *
     * @param timeoutMillis how long to wait
     */
    public void awaitConnectionsEnd(long timeoutMillis) {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        synchronized (connections) {
            while (!connections.isEmpty() && System.nanoTime() < deadline) {
                try {
                    connections.wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000L));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        connections.forEach(BackendConnection::closeSocket);
    }

    /** Stop listening and close every connection at once. */
    @Override
    public void close() {
        stopListening();
        connections.forEach(BackendConnection::closeSocket);
    }
}
