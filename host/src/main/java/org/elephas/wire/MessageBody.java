package org.elephas.wire;

import java.nio.charset.StandardCharsets;

/**
 * Reads the fields of a message body; reading past its end, or a string without its
 * terminator, is a {@link ProtocolViolation}.
 */
public final class MessageBody {
    private final byte[] b;
    private int pos;

    /** @param body the body */
    public MessageBody(byte[] body) {
        this.b = body;
    }

    /**
     * @return an int16
     * @throws ProtocolViolation past the end
     */
    public int int16() throws ProtocolViolation {
        need(2);
        int v = (short) (((b[pos] & 0xff) << 8) | (b[pos + 1] & 0xff));
        pos += 2;
        return v;
    }

    /**
     * @return an int32
     * @throws ProtocolViolation past the end
     */
    public int int32() throws ProtocolViolation {
        need(4);
        int v = ((b[pos] & 0xff) << 24) | ((b[pos + 1] & 0xff) << 16) | ((b[pos + 2] & 0xff) << 8) | (b[pos + 3] & 0xff);
        pos += 4;
        return v;
    }

    /**
     * @return a byte
     * @throws ProtocolViolation past the end
     */
    public int int8() throws ProtocolViolation {
        need(1);
        return b[pos++] & 0xff;
    }

    /**
     * @param n how many
     * @return that many bytes
     * @throws ProtocolViolation past the end or for a negative count
     */
    public byte[] bytes(int n) throws ProtocolViolation {
        if (n < 0) {
            throw new ProtocolViolation("invalid length in message");
        }
        need(n);
        byte[] v = java.util.Arrays.copyOfRange(b, pos, pos + n);
        pos += n;
        return v;
    }

    /**
     * @return a zero-terminated UTF-8 string
     * @throws ProtocolViolation without a terminator
     */
    public String cstring() throws ProtocolViolation {
        int end = pos;
        while (end < b.length && b[end] != 0) {
            end++;
        }
        if (end >= b.length) {
            throw new ProtocolViolation("invalid string in message");
        }
        String s = new String(b, pos, end - pos, StandardCharsets.UTF_8);
        pos = end + 1;
        return s;
    }

    /** @return bytes left */
    public int remaining() {
        return b.length - pos;
    }

    private void need(int n) throws ProtocolViolation {
        if (b.length - pos < n) {
            throw new ProtocolViolation("insufficient data left in message");
        }
    }
}
