package org.elephas.wire;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.elephas.auth.ScramSecret;

/**
 * The server side of a SCRAM-SHA-256 exchange (RFC 5802, RFC 7677) as PostgreSQL runs it: no
 * channel binding (Elephas has no SSL), the user name in the client's message ignored in favour
 * of the startup packet's. A role without a SCRAM verifier gets a mock exchange with a made-up
 * salt that fails at the end, so a client cannot tell which roles exist.
 */
final class ScramExchange {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getEncoder();

    private final ScramSecret secret;
    private final boolean mock;
    private String clientFirstBare;
    private String serverFirst;
    private String nonce;
    private String gs2Header;
    private byte[] serverSignature;

    /** @param secret the role's verifier, or null for a mock exchange that always fails */
    ScramExchange(ScramSecret secret) {
        if (secret == null) {
            byte[] salt = new byte[ScramSecret.SALT_LENGTH];
            RANDOM.nextBytes(salt);
            this.secret = new ScramSecret(ScramSecret.DEFAULT_ITERATIONS, salt, new byte[32], new byte[32]);
            this.mock = true;
        } else {
            this.secret = secret;
            this.mock = false;
        }
    }

    /**
     * @param clientFirst the client-first-message
     * @return the server-first-message
     * @throws ProtocolViolation for a malformed message
     */
    String serverFirst(String clientFirst) throws ProtocolViolation {
        // gs2-header: "n,," (no binding) or "y,," (client could bind, thinks we cannot); "p=" asks for binding.
        if (clientFirst.startsWith("p=")) {
            throw new ProtocolViolation("channel binding is not supported");
        }
        if (!clientFirst.startsWith("n,") && !clientFirst.startsWith("y,")) {
            throw new ProtocolViolation("malformed SCRAM message");
        }
        int second = clientFirst.indexOf(',', 2);
        if (second < 0) {
            throw new ProtocolViolation("malformed SCRAM message");
        }
        gs2Header = clientFirst.substring(0, second + 1);
        clientFirstBare = clientFirst.substring(second + 1);
        String clientNonce = attribute(clientFirstBare, 'r');
        byte[] raw = new byte[18];
        RANDOM.nextBytes(raw);
        nonce = clientNonce + B64.encodeToString(raw);
        serverFirst = "r=" + nonce + ",s=" + B64.encodeToString(secret.salt()) + ",i=" + secret.iterations();
        return serverFirst;
    }

    /**
     * @param clientFinal the client-final-message
     * @return whether the proof is right
     * @throws ProtocolViolation for a malformed message
     */
    boolean verifyFinal(String clientFinal) throws ProtocolViolation {
        int p = clientFinal.lastIndexOf(",p=");
        if (p < 0) {
            throw new ProtocolViolation("malformed SCRAM message");
        }
        String withoutProof = clientFinal.substring(0, p);
        String binding = attribute(withoutProof, 'c');
        if (!binding.equals(B64.encodeToString(gs2Header.getBytes(StandardCharsets.UTF_8)))) {
            throw new ProtocolViolation("SCRAM channel binding check failed");
        }
        if (!attribute(withoutProof, 'r').equals(nonce)) {
            throw new ProtocolViolation("SCRAM nonce mismatch");
        }
        byte[] proof;
        try {
            proof = Base64.getDecoder().decode(clientFinal.substring(p + 3));
        } catch (IllegalArgumentException e) {
            throw new ProtocolViolation("malformed SCRAM message");
        }
        String authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;
        byte[] clientSignature = hmac(secret.storedKey(), authMessage);
        if (proof.length != clientSignature.length) {
            return false;
        }
        byte[] clientKey = new byte[proof.length];
        for (int i = 0; i < proof.length; i++) {
            clientKey[i] = (byte) (proof[i] ^ clientSignature[i]);
        }
        serverSignature = hmac(secret.serverKey(), authMessage);
        return !mock && MessageDigest.isEqual(sha256(clientKey), secret.storedKey());
    }

    /** @return the server-final-message, after a successful {@link #verifyFinal} */
    String serverFinal() {
        return "v=" + B64.encodeToString(serverSignature);
    }

    private static String attribute(String message, char name) throws ProtocolViolation {
        for (String part : message.split(",")) {
            if (part.length() >= 2 && part.charAt(0) == name && part.charAt(1) == '=') {
                return part.substring(2);
            }
        }
        throw new ProtocolViolation("malformed SCRAM message");
    }

    private static byte[] hmac(byte[] key, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] sha256(byte[] b) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(b);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
