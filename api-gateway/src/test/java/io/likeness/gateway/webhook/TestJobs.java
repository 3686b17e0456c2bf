package io.likeness.gateway.webhook;

import io.likeness.contracts.events.JobEvent;
import io.likeness.contracts.job.EditParameters;
import io.likeness.contracts.job.JobSnapshot;
import io.likeness.contracts.job.JobSpec;
import io.likeness.contracts.job.JobState;
import io.likeness.contracts.job.WebhookSpec;
import io.likeness.contracts.job.WebhookSpec.WebhookEventType;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Jobs with webhooks, folded from real job events, for dispatcher tests. */
final class TestJobs {

    static final Instant T0 = Instant.parse("2026-11-21T12:00:00Z");

    /** The usual path of a job that succeeds. */
    static final JobState[] TO_SUCCEEDED = {JobState.MASKING, JobState.MASKED, JobState.EDITING, JobState.SUCCEEDED};

    private TestJobs() {
    }

    static JobSpec spec(String jobId, URI url, Set<WebhookEventType> events) {
        return new JobSpec(jobId, Optional.empty(), "smile", EditParameters.defaults(7), "in/" + jobId, "image/jpeg",
                512, 512, Optional.empty(), Optional.of(new WebhookSpec(url, events)), Map.of(), Optional.empty(),
                Optional.empty(), T0, "fp");
    }

    /** The job folded from CREATED and then the given states. */
    static JobSnapshot job(JobSpec spec, JobState... states) {
        JobSnapshot job = JobSnapshot.empty(spec.jobId()).apply(JobEvent.created(spec));
        Instant at = T0;
        for (JobState s : states) {
            at = at.plusSeconds(1);
            job = job.apply(stateEvent(spec.jobId(), s, at));
        }
        return job;
    }

    static JobEvent stateEvent(String jobId, JobState state, Instant at) {
        return JobEvent.state(jobId, state, at, Map.of(), Optional.empty(), Optional.empty(), "test-worker");
    }

    /** What the API would show for the job (a stand-in with the fields the tests look at). */
    static byte[] json(JobSnapshot job) {
        return ("{\"id\":\"" + job.jobId() + "\",\"status\":\"" + job.state().name().toLowerCase() + "\"}")
                .getBytes(StandardCharsets.UTF_8);
    }
}
