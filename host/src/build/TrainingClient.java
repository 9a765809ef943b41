import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Build step helper (run by cds-training.sh as a single-file program: {@code java
 * TrainingClient.java HOST PORT}): the training boot's first client. It connects over the
 * PostgreSQL protocol as {@code postgres} (trust authentication, as a new data directory's
 * hba.conf allows from 127.0.0.1), runs {@code select 1} once as a simple query and once through
 * the extended protocol, and disconnects, so that the class cache also holds the classes and
 * profiles of a client's first statements, which every boot's first client runs. Exits non-zero
 * on anything unexpected; the training goes on without it.
 */
public final class TrainingClient {
    private TrainingClient() {
    }

    public static void main(String[] args) throws IOException {
        try (Socket socket = new Socket(args[0], Integer.parseInt(args[1]))) {
            socket.setSoTimeout(30_000);
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            DataInputStream in = new DataInputStream(socket.getInputStream());
            ByteArrayOutputStream startup = new ByteArrayOutputStream();
            DataOutputStream body = new DataOutputStream(startup);
            body.writeInt(196608); // protocol 3.0
            for (String s : new String[] {"user", "postgres", "database", "postgres", "application_name", "training"}) {
                cstring(body, s);
            }
            body.writeByte(0);
            out.writeInt(startup.size() + 4);
            out.write(startup.toByteArray());
            out.flush();
            awaitReady(in);
            message(out, 'Q', cstringBytes("select 1"));
            awaitReady(in);
            ByteArrayOutputStream parse = new ByteArrayOutputStream();
            DataOutputStream p = new DataOutputStream(parse);
            cstring(p, "");
            cstring(p, "select $1::int + 1");
            p.writeShort(0);
            message(out, 'P', parse.toByteArray());
            ByteArrayOutputStream bind = new ByteArrayOutputStream();
            DataOutputStream b = new DataOutputStream(bind);
            cstring(b, "");
            cstring(b, "");
            b.writeShort(0);
            b.writeShort(1);
            byte[] one = "1".getBytes(StandardCharsets.US_ASCII);
            b.writeInt(one.length);
            b.write(one);
            b.writeShort(0);
            message(out, 'B', bind.toByteArray());
            message(out, 'D', new byte[] {'P', 0});
            message(out, 'E', new byte[] {0, 0, 0, 0, 0});
            message(out, 'S', new byte[0]);
            awaitReady(in);
            message(out, 'X', new byte[0]);
        }
    }

    /** Read messages until ReadyForQuery; fail on ErrorResponse or an authentication request. */
    private static void awaitReady(DataInputStream in) throws IOException {
        while (true) {
            int type = in.readUnsignedByte();
            int length = in.readInt();
            byte[] payload = in.readNBytes(length - 4);
            if (type == 'E') {
                throw new IOException("the server answered with an error: " + new String(payload, StandardCharsets.UTF_8));
            }
            if (type == 'R' && payload.length >= 4 && (payload[3] != 0 || payload[2] != 0)) {
                throw new IOException("the server asks for a password");
            }
            if (type == 'Z') {
                return;
            }
        }
    }

    private static void message(DataOutputStream out, char type, byte[] payload) throws IOException {
        out.writeByte(type);
        out.writeInt(payload.length + 4);
        out.write(payload);
        out.flush();
    }

    private static void cstring(DataOutputStream out, String s) throws IOException {
        out.write(cstringBytes(s));
    }

    private static byte[] cstringBytes(String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        byte[] withNul = new byte[bytes.length + 1];
        System.arraycopy(bytes, 0, withNul, 0, bytes.length);
        return withNul;
    }
}
