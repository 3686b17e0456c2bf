package io.likeness.contracts.events;

import java.time.Instant;

/** Topic {@code likeness.job.control} (compacted), key = job id: a request to cancel a job wherever it is. */
public record JobControl(int schemaVersion, String jobId, Action action, Instant requestedAt) {

    public enum Action { CANCEL }

    public static JobControl cancel(String jobId, Instant at) {
        return new JobControl(SchemaVersions.JOB_CONTROL, jobId, Action.CANCEL, at);
    }
}
