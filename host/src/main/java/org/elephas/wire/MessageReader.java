package org.elephas.wire;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads frontend messages with their length checked before anything is allocated: a startup
 * packet (no type byte) of at most {@value #MAX_STARTUP_PACKET} bytes, as PostgreSQL allows,
 * and typed messages of at most {@code maxMessage} bytes. A length out of range is a protocol
 * violation that ends the connection.
 */
public final class MessageReader {
    /** PostgreSQL's {@code MAX_STARTUP_PACKET_LENGTH}. */
    public static final int MAX_STARTUP_PACKET = 10000;

    private final DataInputStream in;
    private final int maxMessage;

    /**
     * A message: its type and body (without type and length).
     *
     * @param type the type byte
     * @param body the body
     */
    public record Message(char type, byte[] body) {
        /** @return a reader over the body */
        public MessageBody reader() {
            return new MessageBody(body);
        }
    }

    /**
     * @param in the socket's stream
     * @param maxMessage the largest message body accepted
     */
    public MessageReader(InputStream in, int maxMessage) {
        this.in = new DataInputStream(in);
        this.maxMessage = maxMessage;
    }

    /**
     * @return the startup packet's body (from the protocol code on)
     * @throws IOException when the client is gone
     * @throws ProtocolViolation for an invalid length
     */
    public byte[] readStartupPacket() throws IOException {
        int length = in.readInt();
        if (length < 8 || length > MAX_STARTUP_PACKET) {
            throw new ProtocolViolation("invalid length of startup packet");
        }
        byte[] body = new byte[length - 4];
        in.readFully(body);
        return body;
    }

    /**
     * Whether the next message, already received, is a Sync, without reading it or waiting for
     * it: clients send Bind, Execute and Sync together, so the last Execute before a Sync can be
     * known as such when it runs.
     *
     * @return true only when the next message's type byte is here and is {@code S}
     * @throws IOException when the stream fails
     */
    public boolean syncIsNext() throws IOException {
        if (in.available() < 1) {
            return false;
        }
        in.mark(1);
        int type = in.read();
        in.reset();
        return type == 'S';
    }

    /**
     * @return the next message, or null at a clean end of stream
     * @throws IOException when the client is gone mid-message
     * @throws ProtocolViolation for an invalid length
     */
    public Message read() throws IOException {
        int type = in.read();
        if (type < 0) {
            return null;
        }
        int length;
        try {
            length = in.readInt();
        } catch (EOFException e) {
            throw new ProtocolViolation("unexpected EOF within message length word");
        }
        if (length < 4 || length - 4 > maxMessage) {
            throw new ProtocolViolation("invalid message length");
        }
        byte[] body = new byte[length - 4];
        try {
            in.readFully(body);
        } catch (EOFException e) {
            throw new ProtocolViolation("incomplete message from client");
        }
        return new Message((char) type, body);
    }
}
