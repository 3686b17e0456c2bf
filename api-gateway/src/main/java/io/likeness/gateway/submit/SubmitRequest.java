package io.likeness.gateway.submit;

import io.likeness.contracts.job.EditParameters;
import io.likeness.contracts.job.WebhookSpec;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A submission, whichever way it came (multipart or JSON with data URIs), normalised.
 *
 * @param edits one direction, or several for a sticker pack (one job per direction, one batch id)
 */
public record SubmitRequest(byte[] image, List<String> edits, EditParameters parameters, Optional<byte[]> providedMask,
                            Optional<WebhookSpec> webhook, Map<String, String> metadata, Optional<Instant> deadline,
                            Optional<String> idempotencyKey) {
}
