package org.elephas.system;

import java.net.InetSocketAddress;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.elephas.backend.Activity;
import org.elephas.backend.ActivityState;
import org.elephas.backend.Backend;
import org.elephas.backend.WaitEventRegistry;
import org.elephas.session.Session;

/**
 * {@code pg_stat_activity} (one row per live backend: client sessions and background workers)
 * and {@code pg_wait_events} (PostgreSQL 17's list of wait events), with PostgreSQL's columns.
 */
public final class StatViews {
    private static final String INSUFFICIENT_PRIVILEGE = "<insufficient privilege>";

    private StatViews() {
    }

    /**
     * The rows of {@code pg_stat_activity}. As in PostgreSQL, a caller who is neither a
     * superuser nor the backend's role sees only its database, PID, role and application name.
     *
     * @param connection the engine's connection
     * @return the rows
     * @throws SQLException from the engine
     */
    public static ResultSet pgStatActivity(Connection connection) throws SQLException {
        Rows rows = new Rows().oid("datid").text("datname").integer("pid").integer("leader_pid").oid("usesysid")
                .text("usename").text("application_name").text("client_addr").text("client_hostname")
                .integer("client_port").timestamptz("backend_start").timestamptz("xact_start")
                .timestamptz("query_start").timestamptz("state_change").text("wait_event_type").text("wait_event")
                .text("state").bigint("backend_xid").bigint("backend_xmin").bigint("query_id").text("query")
                .text("backend_type");
        if (Rows.columnsOnly(connection)) {
            return rows.result();
        }
        Session caller = Caller.session();
        boolean superuser = caller.role().superuser();
        ZoneId zone = Rows.sessionZone();
        WaitEventRegistry waitEvents = SystemState.current().waitEvents();
        List<Backend> backends = new ArrayList<>(SystemState.current().procs().all());
        backends.sort(Comparator.comparingInt(Backend::pid));
        for (Backend b : backends) {
            Integer datid = b.databaseOid() == 0 ? null : b.databaseOid();
            Integer usesysid = b.roleOid() == 0 ? null : b.roleOid();
            String applicationName = b.gucSession() == null ? null : b.gucSession().show("application_name");
            if (!superuser && b.roleOid() != caller.role().oid()) {
                rows.add(datid, b.databaseName(), b.pid(), null, usesysid, b.roleName(), applicationName, null, null,
                        null, null, null, null, null, null, null, null, null, null, null, INSUFFICIENT_PRIVILEGE, null);
                continue;
            }
            Activity a = b.activity();
            WaitEventRegistry.WaitEvent wait = waitEvents.describe(b.waitEventInfo());
            if (wait == null && b.kind() == Backend.Kind.CLIENT_BACKEND && a.state() != null
                    && a.state() != ActivityState.ACTIVE) {
                wait = waitEvents.describe(WaitEventRegistry.CLIENT_READ); // between statements
            }
            // Outside a block each statement is its own transaction.
            long xactStart = a.transactionStartMillis() == 0 && a.state() == ActivityState.ACTIVE
                    ? a.queryStartMillis() : a.transactionStartMillis();
            InetSocketAddress client = b.clientAddress();
            rows.add(datid, b.databaseName(), b.pid(), null, usesysid, b.roleName(), applicationName,
                    client == null ? null : client.getAddress().getHostAddress(), null,
                    client == null ? null : client.getPort(), Rows.time(b.startedAtMillis(), zone),
                    Rows.time(xactStart, zone), Rows.time(a.queryStartMillis(), zone),
                    Rows.time(a.stateChangeMillis(), zone), wait == null ? null : wait.type(),
                    wait == null ? null : wait.name(), a.state() == null ? null : a.state().label(), null, null, null,
                    a.query(), b.backendType());
        }
        return rows.result();
    }

    /**
     * The rows of {@code pg_wait_events}: the built-in events Elephas reports and every
     * extension event created so far.
     *
     * @param connection the engine's connection
     * @return the rows, by type and name
     * @throws SQLException from the engine
     */
    public static ResultSet pgWaitEvents(Connection connection) throws SQLException {
        Rows rows = new Rows().text("type").text("name").text("description");
        if (Rows.columnsOnly(connection)) {
            return rows.result();
        }
        List<WaitEventRegistry.WaitEvent> events = SystemState.current().waitEvents().all();
        events.sort(Comparator.comparing(WaitEventRegistry.WaitEvent::type).thenComparing(WaitEventRegistry.WaitEvent::name));
        for (WaitEventRegistry.WaitEvent e : events) {
            rows.add(e.type(), e.name(), e.description());
        }
        return rows.result();
    }
}
