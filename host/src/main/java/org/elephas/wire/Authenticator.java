package org.elephas.wire;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

import org.elephas.api.PgException;
import org.elephas.api.SqlState;
import org.elephas.auth.PasswordVerifier;
import org.elephas.auth.ScramSecret;

/**
 * Runs one authentication method's exchange with the client (PostgreSQL's {@code auth.c}):
 * {@code trust} asks nothing; {@code password} asks for the password in clear text;
 * {@code md5} asks for an MD5 hash salted with the role name and a random salt, unless the
 * role's password is stored as a SCRAM verifier, in which case SCRAM is used; {@code
 * scram-sha-256} runs SCRAM. The answer is checked against the verifier stored in the catalog.
 */
final class Authenticator {
    private static final int AUTH_OK = 0;
    private static final int AUTH_CLEARTEXT = 3;
    private static final int AUTH_MD5 = 5;
    private static final int AUTH_SASL = 10;
    private static final int AUTH_SASL_CONTINUE = 11;
    private static final int AUTH_SASL_FINAL = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final MessageReader in;
    private final MessageWriter out;

    Authenticator(MessageReader in, MessageWriter out) {
        this.in = in;
        this.out = out;
    }

    /**
     * @param method the hba method
     * @param user the role name
     * @param stored the role's stored password, or null (no password, or no such role)
     * @return whether the client proved it knows the password
     * @throws IOException when the client goes away
     */
    boolean authenticate(String method, String user, String stored) throws IOException {
        return switch (method) {
            case "trust" -> true;
            case "password" -> PasswordVerifier.verify(askPassword(AUTH_CLEARTEXT, null), stored, user);
            case "md5" -> stored != null && stored.startsWith(ScramSecret.PREFIX) ? scram(stored) : md5(user, stored);
            case "scram-sha-256" -> scram(stored);
            default -> false;
        };
    }

    /** Send AuthenticationOk. */
    void ok() {
        out.begin('R').int32(AUTH_OK).end();
    }

    private String askPassword(int code, byte[] salt) throws IOException {
        out.begin('R').int32(code);
        if (salt != null) {
            out.bytes(salt);
        }
        out.end();
        out.flush();
        return expectPassword().cstring();
    }

    private MessageBody expectPassword() throws IOException {
        MessageReader.Message m = in.read();
        if (m == null) {
            throw new java.io.EOFException("client closed the connection during authentication");
        }
        if (m.type() != 'p') {
            throw PgException.fatal(SqlState.PROTOCOL_VIOLATION,
                    "expected password response, got message type " + (int) m.type());
        }
        return m.reader();
    }

    private boolean md5(String user, String stored) throws IOException {
        byte[] salt = new byte[4];
        RANDOM.nextBytes(salt);
        String answer = askPassword(AUTH_MD5, salt);
        if (stored == null || !stored.startsWith("md5") || stored.length() != 35) {
            // A plain-text stored password can still be checked: hash it as the client did.
            if (stored == null || stored.startsWith(ScramSecret.PREFIX)) {
                return false;
            }
            stored = "md5" + md5Hex((stored + user).getBytes(StandardCharsets.UTF_8));
        }
        byte[] inner = stored.substring(3).getBytes(StandardCharsets.US_ASCII);
        byte[] salted = new byte[inner.length + 4];
        System.arraycopy(inner, 0, salted, 0, inner.length);
        System.arraycopy(salt, 0, salted, inner.length, 4);
        String expected = "md5" + md5Hex(salted);
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                answer.getBytes(StandardCharsets.UTF_8));
    }

    private boolean scram(String stored) throws IOException {
        ScramSecret secret = stored == null ? null : ScramSecret.parse(stored).orElse(null);
        ScramExchange exchange = new ScramExchange(secret);
        out.begin('R').int32(AUTH_SASL).cstring("SCRAM-SHA-256").int8(0).end();
        out.flush();
        MessageBody first = expectPassword();
        String mechanism = first.cstring();
        if (!mechanism.equals("SCRAM-SHA-256")) {
            throw PgException.fatal(SqlState.PROTOCOL_VIOLATION,
                    "client selected an invalid SASL authentication mechanism");
        }
        int length = first.int32();
        String clientFirst = new String(first.bytes(length), StandardCharsets.UTF_8);
        out.begin('R').int32(AUTH_SASL_CONTINUE).bytes(exchange.serverFirst(clientFirst)
                .getBytes(StandardCharsets.UTF_8)).end();
        out.flush();
        MessageBody fin = expectPassword();
        String clientFinal = new String(fin.bytes(fin.remaining()), StandardCharsets.UTF_8);
        if (!exchange.verifyFinal(clientFinal)) {
            return false;
        }
        out.begin('R').int32(AUTH_SASL_FINAL).bytes(exchange.serverFinal().getBytes(StandardCharsets.UTF_8)).end();
        return true;
    }

    private static String md5Hex(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
