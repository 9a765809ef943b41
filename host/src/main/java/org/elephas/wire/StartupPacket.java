package org.elephas.wire;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The first packet of a connection: a protocol version and the connection parameters, or a
 * request code (SSL, GSS encryption, cancel).
 *
 * @param code the protocol version or request code
 * @param parameters name/value pairs of a startup message
 * @param cancelPid for a CancelRequest, the backend's pid
 * @param cancelKey for a CancelRequest, its secret key
 */
record StartupPacket(int code, Map<String, String> parameters, int cancelPid, int cancelKey) {
    static final int PROTOCOL_3 = 3 << 16;
    static final int CANCEL_REQUEST = 1234 << 16 | 5678;
    static final int SSL_REQUEST = 1234 << 16 | 5679;
    static final int GSSENC_REQUEST = 1234 << 16 | 5680;

    /**
     * @param body the packet without its length
     * @return it
     * @throws ProtocolViolation for a malformed packet
     */
    static StartupPacket parse(byte[] body) throws ProtocolViolation {
        MessageBody b = new MessageBody(body);
        int code = b.int32();
        if (code == CANCEL_REQUEST) {
            if (b.remaining() != 8) {
                throw new ProtocolViolation("invalid length of cancel request packet");
            }
            return new StartupPacket(code, Map.of(), b.int32(), b.int32());
        }
        Map<String, String> params = new LinkedHashMap<>();
        if (code >> 16 == 3) {
            while (true) {
                if (b.remaining() == 0) {
                    throw new ProtocolViolation("invalid startup packet layout: expected terminator as last byte");
                }
                String name = b.cstring();
                if (name.isEmpty()) {
                    break;
                }
                params.put(name, b.cstring());
            }
            if (b.remaining() != 0) {
                throw new ProtocolViolation("invalid startup packet layout: expected terminator as last byte");
            }
        }
        return new StartupPacket(code, params, 0, 0);
    }

    /**
     * {@code options}: {@code -c name=value} and {@code --name=value}, separated by spaces; a
     * backslash keeps the next character (a space) in the value.
     *
     * @param options the option string
     * @param into where settings go
     */
    static void parseOptions(String options, Map<String, String> into) {
        java.util.List<String> words = new java.util.ArrayList<>();
        StringBuilder w = new StringBuilder();
        for (int i = 0; i < options.length(); i++) {
            char c = options.charAt(i);
            if (c == '\\' && i + 1 < options.length()) {
                w.append(options.charAt(++i));
            } else if (Character.isWhitespace(c)) {
                if (w.length() > 0) {
                    words.add(w.toString());
                    w.setLength(0);
                }
            } else {
                w.append(c);
            }
        }
        if (w.length() > 0) {
            words.add(w.toString());
        }
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            String setting = null;
            if (word.equals("-c") && i + 1 < words.size()) {
                setting = words.get(++i);
            } else if (word.startsWith("-c")) {
                setting = word.substring(2);
            } else if (word.startsWith("--")) {
                setting = word.substring(2);
            }
            if (setting != null) {
                int eq = setting.indexOf('=');
                if (eq > 0) {
                    into.put(setting.substring(0, eq).replace('-', '_'), setting.substring(eq + 1));
                }
            }
        }
    }
}
