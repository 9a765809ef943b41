package org.elephas.wire;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Builds backend messages (a type byte, an int32 length that counts itself, the body) in a
 * buffer and writes them to the client on {@link #flush()}. Callers hold the writer's lock
 * for a whole message when another thread may write too (a termination while idle).
 */
public final class MessageWriter {
    private final OutputStream out;
    private byte[] buf = new byte[8192];
    private int len;
    private int messageStart = -1;

    /** @param out the socket's stream */
    public MessageWriter(OutputStream out) {
        this.out = out;
    }

    /**
     * Begin a message.
     *
     * @param type its type byte
     * @return this
     */
    public MessageWriter begin(char type) {
        ensure(5);
        buf[len++] = (byte) type;
        messageStart = len;
        len += 4;
        return this;
    }

    /** End the message begun last: fill in its length. */
    public void end() {
        int n = len - messageStart;
        buf[messageStart] = (byte) (n >>> 24);
        buf[messageStart + 1] = (byte) (n >>> 16);
        buf[messageStart + 2] = (byte) (n >>> 8);
        buf[messageStart + 3] = (byte) n;
        messageStart = -1;
    }

    /**
     * @param v a byte
     * @return this
     */
    public MessageWriter int8(int v) {
        ensure(1);
        buf[len++] = (byte) v;
        return this;
    }

    /**
     * @param v an int16
     * @return this
     */
    public MessageWriter int16(int v) {
        ensure(2);
        buf[len++] = (byte) (v >>> 8);
        buf[len++] = (byte) v;
        return this;
    }

    /**
     * @param v an int32
     * @return this
     */
    public MessageWriter int32(int v) {
        ensure(4);
        buf[len++] = (byte) (v >>> 24);
        buf[len++] = (byte) (v >>> 16);
        buf[len++] = (byte) (v >>> 8);
        buf[len++] = (byte) v;
        return this;
    }

    /**
     * @param b bytes
     * @return this
     */
    public MessageWriter bytes(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, buf, len, b.length);
        len += b.length;
        return this;
    }

    /**
     * @param s a string, written as UTF-8 and a terminating zero byte
     * @return this
     */
    public MessageWriter cstring(String s) {
        bytes(s.getBytes(StandardCharsets.UTF_8));
        return int8(0);
    }

    /**
     * A whole message with no body.
     *
     * @param type its type
     */
    public void empty(char type) {
        begin(type).end();
    }

    /** @return bytes buffered, not yet written */
    public int buffered() {
        return len;
    }

    /**
     * Write what is buffered.
     *
     * @throws IOException when the client is gone
     */
    public void flush() throws IOException {
        if (len > 0) {
            out.write(buf, 0, len);
            len = 0;
        }
        out.flush();
    }

    /** Drop a message begun and not ended (an error came while it was being built). */
    public void discardIncomplete() {
        if (messageStart >= 0) {
            len = messageStart - 1;
            messageStart = -1;
        }
    }

    /** Drop what is buffered (a message that could not be completed). */
    public void discard() {
        len = 0;
        messageStart = -1;
    }

    private void ensure(int n) {
        if (len + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
        }
    }
}
