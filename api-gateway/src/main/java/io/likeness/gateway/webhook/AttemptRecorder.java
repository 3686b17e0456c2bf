package io.likeness.gateway.webhook;

import io.likeness.contracts.events.JobEvent;
import io.likeness.contracts.job.JobState;
import java.time.Instant;

/**
 * Where the dispatcher reports every delivery attempt, so the job's delivery log shows attempts, statuses and
 * times. The gateway implements it by producing {@code JobEvent.webhook(jobId, state, attempt, at)} to
 * {@code likeness.job.events}. Called from dispatcher worker threads; must be thread-safe and should not block
 * for long. An exception is logged and does not affect delivery.
 */
@FunctionalInterface
public interface AttemptRecorder {

    /**
     * @param jobId   the job
     * @param state   the job state whose event the message reports
     * @param attempt the attempt (message id, 1-based number, status, outcome, next attempt time)
     * @param at      when the attempt started
     */
    void record(String jobId, JobState state, JobEvent.WebhookAttempt attempt, Instant at);
}
