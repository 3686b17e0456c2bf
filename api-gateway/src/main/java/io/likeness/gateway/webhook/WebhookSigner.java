package io.likeness.gateway.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Standard Webhooks v1 symmetric signing: {@code v1,<base64(HMAC-SHA256(key, "{id}.{timestamp}.{body}"))>} over
 * the exact body bytes. With several active secrets (rotation) the {@code webhook-signature} header carries one
 * {@code v1,} signature per secret, space-separated, so a receiver that knows only the old or only the new
 * secret verifies either way.
 *
 * <p>Our own signer rather than the official library's {@code sign}: that one takes the payload as a
 * {@link String} (we sign raw bytes, which must not be re-encoded) and throws checked exceptions. The official
 * library verifies what this class produces in the tests. Instances are immutable and thread-safe.
 */
public final class WebhookSigner {

    /** Prefix of a Standard Webhooks symmetric secret. */
    public static final String SECRET_PREFIX = "whsec_";
    /** Smallest and largest key the spec allows, in bytes. */
    public static final int MIN_KEY_BYTES = 24;
    public static final int MAX_KEY_BYTES = 64;
    /** Size of keys made by {@link #generateSecret()}. */
    public static final int GENERATED_KEY_BYTES = 32;

    private static final String HMAC = "HmacSHA256";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final List<SecretKeySpec> keys;

    /**
     * @param secrets the active secrets, {@code whsec_<base64>}; the first is the newest by convention, all are
     *                used to sign
     * @throws IllegalArgumentException if the list is empty or a secret is malformed or of a bad size
     */
    public WebhookSigner(List<String> secrets) {
        if (secrets == null || secrets.isEmpty()) {
            throw new IllegalArgumentException("at least one webhook secret (whsec_<base64>) is required");
        }
        List<SecretKeySpec> parsed = new ArrayList<>(secrets.size());
        for (String secret : secrets) {
            parsed.add(new SecretKeySpec(decodeSecret(secret), HMAC));
        }
        this.keys = List.copyOf(parsed);
    }

    /** A new random secret in {@code whsec_<base64>} form (32 bytes from {@link SecureRandom}). */
    public static String generateSecret() {
        byte[] key = new byte[GENERATED_KEY_BYTES];
        RANDOM.nextBytes(key);
        return SECRET_PREFIX + Base64.getEncoder().encodeToString(key);
    }

    /**
     * The key bytes of a {@code whsec_<base64>} secret.
     *
     * @throws IllegalArgumentException (without echoing the secret) if the prefix, base64 or size is wrong
     */
    public static byte[] decodeSecret(String secret) {
        if (secret == null || !secret.startsWith(SECRET_PREFIX)) {
            throw new IllegalArgumentException("webhook secret must start with " + SECRET_PREFIX);
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(secret.substring(SECRET_PREFIX.length()).trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("webhook secret is not valid base64 after " + SECRET_PREFIX);
        }
        if (key.length < MIN_KEY_BYTES || key.length > MAX_KEY_BYTES) {
            throw new IllegalArgumentException("webhook secret must be " + MIN_KEY_BYTES + "-" + MAX_KEY_BYTES
                    + " bytes, was " + key.length);
        }
        return key;
    }

    /** How many secrets sign each message. */
    public int activeSecrets() {
        return keys.size();
    }

    /**
     * The {@code webhook-signature} header value.
     *
     * @param messageId     the {@code webhook-id}; must not contain {@code .}
     * @param unixSeconds   the {@code webhook-timestamp}
     * @param body          the exact bytes sent
     */
    public String sign(String messageId, long unixSeconds, byte[] body) {
        if (messageId == null || messageId.isEmpty() || messageId.indexOf('.') >= 0) {
            throw new IllegalArgumentException("message id must be non-empty and contain no '.': " + messageId);
        }
        byte[] prefix = (messageId + "." + unixSeconds + ".").getBytes(StandardCharsets.UTF_8);
        StringBuilder header = new StringBuilder();
        for (SecretKeySpec key : keys) {
            Mac mac = newMac(key);
            mac.update(prefix);
            mac.update(body);
            if (!header.isEmpty()) {
                header.append(' ');
            }
            header.append("v1,").append(Base64.getEncoder().encodeToString(mac.doFinal()));
        }
        return header.toString();
    }

    /**
     * Whether {@code signatureHeader} holds a valid {@code v1} signature by any active secret (constant-time
     * comparison). For our own checks; receivers should use the official library.
     */
    public boolean verify(String messageId, long unixSeconds, byte[] body, String signatureHeader) {
        if (signatureHeader == null) {
            return false;
        }
        boolean match = false;
        for (String expected : sign(messageId, unixSeconds, body).split(" ")) {
            byte[] want = expected.getBytes(StandardCharsets.US_ASCII);
            for (String given : signatureHeader.trim().split(" +")) {
                // no early exit: every pair is compared in constant time
                match |= MessageDigest.isEqual(want, given.getBytes(StandardCharsets.US_ASCII));
            }
        }
        return match;
    }

    private static Mac newMac(SecretKeySpec key) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable in this JVM", e);
        }
    }

    @Override
    public String toString() {
        return "WebhookSigner[" + keys.size() + " secret(s)]";
    }
}
