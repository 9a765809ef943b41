package org.elephas.wire;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import org.elephas.api.LogLevel;
import org.elephas.api.PgException;
import org.elephas.api.SqlState;
import org.elephas.guc.GucSession;
import org.elephas.session.Session;
import org.elephas.session.TransactionBlock;
import org.elephas.sql.LexedStatement;

/**
 * One client connection on its own thread: the startup, then PostgreSQL's {@code PostgresMain}
 * loop: read a message, act on it, and after a simple Query or a Sync report changed
 * parameters and ReadyForQuery with the transaction status. An error in an extended-protocol
 * message skips everything up to the next Sync. A FATAL error, a protocol violation or the
 * client's Terminate ends the connection, and only it.
 *
 * <p>Termination while idle ({@code pg_terminate_backend}, shutdown): the backend's idle exit
 * shuts the socket's input, so the blocked read ends, and this thread sends the FATAL 57P01 and
 * closes; the other thread never writes to the socket.
 */
final class BackendConnection implements Runnable {
    private final WireServer server;
    private final Socket socket;
    private final MessageReader in;
    private final MessageWriter out;
    private final ReportedParameters reported = new ReportedParameters();
    private Session session;
    private ExtendedQuery extended;
    private volatile boolean terminatedWhileIdle;
    private String zoneText;
    private ZoneId zone = ZoneOffset.UTC;
    private Object zoneVersion;
    private boolean skipToSync;

    BackendConnection(WireServer server, Socket socket) throws IOException {
        this.server = server;
        this.socket = socket;
        this.in = new MessageReader(new BufferedInputStream(socket.getInputStream(), 8192), server.maxMessageSize());
        this.out = new MessageWriter(new BufferedOutputStream(socket.getOutputStream(), 8192));
    }

    @Override
    public void run() {
        ClientStartup startup = new ClientStartup(server, in, out, (InetSocketAddress) socket.getRemoteSocketAddress());
        try {
            try {
                session = startup.run();
            } catch (ClientStartup.LoggedFatal e) {
                fatal(e.error, false);
                return;
            } catch (PgException e) {
                fatal(e, true);
                return;
            }
            if (session == null) {
                return;
            }
            begin();
            loop();
        } catch (ProtocolViolation e) {
            server.log().write(LogLevel.LOG, pid(), e.getMessage(), null, null);
        } catch (IOException | UncheckedIOException e) {
            // The client went away: nothing to tell it.
        } catch (RuntimeException e) {
            server.log().write(LogLevel.LOG, pid(), "connection ended by an internal error: " + e, null, null);
        } finally {
            end(startup.holdsSlot);
        }
    }

    private int pid() {
        return session == null ? server.postmasterPid() : session.backend().pid();
    }

    private void begin() throws IOException {
        server.register(this, session.backend().pid());
        session.backend().setClientAddress((InetSocketAddress) socket.getRemoteSocketAddress());
        session.setNoticeSink(n -> ErrorMessages.notice(out, n));
        Runnable removal = () -> server.sessions().server().procs().remove(session.backend());
        session.backend().setExitWhileIdle(() -> {
            removal.run();
            terminatedWhileIdle = true;
            try {
                socket.shutdownInput();
            } catch (IOException e) {
                // Closed already.
            }
        });
        GucSession gucs = session.backend().gucSession();
        gucs.setInternal("is_superuser", session.role().superuser() ? "on" : "off");
        gucs.setInternal("session_authorization", session.role().name());
        extended = new ExtendedQuery(session, out, this::zone, in::syncIsNext);
        reported.reportChanges(gucs, out);
        out.begin('K').int32(session.backend().pid()).int32(server.cancelKey(session.backend().pid())).end();
        readyForQuery();
    }

    private void loop() throws IOException {
        while (true) {
            MessageReader.Message m = in.read();
            if (m == null) {
                if (terminatedWhileIdle || session.backend().procDiePending()) {
                    fatal(PgException.fatal(SqlState.ADMIN_SHUTDOWN,
                            "terminating connection due to administrator command"), true);
                }
                return;
            }
            if (m.type() == 'X') {
                return;
            }
            if (skipToSync && m.type() != 'S') {
                continue;
            }
            try {
                if (!dispatch(m)) {
                    return;
                }
            } catch (PgException e) {
                if (e.level().compareTo(LogLevel.FATAL) >= 0 || session.isClosed()) {
                    fatal(e, false);
                    return;
                }
                out.discardIncomplete();
                ErrorMessages.error(out, e);
                if (m.type() == 'Q') {
                    readyForQuery();
                } else {
                    skipToSync = true;
                }
            }
        }
    }

    /** @return false to end the connection */
    private boolean dispatch(MessageReader.Message m) throws IOException {
        MessageBody body = m.reader();
        switch (m.type()) {
            case 'Q' -> {
                simpleQuery(body.cstring());
                readyForQuery();
            }
            case 'P' -> extended.parse(body);
            case 'B' -> extended.bind(body);
            case 'D' -> extended.describe(body);
            case 'E' -> extended.execute(body);
            case 'C' -> extended.close(body);
            case 'S' -> {
                skipToSync = false;
                session.sync();
                readyForQuery();
            }
            case 'H' -> out.flush();
            case 'd', 'c', 'f' -> {
                // Copy messages outside COPY are ignored, as PostgreSQL does.
            }
            default -> throw new ProtocolViolation("invalid frontend message type " + (int) m.type());
        }
        return true;
    }

    private void simpleQuery(String sql) throws IOException {
        RowWriter rows = new RowWriter(out, true, new short[0], this::zone);
        if (!CopyStatement.isClientCopy(sql)) {
            session.simpleQuery(sql, rows);
            return;
        }
        // A COPY among the statements: each runs on its own (no implicit transaction across them).
        List<LexedStatement> statements = LexedStatement.split(sql);
        for (LexedStatement s : statements) {
            if (CopyStatement.isClientCopy(s.text())) {
                new CopyHandler(session, in, out, this::zone).run(s.text());
            } else {
                session.simpleQuery(s.text(), rows);
            }
        }
    }

    private void readyForQuery() throws IOException {
        TransactionBlock.State state = session.transaction().state();
        if (state == TransactionBlock.State.IDLE) {
            extended.closeAllPortals();
        }
        reported.reportChanges(session.backend().gucSession(), out);
        char status = switch (state) {
            case IDLE, IMPLICIT -> 'I';
            case IN_BLOCK -> 'T';
            case FAILED -> 'E';
        };
        out.begin('Z').int8(status).end();
        out.flush();
    }

    /** The session's TimeZone, for timestamptz output. */
    private ZoneId zone() {
        GucSession gucs = session.backend().gucSession();
        Object version = gucs.valuesVersion();
        if (version == zoneVersion) {
            return zone;
        }
        zoneVersion = version;
        String text = gucs.show("TimeZone");
        if (text != null && !text.equals(zoneText)) {
            zoneText = text;
            try {
                zone = ZoneId.of(text, ZoneId.SHORT_IDS);
            } catch (RuntimeException e) {
                zone = ZoneOffset.UTC;
            }
        }
        return zone;
    }

    private void fatal(PgException e, boolean log) {
        if (log) {
            server.log().log(pid(), e, null);
        }
        try {
            out.discardIncomplete();
            ErrorMessages.error(out, e);
            out.flush();
        } catch (IOException io) {
            // The client is gone.
        }
    }

    private void end(boolean holdsSlot) {
        try {
            if (session != null) {
                server.unregister(session.backend().pid());
                session.close();
            }
        } finally {
            try {
                socket.close();
            } catch (IOException e) {
                // Closed.
            }
            server.connectionEnded(this, holdsSlot);
        }
    }

    /** Close the socket (server shutdown): the thread's read fails and it ends. */
    void closeSocket() {
        try {
            socket.close();
        } catch (IOException e) {
            // Closed.
        }
    }
}
