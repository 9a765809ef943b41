package org.elephas.wire;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.elephas.api.PgException;
import org.elephas.api.SqlState;
import org.elephas.api.hooks.AuthStatus;
import org.elephas.api.hooks.Port;
import org.elephas.catalog.RoleInfo;
import org.elephas.session.Session;

/**
 * A connection's start (PostgreSQL's {@code ProcessStartupPacket} and {@code
 * ClientAuthentication}): answer SSLRequest and GSSENCRequest with 'N', pass a CancelRequest
 * on, take the startup message, check {@code max_connections}, find the hba.conf rule, run its
 * authentication method, tell the ClientAuthentication hook the outcome, and open the session.
 */
final class ClientStartup {
    private final WireServer server;
    private final MessageReader in;
    private final MessageWriter out;
    private final InetSocketAddress remote;
    /** Whether this connection holds one of the max_connections slots. */
    boolean holdsSlot;

    ClientStartup(WireServer server, MessageReader in, MessageWriter out, InetSocketAddress remote) {
        this.server = server;
        this.in = in;
        this.out = out;
        this.remote = remote;
    }

    /**
     * @return the authenticated session, or null when the connection was only a cancel request
     * @throws IOException when the client goes away or breaks the protocol
     * @throws PgException FATAL when the connection is refused
     */
    Session run() throws IOException {
        StartupPacket packet = StartupPacket.parse(in.readStartupPacket());
        boolean sslAnswered = false;
        boolean gssAnswered = false;
        while (packet.code() == StartupPacket.SSL_REQUEST && !sslAnswered
                || packet.code() == StartupPacket.GSSENC_REQUEST && !gssAnswered) {
            // Elephas has no SSL and no GSSAPI: say no, the client goes on in plain text.
            sslAnswered |= packet.code() == StartupPacket.SSL_REQUEST;
            gssAnswered |= packet.code() == StartupPacket.GSSENC_REQUEST;
            out.int8('N');
            out.flush();
            packet = StartupPacket.parse(in.readStartupPacket());
        }
        if (packet.code() == StartupPacket.CANCEL_REQUEST) {
            server.cancel(packet.cancelPid(), packet.cancelKey());
            return null;
        }
        int major = packet.code() >>> 16;
        int minor = packet.code() & 0xffff;
        if (major != 3) {
            throw PgException.fatal(SqlState.FEATURE_NOT_SUPPORTED, "unsupported frontend protocol " + major + "."
                    + minor + ": server supports 3.0 to 3.0");
        }
        Map<String, String> params = packet.parameters();
        if (minor > 0 || params.keySet().stream().anyMatch(k -> k.startsWith("_pq_."))) {
            negotiate(params);
        }
        String user = params.get("user");
        if (user == null || user.isEmpty()) {
            throw PgException.fatal(SqlState.INVALID_AUTHORIZATION_SPECIFICATION,
                    "no PostgreSQL user name specified in startup packet");
        }
        String database = params.getOrDefault("database", "");
        if (database.isEmpty()) {
            database = user;
        }
        if (params.containsKey("replication") && !params.get("replication").equalsIgnoreCase("false")) {
            throw PgException.fatal(SqlState.FEATURE_NOT_SUPPORTED, "replication connections are not supported");
        }
        Map<String, String> options = new LinkedHashMap<>();
        params.forEach((k, v) -> {
            if (!k.equals("user") && !k.equals("database") && !k.equals("options") && !k.equals("replication")
                    && !k.startsWith("_pq_.")) {
                options.put(k, v);
            }
        });
        if (params.containsKey("options")) {
            StartupPacket.parseOptions(params.get("options"), options);
        }
        if (!server.acquireSlot()) {
            throw PgException.fatal(SqlState.TOO_MANY_CONNECTIONS, "sorry, too many clients already");
        }
        holdsSlot = true;
        authenticate(user, database, options.getOrDefault("application_name", ""));
        return server.sessions().connectAuthenticated(database, user, options);
    }

    private void negotiate(Map<String, String> params) {
        java.util.List<String> unknown = params.keySet().stream().filter(k -> k.startsWith("_pq_.")).toList();
        out.begin('v').int32(0).int32(unknown.size());
        unknown.forEach(out::cstring);
        out.end();
    }

    private void authenticate(String user, String database, String applicationName) throws IOException {
        String host = remote.getAddress().getHostAddress();
        Optional<HbaRule> rule = server.hba().match(remote.getAddress(), database, user);
        String method = rule.map(HbaRule::method).orElse("reject");
        Port port = new Port(database, user, host, remote.getPort(), applicationName, method);
        if (rule.isEmpty()) {
            server.sessions().clientAuthenticated(port, AuthStatus.ERROR);
            throw PgException.fatal(SqlState.INVALID_AUTHORIZATION_SPECIFICATION, "no pg_hba.conf entry for host \""
                    + host + "\", user \"" + user + "\", database \"" + database + "\", no encryption");
        }
        if (method.equals("reject")) {
            server.sessions().clientAuthenticated(port, AuthStatus.ERROR);
            throw PgException.fatal(SqlState.INVALID_AUTHORIZATION_SPECIFICATION, "pg_hba.conf rejects connection for host \""
                    + host + "\", user \"" + user + "\", database \"" + database + "\", no encryption");
        }
        String stored = server.sessions().server().catalog().role(user).map(RoleInfo::password).orElse(null);
        Authenticator auth = new Authenticator(in, out);
        boolean ok = auth.authenticate(method, user, stored);
        server.sessions().clientAuthenticated(port, ok ? AuthStatus.OK : AuthStatus.ERROR);
        if (!ok) {
            PgException e = PgException.fatal(SqlState.INVALID_PASSWORD, "password authentication failed for user \""
                    + user + "\"");
            // The client learns only that it failed; the log says which rule decided.
            server.log().log(server.postmasterPid(), PgException.fatal(SqlState.INVALID_PASSWORD, e.getMessage()).withDetail(
                    "Connection matched hba.conf line " + rule.get().lineNumber() + "."), null);
            throw new LoggedFatal(e);
        }
        auth.ok();
    }

    /** A FATAL already written to the server log (with its detail); only the client still needs it. */
    static final class LoggedFatal extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient PgException error;

        LoggedFatal(PgException error) {
            super(error.getMessage());
            this.error = error;
        }
    }
}
