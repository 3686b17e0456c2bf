package io.likeness.gateway.api;

import io.likeness.contracts.job.JobSnapshot;
import io.likeness.contracts.job.JobSpec;
import io.likeness.contracts.job.JobState;
import io.likeness.contracts.job.WebhookSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** {@link JobSnapshot} (the view) → {@link EditJob} (the API's representation). */
public final class EditJobMapper {

    private EditJobMapper() {
    }

    public static EditJob toApi(JobSnapshot s) {
        JobSpec spec = s.spec().orElse(null);
        Map<String, Instant> timestamps = new LinkedHashMap<>();
        for (JobState st : JobState.values()) {
            Instant at = s.enteredAt().get(st);
            if (at != null) {
                timestamps.put(lower(st), at);
            }
        }
        String base = "/v1/edits/" + s.jobId();
        Map<String, String> links = new LinkedHashMap<>();
        links.put("self", base);
        links.put("events", base + "/events");
        if (!s.state().isTerminal()) {
            links.put("cancel", base + "/cancel");
        }
        links.put("input", base + "/input");
        if (s.artifacts().containsKey("mask")) {
            links.put("mask", base + "/mask");
        }
        if (s.state() == JobState.SUCCEEDED && s.artifacts().containsKey("result")) {
            links.put("result", base + "/result");
        }
        EditJob.Progress progress = s.progress()
                .map(p -> new EditJob.Progress(p.step(), p.total(), p.total() == 0 ? 0 : (double) p.step() / p.total()))
                .orElse(null);
        EditJob.Parameters parameters = spec == null ? null : new EditJob.Parameters(spec.parameters().seed(),
                spec.parameters().steps(), spec.parameters().imageScale(), spec.parameters().spatialScale(),
                spec.parameters().textScale(), lower(spec.parameters().maskMode()),
                spec.parameters().maskThreshold().isPresent() ? spec.parameters().maskThreshold().getAsDouble() : null);
        EditJob.Webhook webhook = spec == null || spec.webhook().isEmpty() ? null : webhook(spec.webhook().get(), s);
        return new EditJob(s.jobId(), spec == null ? null : spec.batchId().orElse(null),
                spec == null ? null : spec.edit(), lower(s.state()), lower(s.state().stage()), progress,
                spec == null ? timestamps.get("queued") : spec.createdAt(), timestamps, durations(s), s.error().orElse(null),
                links, s.checkpointVersion().orElse(null), parameters, spec == null ? Map.of() : spec.metadata(),
                webhook, spec == null ? null : spec.deadline().orElse(null));
    }

    private static EditJob.Webhook webhook(WebhookSpec w, JobSnapshot s) {
        return new EditJob.Webhook(w.url().toString(),
                w.events().stream().map(WebhookSpec.WebhookEventType::wireName).collect(Collectors.toCollection(java.util.TreeSet::new)),
                s.webhookDeliveries());
    }

    private static Map<String, Long> durations(JobSnapshot s) {
        Map<JobState, Instant> at = s.enteredAt();
        Instant done = at.entrySet().stream().filter(e -> e.getKey().isTerminal()).map(Map.Entry::getValue).findFirst().orElse(null);
        Map<String, Long> d = new LinkedHashMap<>();
        put(d, "queueMs", at.get(JobState.QUEUED), at.get(JobState.MASKING));
        put(d, "maskMs", at.get(JobState.MASKING), at.get(JobState.MASKED));
        put(d, "waitMs", at.get(JobState.MASKED), at.get(JobState.EDITING));
        put(d, "editMs", at.get(JobState.EDITING), done);
        put(d, "totalMs", at.get(JobState.QUEUED), done);
        return d;
    }

    private static void put(Map<String, Long> d, String name, Instant from, Instant to) {
        if (from != null && to != null) {
            d.put(name, Duration.between(from, to).toMillis());
        }
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
