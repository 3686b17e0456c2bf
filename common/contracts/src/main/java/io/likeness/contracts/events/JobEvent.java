package io.likeness.contracts.events;

import io.likeness.contracts.job.JobError;
import io.likeness.contracts.job.JobSpec;
import io.likeness.contracts.job.JobState;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Topic {@code likeness.job.events}, key = job id: everything that happens to a job, from every stage. The job
 * view is the fold of these events ({@link io.likeness.contracts.job.JobSnapshot#apply}). Event ids are stable
 * (a redelivered stage emits the same ids again), so consumers can deduplicate.
 *
 * @param type       CREATED (carries the spec), STATE (a state change), PROGRESS (step k of n while EDITING),
 *                   WEBHOOK (a delivery attempt, for the job's delivery log)
 * @param artifacts  S3 keys produced so far, by role: input, prepared, mask, mask-soft, result
 */
public record JobEvent(int schemaVersion, String eventId, String jobId, Type type, JobState state, Instant at,
                       Optional<JobSpec> spec, Optional<Progress> progress, Optional<JobError> error,
                       Map<String, String> artifacts, Optional<String> checkpointVersion,
                       Optional<WebhookAttempt> webhook, Optional<String> worker) {

    public enum Type { CREATED, STATE, PROGRESS, WEBHOOK }

    /** Denoising progress: step {@code step} of {@code total} done. */
    public record Progress(int step, int total) {
    }

    /**
     * One webhook delivery attempt.
     *
     * @param messageId  {@code webhook-id}: the same for every attempt of one message
     * @param eventType  the payload's type, e.g. {@code edit.succeeded}
     * @param attempt    1-based
     * @param status     HTTP status, or 0 when no response (connection error, timeout)
     * @param outcome    delivered, retrying, gave-up (exhausted or 410)
     * @param detail     error text or response excerpt
     * @param nextAttemptAt when the next try is due, if retrying
     */
    public record WebhookAttempt(String messageId, String eventType, int attempt, int status, String outcome,
                                 String detail, Optional<Instant> nextAttemptAt, long durationMillis) {
    }

    public JobEvent {
        artifacts = artifacts == null ? Map.of() : Map.copyOf(artifacts);
    }

    public static JobEvent created(JobSpec spec) {
        return new JobEvent(SchemaVersions.JOB_EVENT, spec.jobId() + ":created", spec.jobId(), Type.CREATED,
                JobState.QUEUED, spec.createdAt(), Optional.of(spec), Optional.empty(), Optional.empty(),
                Map.of("input", spec.inputKey()), spec.checkpointVersion(), Optional.empty(), Optional.empty());
    }

    public static JobEvent state(String jobId, JobState state, Instant at, Map<String, String> artifacts,
                                 Optional<String> checkpointVersion, Optional<JobError> error, String worker) {
        return new JobEvent(SchemaVersions.JOB_EVENT, jobId + ":state:" + state.name().toLowerCase(), jobId,
                Type.STATE, state, at, Optional.empty(), Optional.empty(), error, artifacts, checkpointVersion,
                Optional.empty(), Optional.ofNullable(worker));
    }

    public static JobEvent progress(String jobId, int step, int total, Instant at, String worker) {
        return new JobEvent(SchemaVersions.JOB_EVENT, jobId + ":progress:" + step, jobId, Type.PROGRESS,
                JobState.EDITING, at, Optional.empty(), Optional.of(new Progress(step, total)), Optional.empty(),
                Map.of(), Optional.empty(), Optional.empty(), Optional.ofNullable(worker));
    }

    public static JobEvent webhook(String jobId, JobState state, WebhookAttempt attempt, Instant at) {
        return new JobEvent(SchemaVersions.JOB_EVENT,
                jobId + ":webhook:" + attempt.messageId() + ":" + attempt.attempt(), jobId, Type.WEBHOOK, state, at,
                Optional.empty(), Optional.empty(), Optional.empty(), Map.of(), Optional.empty(),
                Optional.of(attempt), Optional.empty());
    }
}
