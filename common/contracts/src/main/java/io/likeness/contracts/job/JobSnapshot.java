package io.likeness.contracts.job;

import io.likeness.contracts.events.JobEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A job as the API shows it: the fold of its {@link JobEvent}s. Pure and deterministic, so every gateway
 * instance that folds the same events shows the same job, and a replay after a restart rebuilds it exactly.
 * Events that the state machine does not allow (stale redeliveries, anything after a terminal state) are
 * ignored rather than failing the view.
 */
public record JobSnapshot(String jobId, JobState state, Optional<JobSpec> spec, Optional<JobEvent.Progress> progress,
                          Map<JobState, Instant> enteredAt, Optional<JobError> error, Map<String, String> artifacts,
                          Optional<String> checkpointVersion, List<JobEvent.WebhookAttempt> webhookDeliveries,
                          Instant updatedAt, long eventCount) {

    /** Keep at most this many delivery attempts in the view (oldest dropped). */
    public static final int MAX_DELIVERIES = 50;

    public JobSnapshot {
        enteredAt = enteredAt.isEmpty() ? Map.of() : Map.copyOf(enteredAt);
        artifacts = Map.copyOf(artifacts);
        webhookDeliveries = List.copyOf(webhookDeliveries);
    }

    /** The empty job a fold starts from. */
    public static JobSnapshot empty(String jobId) {
        return new JobSnapshot(jobId, null, Optional.empty(), Optional.empty(), Map.of(), Optional.empty(),
                Map.of(), Optional.empty(), List.of(), Instant.EPOCH, 0);
    }

    /** This job with one more event applied (or unchanged if the event is not applicable). */
    public JobSnapshot apply(JobEvent e) {
        if (!e.jobId().equals(jobId)) {
            throw new IllegalArgumentException("event for job " + e.jobId() + " applied to job " + jobId);
        }
        return switch (e.type()) {
            case CREATED -> state != null ? this : new JobSnapshot(jobId, JobState.QUEUED, e.spec(), Optional.empty(),
                    Map.of(JobState.QUEUED, e.at()), Optional.empty(), merge(e.artifacts()),
                    e.checkpointVersion().or(() -> checkpointVersion), webhookDeliveries, latest(e.at()), eventCount + 1);
            case STATE -> applyState(e);
            case PROGRESS -> applyProgress(e);
            case WEBHOOK -> applyWebhook(e);
        };
    }

    private JobSnapshot applyState(JobEvent e) {
        // A stage may report before the CREATED event is folded (different producers): treat as from QUEUED.
        JobState from = state == null ? JobState.QUEUED : state;
        if (!JobTransitions.isAllowed(from, e.state())) {
            return this;
        }
        Map<JobState, Instant> entered = new EnumMap<>(JobState.class);
        entered.putAll(enteredAt);
        entered.putIfAbsent(e.state(), e.at());
        Optional<JobEvent.Progress> p = e.state() == JobState.SUCCEEDED
                ? progress.map(old -> new JobEvent.Progress(old.total(), old.total())) : progress;
        return new JobSnapshot(jobId, e.state(), spec, p, entered, e.error().or(() -> error), merge(e.artifacts()),
                e.checkpointVersion().or(() -> checkpointVersion), webhookDeliveries, latest(e.at()), eventCount + 1);
    }

    private JobSnapshot applyProgress(JobEvent e) {
        JobEvent.Progress p = e.progress().orElseThrow();
        boolean editing = state == JobState.EDITING || state == JobState.MASKED;
        if (!editing || progress.map(old -> old.step() >= p.step()).orElse(false)) {
            return this;
        }
        JobSnapshot moved = state == JobState.MASKED
                ? applyState(JobEvent.state(jobId, JobState.EDITING, e.at(), Map.of(), Optional.empty(), Optional.empty(), null))
                : this;
        return new JobSnapshot(jobId, moved.state, spec, Optional.of(p), moved.enteredAt, error, artifacts,
                checkpointVersion, webhookDeliveries, latest(e.at()), moved.eventCount + 1);
    }

    private JobSnapshot applyWebhook(JobEvent e) {
        List<JobEvent.WebhookAttempt> log = new ArrayList<>(webhookDeliveries);
        JobEvent.WebhookAttempt attempt = e.webhook().orElseThrow();
        boolean seen = log.stream().anyMatch(a -> a.messageId().equals(attempt.messageId()) && a.attempt() == attempt.attempt());
        if (seen) {
            return this;
        }
        log.add(attempt);
        if (log.size() > MAX_DELIVERIES) {
            log = log.subList(log.size() - MAX_DELIVERIES, log.size());
        }
        return new JobSnapshot(jobId, state, spec, progress, enteredAt, error, artifacts, checkpointVersion, log,
                latest(e.at()), eventCount + 1);
    }

    private Map<String, String> merge(Map<String, String> more) {
        if (more.isEmpty()) {
            return artifacts;
        }
        Map<String, String> merged = new HashMap<>(artifacts);
        merged.putAll(more);
        return merged;
    }

    private Instant latest(Instant at) {
        return at.isAfter(updatedAt) ? at : updatedAt;
    }
}
