package org.elephas.wire;

import java.io.IOException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.elephas.api.PgException;
import org.elephas.api.SqlState;
import org.elephas.api.sql.Column;
import org.elephas.api.sql.QueryCompletion;
import org.elephas.session.Portal;
import org.elephas.session.Session;

/**
 * The extended query protocol of one connection: Parse, Bind, Describe, Execute, Close (Sync
 * and Flush are the connection's). Prepared statements live in the session (they share their
 * names with SQL PREPARE, as in PostgreSQL); the parameter types a Parse declared and the
 * portals, with their result formats, live here.
 */
final class ExtendedQuery {
    /** A portal and the result formats its Bind asked for. */
    private record BoundPortal(Portal portal, short[] formats) {
    }

    private final Session session;
    private final MessageWriter out;
    private final Supplier<ZoneId> zone;
    private final SyncProbe syncIsNext;
    private final Map<String, int[]> declaredTypes = new HashMap<>();
    private final Map<String, BoundPortal> portals = new HashMap<>();

    /** Whether the client's next message is a Sync that has already arrived. */
    interface SyncProbe {
        /**
         * @return whether a Sync is the next message
         * @throws IOException when the connection fails
         */
        boolean syncIsNext() throws IOException;
    }

    ExtendedQuery(Session session, MessageWriter out, Supplier<ZoneId> zone, SyncProbe syncIsNext) {
        this.session = session;
        this.out = out;
        this.zone = zone;
        this.syncIsNext = syncIsNext;
    }

    void parse(MessageBody m) throws IOException {
        String name = m.cstring();
        String sql = m.cstring();
        int n = m.int16();
        int[] types = new int[Math.max(n, 0)];
        for (int i = 0; i < types.length; i++) {
            types[i] = m.int32();
        }
        session.prepare(name, sql);
        declaredTypes.put(name, types);
        out.empty('1');
    }

    void bind(MessageBody m) throws IOException {
        String portalName = m.cstring();
        String statement = m.cstring();
        short[] paramFormats = formats(m);
        int n = m.int16();
        List<byte[]> values = new ArrayList<>(Math.max(n, 0));
        for (int i = 0; i < n; i++) {
            int len = m.int32();
            values.add(len < 0 ? null : m.bytes(len));
        }
        short[] resultFormats = formats(m);
        if (paramFormats.length > 1 && paramFormats.length != n) {
            throw PgException.error(SqlState.PROTOCOL_VIOLATION, "bind message has " + paramFormats.length
                    + " parameter formats but " + n + " parameters");
        }
        session.preparedStatement(statement);
        int[] types = parameterTypes(statement, n);
        List<Object> params = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int f = RowWriter.format(paramFormats, i);
            params.add(ParameterDecoder.decode(values.get(i), f == 1, types[i]));
        }
        if (!portalName.isEmpty() && portals.containsKey(portalName)) {
            throw PgException.error("42P03", "cursor \"" + portalName + "\" already exists");
        }
        closePortal(portalName);
        Portal portal = session.bind(statement, params);
        portals.put(portalName, new BoundPortal(portal, resultFormats));
        out.empty('2');
    }

    /** The declared types, with the engine's inference where Parse left a type unspecified. */
    private int[] parameterTypes(String statement, int n) {
        int[] declared = declaredTypes.getOrDefault(statement, new int[0]);
        int[] types = new int[n];
        boolean unknown = false;
        for (int i = 0; i < n; i++) {
            types[i] = i < declared.length ? declared[i] : 0;
            unknown |= types[i] == 0;
        }
        if (unknown) {
            int[] inferred = session.describePrepared(statement).parameterTypes();
            for (int i = 0; i < n; i++) {
                if (types[i] == 0 && i < inferred.length) {
                    types[i] = inferred[i];
                }
            }
            // A statement's parameter types are fixed once it is prepared: infer them once.
            if (declaredTypes.containsKey(statement)) {
                declaredTypes.put(statement, types.clone());
            }
        }
        return types;
    }

    private static short[] formats(MessageBody m) throws ProtocolViolation {
        int n = m.int16();
        if (n < 0) {
            throw new ProtocolViolation("invalid format count in message");
        }
        short[] f = new short[n];
        for (int i = 0; i < n; i++) {
            f[i] = (short) m.int16();
        }
        return f;
    }

    void describe(MessageBody m) throws IOException {
        int kind = m.int8();
        String name = m.cstring();
        if (kind == 'S') {
            Session.StatementDescription d = session.describePrepared(name);
            int[] declared = declaredTypes.getOrDefault(name, new int[0]);
            int[] types = d.parameterTypes();
            out.begin('t').int16(types.length);
            for (int i = 0; i < types.length; i++) {
                out.int32(i < declared.length && declared[i] != 0 ? declared[i] : types[i]);
            }
            out.end();
            RowWriter.rowDescription(out, d.columns(), new short[0]);
        } else if (kind == 'P') {
            BoundPortal p = portal(name);
            List<Column> columns = session.describePortal(p.portal());
            RowWriter.checkFormats(p.formats(), columns);
            RowWriter.rowDescription(out, columns, p.formats());
        } else {
            throw PgException.error(SqlState.PROTOCOL_VIOLATION, "invalid DESCRIBE message subtype " + kind);
        }
    }

    void execute(MessageBody m) throws IOException {
        String name = m.cstring();
        int maxRows = m.int32();
        BoundPortal p = portal(name);
        if (p.portal().prepared().query().sourceText().isBlank()) {
            out.empty('I');
            return;
        }
        RowWriter rows = new RowWriter(out, false, p.formats(), zone);
        // Run to completion with Sync next: the statement is the whole implicit transaction.
        boolean lastBeforeSync = maxRows <= 0 && syncIsNext.syncIsNext();
        QueryCompletion qc = session.executePortal(p.portal(), rows, maxRows <= 0 ? 0 : maxRows, lastBeforeSync);
        if (qc == null) {
            out.empty('s');
        } else {
            rows.commandComplete(qc);
        }
    }

    void close(MessageBody m) throws IOException {
        int kind = m.int8();
        String name = m.cstring();
        if (kind == 'S') {
            session.deallocate(name);
            declaredTypes.remove(name);
        } else if (kind == 'P') {
            closePortal(name);
        } else {
            throw PgException.error(SqlState.PROTOCOL_VIOLATION, "invalid CLOSE message subtype " + kind);
        }
        out.empty('3');
    }

    private BoundPortal portal(String name) {
        BoundPortal p = portals.get(name);
        if (p == null) {
            throw PgException.error("34000", "portal \"" + name + "\" does not exist");
        }
        return p;
    }

    private void closePortal(String name) {
        BoundPortal old = portals.remove(name);
        if (old != null) {
            session.closePortal(old.portal());
        }
    }

    /** The transaction ended: portals go with it. */
    void closeAllPortals() {
        for (BoundPortal p : portals.values()) {
            session.closePortal(p.portal());
        }
        portals.clear();
    }
}
