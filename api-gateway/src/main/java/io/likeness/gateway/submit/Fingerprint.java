package io.likeness.gateway.submit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.TreeMap;

/** Stable hashes: a request's fingerprint (idempotency conflicts) and ids derived from an idempotency key. */
final class Fingerprint {

    private Fingerprint() {
    }

    static String of(SubmitRequest r) {
        MessageDigest d = sha256();
        d.update(r.image());
        d.update(String.join(",", r.edits()).getBytes(StandardCharsets.UTF_8));
        d.update(r.parameters().toString().getBytes(StandardCharsets.UTF_8));
        r.providedMask().ifPresent(d::update);
        d.update(r.webhook().map(Object::toString).orElse("").getBytes(StandardCharsets.UTF_8));
        d.update(new TreeMap<>(r.metadata()).toString().getBytes(StandardCharsets.UTF_8));
        d.update(r.deadline().map(Object::toString).orElse("").getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(d.digest());
    }

    /** An id derived from the idempotency key: the same key always names the same job. */
    static String idFromKey(String prefix, String key, String part) {
        MessageDigest d = sha256();
        d.update((prefix + "\u0000" + key + "\u0000" + part).getBytes(StandardCharsets.UTF_8));
        return prefix + "-" + HexFormat.of().formatHex(d.digest()).substring(0, 32);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
