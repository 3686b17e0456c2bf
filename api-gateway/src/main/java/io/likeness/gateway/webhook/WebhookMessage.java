package io.likeness.gateway.webhook;

import io.likeness.contracts.job.WebhookSpec.WebhookEventType;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * One webhook message: what every attempt of one event sends. The id is stable (derived from job id, event type
 * and, for progress, the step), so a redelivered job event or a retry keeps the same {@code webhook-id} and
 * receivers can deduplicate on it.
 *
 * @param id        {@code webhook-id}: {@code msg_} + 32 hex chars of SHA-256(job id, type, step)
 * @param jobId     the job the event is about
 * @param type      the event type ({@link WebhookEventType#wireName()} is the payload's {@code type})
 * @param timestamp when the event happened (the payload's {@code timestamp}; the {@code webhook-timestamp}
 *                  header is the send time of each attempt instead)
 * @param body      the exact JSON bytes to send and sign, see {@link #envelope}
 */
public record WebhookMessage(String id, String jobId, WebhookEventType type, Instant timestamp, byte[] body) {

    /** Prefix of every message id. */
    public static final String ID_PREFIX = "msg_";

    public WebhookMessage {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(body, "body");
        if (!id.startsWith(ID_PREFIX) || id.indexOf('.') >= 0) {
            throw new IllegalArgumentException("message id must start with " + ID_PREFIX + " and contain no '.': " + id);
        }
        body = body.clone();
    }

    /**
     * The message for one job event, with the standard envelope around the job view.
     *
     * @param step     the progress step for {@link WebhookEventType#PROGRESS}, empty otherwise
     * @param jobJson  the job as the API shows it, as JSON bytes (an object)
     */
    public static WebhookMessage of(String jobId, WebhookEventType type, OptionalInt step, Instant timestamp,
                                    byte[] jobJson) {
        return new WebhookMessage(idFor(jobId, type, step), jobId, type, timestamp, envelope(type, timestamp, jobJson));
    }

    /**
     * The stable message id of one job event: the same inputs always give the same id.
     *
     * @param step only meaningful for progress (each step is its own message)
     */
    public static String idFor(String jobId, WebhookEventType type, OptionalInt step) {
        String key = jobId + "\n" + type.wireName() + "\n" + (step.isPresent() ? step.getAsInt() : "");
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return ID_PREFIX + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable in this JVM", e);
        }
    }

    /**
     * The payload: {@code {"type":"edit.succeeded","timestamp":"2026-...Z","data":<jobJson>}}. The job JSON is
     * embedded verbatim (not re-serialised), so the webhook shows exactly what the API shows.
     */
    public static byte[] envelope(WebhookEventType type, Instant timestamp, byte[] jobJson) {
        Objects.requireNonNull(jobJson, "jobJson");
        ByteArrayOutputStream out = new ByteArrayOutputStream(jobJson.length + 96);
        out.writeBytes(("{\"type\":\"" + type.wireName() + "\",\"timestamp\":\"" + timestamp
                + "\",\"data\":").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(jobJson);
        out.write('}');
        return out.toByteArray();
    }

    /** A copy of the body bytes. */
    @Override
    public byte[] body() {
        return body.clone();
    }

    /** The body length without copying. */
    public int bodyLength() {
        return body.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WebhookMessage m && id.equals(m.id) && jobId.equals(m.jobId) && type == m.type
                && timestamp.equals(m.timestamp) && Arrays.equals(body, m.body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, jobId, type, timestamp, Arrays.hashCode(body));
    }

    @Override
    public String toString() {
        return "WebhookMessage[id=" + id + ", jobId=" + jobId + ", type=" + type.wireName() + ", timestamp="
                + timestamp + ", body=" + body.length + " bytes]";
    }
}
