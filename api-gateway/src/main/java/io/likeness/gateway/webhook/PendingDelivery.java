package io.likeness.gateway.webhook;

import io.likeness.contracts.job.JobState;
import java.net.URI;
import java.time.Instant;
import java.util.Objects;

/**
 * A message that still has to be (re)tried: everything a gateway instance needs to make the next attempt after
 * a restart, including the exact body.
 *
 * @param message       the message (its id is the store key)
 * @param url           where it goes
 * @param jobState      the job state that caused it, for the delivery log
 * @param attemptsMade  attempts made so far (0 before the first)
 * @param nextAttemptAt when the next attempt is due
 */
public record PendingDelivery(WebhookMessage message, URI url, JobState jobState, int attemptsMade,
                              Instant nextAttemptAt) {

    public PendingDelivery {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(jobState, "jobState");
        Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
        if (attemptsMade < 0) {
            throw new IllegalArgumentException("attempts made must be >= 0, was " + attemptsMade);
        }
    }

    /** The store key: the message id. */
    public String messageId() {
        return message.id();
    }

    /** The same delivery, due at {@code next} (a lease while an attempt runs). */
    public PendingDelivery dueAt(Instant next) {
        return new PendingDelivery(message, url, jobState, attemptsMade, next);
    }

    /** The same delivery after one more failed attempt, due again at {@code next}. */
    public PendingDelivery afterAttempt(Instant next) {
        return new PendingDelivery(message, url, jobState, attemptsMade + 1, next);
    }
}
