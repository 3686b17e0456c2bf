package io.likeness.gateway.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.likeness.contracts.events.JobEvent;
import io.likeness.contracts.job.JobError;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An edit job as the HTTP API, SSE and webhooks show it.
 *
 * @param state      queued | masking | masked | editing | succeeded | failed | canceled
 * @param stage      mask | edit | done
 * @param timestamps when the job entered each state
 * @param durations  queueMs (accepted → masking), maskMs (masking → masked), waitMs (masked → editing),
 *                   editMs (editing → done), totalMs
 * @param links      self, events (SSE), cancel, input, mask, result (the image links once they exist)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EditJob(String id, String batchId, String edit, String state, String stage, Progress progress,
                      Instant createdAt, Map<String, Instant> timestamps, Map<String, Long> durations, JobError error,
                      Map<String, String> links, String checkpointVersion, Parameters parameters,
                      Map<String, String> metadata, Webhook webhook, Instant deadline) {

    public record Progress(int step, int total, double fraction) {
    }

    public record Parameters(long seed, int steps, double imageScale, double spatialScale, double textScale,
                             String maskMode, Double maskThreshold) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Webhook(String url, Set<String> events, List<JobEvent.WebhookAttempt> deliveries) {
    }
}
