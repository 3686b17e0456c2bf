package io.likeness.contracts.job;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Everything a client asked for in one job, fixed at submission. Travels with the work (claim check: the
 * image itself is in S3 under {@code inputKey}).
 *
 * @param jobId             the job's id (also the Kafka key everywhere)
 * @param batchId           set when one upload fanned out to several directions (a sticker pack)
 * @param edit              edit direction id from the checkpoint's catalog
 * @param parameters        seed, steps, scales, mask mode
 * @param inputKey          S3 key of the upload as received
 * @param inputContentType  its media type
 * @param inputWidth        its width in pixels, after EXIF orientation
 * @param inputHeight       its height in pixels, after EXIF orientation
 * @param providedMaskKey   S3 key of the client's mask when the mask mode is PROVIDED
 * @param webhook           where to send events, if anywhere
 * @param metadata          the client's own key/values, echoed back
 * @param deadline          after this instant the job is canceled instead of run
 * @param checkpointVersion a pinned checkpoint; empty = the active one when the mask stage runs
 * @param createdAt         acceptance time
 * @param fingerprint       hash of the request, for idempotency-key conflict detection
 */
public record JobSpec(String jobId, Optional<String> batchId, String edit, EditParameters parameters,
                      String inputKey, String inputContentType, int inputWidth, int inputHeight,
                      Optional<String> providedMaskKey, Optional<WebhookSpec> webhook, Map<String, String> metadata,
                      Optional<Instant> deadline, Optional<String> checkpointVersion, Instant createdAt,
                      String fingerprint) {

    public JobSpec {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }
}
