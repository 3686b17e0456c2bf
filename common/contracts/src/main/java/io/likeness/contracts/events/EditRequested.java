package io.likeness.contracts.events;

import io.likeness.contracts.job.JobSpec;

/** Topic {@code likeness.edit.requested}, key = job id: the gateway accepted a job; work for the mask stage. */
public record EditRequested(int schemaVersion, String eventId, JobSpec spec) {

    public static EditRequested of(JobSpec spec) {
        return new EditRequested(SchemaVersions.EDIT_REQUESTED, spec.jobId() + ":requested", spec);
    }
}
