package io.likeness.contracts.events;

import io.likeness.contracts.job.JobSpec;

/**
 * Topic {@code likeness.edit.masked}, key = job id: the prepared input and the editing mask are in S3; work for
 * the GPU stage, which must use {@code checkpointVersion} (the mask depends on the model).
 *
 * @param sourcePrompt p_a of the direction, as resolved from that checkpoint's catalog
 * @param targetPrompt p_b
 * @param maskKey      binary mask at model resolution (absent when the mask mode is NONE)
 * @param softMaskKey  soft mask before thresholding (for feathered compositing)
 */
public record EditMasked(int schemaVersion, String eventId, JobSpec spec, String checkpointVersion,
                         String sourcePrompt, String targetPrompt, String preparedKey,
                         java.util.Optional<String> maskKey, java.util.Optional<String> softMaskKey, CropBox crop) {

    public static EditMasked of(JobSpec spec, String checkpointVersion, String sourcePrompt, String targetPrompt,
                                String preparedKey, java.util.Optional<String> maskKey,
                                java.util.Optional<String> softMaskKey, CropBox crop) {
        return new EditMasked(SchemaVersions.EDIT_MASKED, spec.jobId() + ":masked", spec, checkpointVersion,
                sourcePrompt, targetPrompt, preparedKey, maskKey, softMaskKey, crop);
    }
}
