package org.elephas.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import org.elephas.testing.ListeningServer;
import org.elephas.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Hostile and malformed input on raw sockets: each ends only its own connection, with a log
 * line, while a pgjdbc session opened before goes on working.
 */
class WireMalformedTest {
    @RegisterExtension
    static final ListeningServer server = new ListeningServer();
    static Connection bystander;

    @BeforeAll
    static void start() throws Exception {
        bystander = DriverManager.getConnection(server.get().jdbcUrl("postgres") + "?user=postgres");
    }

    @AfterAll
    static void stop() throws Exception {
        if (bystander != null) {
            bystander.close();
        }
    }

    private static Socket open() throws IOException {
        Socket s = new Socket("127.0.0.1", server.get().port());
        s.setSoTimeout((int) TestServer.PATIENCE.toMillis());
        return s;
    }

    private static byte[] startup(String user) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(body);
        d.writeInt(196608);
        for (String s : new String[] {"user", user, "database", "postgres"}) {
            d.write(s.getBytes(StandardCharsets.UTF_8));
            d.write(0);
        }
        d.write(0);
        ByteArrayOutputStream packet = new ByteArrayOutputStream();
        DataOutputStream p = new DataOutputStream(packet);
        p.writeInt(body.size() + 4);
        p.write(body.toByteArray());
        return packet.toByteArray();
    }

    /** Read messages until ReadyForQuery; @return the types seen. */
    private static String untilReady(DataInputStream in) throws IOException {
        StringBuilder types = new StringBuilder();
        while (true) {
            char type = (char) in.readUnsignedByte();
            int len = in.readInt();
            in.readFully(new byte[len - 4]);
            types.append(type);
            if (type == 'Z') {
                return types.toString();
            }
        }
    }

    /** @return whether the server closed the connection (after any messages it sent) */
    private static boolean closedByServer(DataInputStream in) throws IOException {
        try {
            while (true) {
                in.readUnsignedByte();
                int len = in.readInt();
                in.readFully(new byte[Math.max(0, len - 4)]);
            }
        } catch (EOFException e) {
            return true;
        } catch (java.net.SocketException e) {
            return true;
        }
    }

    private static void assertBystanderWorks() throws Exception {
        try (Statement s = bystander.createStatement(); ResultSet rs = s.executeQuery("SELECT 7")) {
            assertTrue(rs.next());
            assertEquals(7, rs.getInt(1));
        }
    }

    @Test
    void sslAndGssRequestsAreAnsweredNo() throws Exception {
        try (Socket s = open()) {
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            DataInputStream in = new DataInputStream(s.getInputStream());
            out.writeInt(8);
            out.writeInt(80877104);
            assertEquals('N', in.readUnsignedByte());
            out.writeInt(8);
            out.writeInt(80877103);
            assertEquals('N', in.readUnsignedByte());
            out.write(startup("postgres"));
            String types = untilReady(in);
            assertTrue(types.startsWith("R") && types.contains("S") && types.contains("K"), types);
            out.write(new byte[] {'X', 0, 0, 0, 4});
            assertTrue(closedByServer(in));
        }
    }

    @Test
    void garbageStartupPacket() throws Exception {
        try (Socket s = open()) {
            s.getOutputStream().write(new byte[] {0x7f, 0x7f, 0x7f, 0x7f, 1, 2, 3, 4});
            assertTrue(closedByServer(new DataInputStream(s.getInputStream())));
        }
        server.get().log().await("invalid length of startup packet", TestServer.PATIENCE);
        assertBystanderWorks();
    }

    @Test
    void truncatedStartupPacket() throws Exception {
        try (Socket s = open()) {
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            out.writeInt(100);
            out.writeInt(196608);
            s.shutdownOutput();
            assertTrue(closedByServer(new DataInputStream(s.getInputStream())));
        }
        assertBystanderWorks();
    }

    @Test
    void oversizedAndNegativeMessageLengths() throws Exception {
        for (int length : new int[] {Integer.MAX_VALUE, -5, 2}) {
            try (Socket s = open()) {
                DataOutputStream out = new DataOutputStream(s.getOutputStream());
                DataInputStream in = new DataInputStream(s.getInputStream());
                out.write(startup("postgres"));
                untilReady(in);
                out.writeByte('Q');
                out.writeInt(length);
                out.flush();
                assertTrue(closedByServer(in), "length " + length);
            }
        }
        server.get().log().await("invalid message length", TestServer.PATIENCE);
        assertBystanderWorks();
    }

    @Test
    void unknownMessageTypeAndTruncatedBody() throws Exception {
        try (Socket s = open()) {
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            DataInputStream in = new DataInputStream(s.getInputStream());
            out.write(startup("postgres"));
            untilReady(in);
            out.write(new byte[] {'!', 0, 0, 0, 4});
            assertTrue(closedByServer(in));
        }
        server.get().log().await("invalid frontend message type 33", TestServer.PATIENCE);
        try (Socket s = open()) {
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            DataInputStream in = new DataInputStream(s.getInputStream());
            out.write(startup("postgres"));
            untilReady(in);
            // A Bind whose body ends in the middle of its fields.
            out.write(new byte[] {'B', 0, 0, 0, 7, 0, 0, 0});
            out.flush();
            assertTrue(closedByServer(in));
        }
        try (Socket s = open()) {
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            DataInputStream in = new DataInputStream(s.getInputStream());
            out.write(startup("postgres"));
            untilReady(in);
            // Announces 100 bytes, sends 3, then hangs up.
            out.write(new byte[] {'Q', 0, 0, 0, 100, 'S', 'E', 'L'});
            s.shutdownOutput();
            assertTrue(closedByServer(in));
        }
        assertBystanderWorks();
        long deadline = System.nanoTime() + TestServer.PATIENCE.toNanos();
        while (server.get().postmaster().wire().connectionCount() > 1 && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
        }
        assertEquals(1, server.get().postmaster().wire().connectionCount(), "only the bystander holds a slot");
    }
}
