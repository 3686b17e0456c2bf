package io.likeness.gateway.submit;

import io.likeness.contracts.events.EditRequested;
import io.likeness.contracts.events.JobEvent;
import io.likeness.contracts.image.ImageDecoder;
import io.likeness.contracts.image.ImageFormat;
import io.likeness.contracts.image.ImageInfo;
import io.likeness.contracts.image.ImageInspector;
import io.likeness.contracts.job.ErrorCodes;
import io.likeness.contracts.job.JobSnapshot;
import io.likeness.contracts.job.JobSpec;
import io.likeness.contracts.job.MaskMode;
import io.likeness.contracts.model.EditDirection;
import io.likeness.contracts.model.ModelRecord;
import io.likeness.contracts.storage.ObjectStore;
import io.likeness.contracts.storage.StorageKeys;
import io.likeness.gateway.api.JobEvents;
import io.likeness.gateway.api.problem.ApiException;
import io.likeness.gateway.config.GatewayConfig;
import io.likeness.gateway.view.JobView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Accepting edit jobs: validate (catalog, image limits before decoding, then a full decode), store the input,
 * then record the job (CREATED on the job events) and queue the work (edit.requested), both acknowledged by
 * Kafka before the client hears 202. With an {@code Idempotency-Key} the job ids derive from the key, so the
 * same key names the same jobs on every gateway instance.
 */
@ApplicationScoped
public class EditSubmission {

    /** What a submission produced. {@code replayed}: the key was seen before with the same request. */
    public record Accepted(Optional<String> batchId, List<JobSnapshot> jobs, boolean replayed) {
    }

    @Inject
    JobView view;

    @Inject
    JobEvents events;

    @Inject
    ObjectStore store;

    @Inject
    Clock clock;

    @Inject
    GatewayConfig config;

    @Inject
    io.likeness.gateway.webhook.WebhookService webhooks;

    @Inject
    io.likeness.gateway.metrics.JobMetrics metrics;

    @Inject
    io.likeness.gateway.view.JobUpdates updates;

    /** Read-your-writes: how long this instance waits for its own view to show a job it accepted. */
    static final java.time.Duration VISIBLE_WITHIN = java.time.Duration.ofSeconds(3);

    public Accepted submit(SubmitRequest r) {
        List<String> edits = List.copyOf(new LinkedHashSet<>(r.edits()));
        if (edits.isEmpty()) {
            throw invalid("'edit' is required: an edit direction id from GET /v1/edits/catalog (or several, for a sticker pack)");
        }
        if (edits.size() > config.maxEditsPerRequest()) {
            throw invalid("at most " + config.maxEditsPerRequest() + " edits per request, got " + edits.size());
        }
        boolean provided = r.parameters().maskMode() == MaskMode.PROVIDED;
        if (provided != r.providedMask().isPresent()) {
            throw invalid(provided ? "mask mode 'provided' needs a mask image" : "a mask image was sent but the mask mode is not 'provided'");
        }
        if (r.webhook().isPresent() && !webhooks.enabled()) {
            throw invalid("this gateway sends no webhooks (no signing secret configured); omit 'webhook' or poll/stream the job");
        }
        if (r.deadline().isPresent() && !r.deadline().get().isAfter(clock.instant())) {
            throw invalid("the deadline " + r.deadline().get() + " has already passed");
        }
        ModelRecord model = view.activeModel().orElseThrow(() -> new ApiException(503, "no_checkpoint",
                "No checkpoint promoted", "no MCDM checkpoint serves edits yet; try again once one is promoted", true));
        for (String edit : edits) {
            if (model.direction(edit).isEmpty()) {
                throw new ApiException(422, ErrorCodes.UNKNOWN_EDIT, "Unknown edit",
                        "'" + edit + "' is not an edit of checkpoint " + model.version() + "; available: "
                                + model.catalog().stream().map(EditDirection::id).collect(Collectors.joining(", ")), false);
            }
        }

        ImageInspector inspector = new ImageInspector(config.uploads().limits());
        ImageInfo info = inspector.inspect(r.image());
        ImageDecoder.decodeOriented(r.image(), info);
        r.providedMask().ifPresent(mask -> ImageDecoder.decodeOriented(mask, inspector.inspect(mask)));

        String fingerprint = Fingerprint.of(r);
        Optional<String> batchId;
        List<String> jobIds = new ArrayList<>();
        if (r.idempotencyKey().isPresent()) {
            String key = r.idempotencyKey().get();
            batchId = edits.size() > 1 ? Optional.of(Fingerprint.idFromKey("batch", key, "")) : Optional.empty();
            edits.forEach(e -> jobIds.add(Fingerprint.idFromKey("job", key, e)));
            Optional<JobSnapshot> seen = view.find(jobIds.getFirst());
            if (seen.isPresent()) {
                boolean same = seen.get().spec().map(s -> s.fingerprint().equals(fingerprint)).orElse(false);
                if (!same) {
                    throw new ApiException(409, ErrorCodes.IDEMPOTENCY_CONFLICT, "Idempotency key reused",
                            "the Idempotency-Key '" + key + "' was already used for a different request; use a new key", false);
                }
                return new Accepted(batchId, jobIds.stream().map(view::find).flatMap(Optional::stream).toList(), true);
            }
        } else {
            batchId = edits.size() > 1 ? Optional.of(JobIds.next("batch", clock)) : Optional.empty();
            edits.forEach(e -> jobIds.add(JobIds.next("job", clock)));
        }

        Instant now = clock.instant();
        List<JobSnapshot> accepted = new ArrayList<>();
        for (int i = 0; i < edits.size(); i++) {
            String jobId = jobIds.get(i);
            String inputKey = StorageKeys.jobInput(jobId, extension(info.format()));
            store.put(inputKey, r.image(), info.format().mediaType(), Map.of("job-id", jobId));
            Optional<String> maskKey = r.providedMask().map(mask -> {
                String key = StorageKeys.jobProvidedMask(jobId);
                store.put(key, mask, "image/png", Map.of("job-id", jobId));
                return key;
            });
            JobSpec spec = new JobSpec(jobId, batchId, edits.get(i), r.parameters(), inputKey, info.format().mediaType(),
                    info.displayWidth(), info.displayHeight(), maskKey, r.webhook(), r.metadata(), r.deadline(),
                    Optional.empty(), now, fingerprint);
            JobEvent created = JobEvent.created(spec);
            events.publish(created);
            events.request(EditRequested.of(spec));
            accepted.add(JobSnapshot.empty(jobId).apply(created));
            metrics.submitted(edits.get(i));
        }
        awaitVisible(jobIds);
        return new Accepted(batchId, accepted, false);
    }

    /**
     * Waits (bounded) until this instance's view shows the accepted jobs, so that a client's GET right after the
     * 202 finds them here. Other instances follow within the view's usual lag.
     */
    private void awaitVisible(List<String> jobIds) {
        java.util.concurrent.CountDownLatch latch = new java.util.concurrent.CountDownLatch(jobIds.size());
        java.util.Set<String> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();
        List<AutoCloseable> handles = new ArrayList<>();
        try {
            for (String id : jobIds) {
                handles.add(updates.listen(id, s -> {
                    if (seen.add(s.jobId())) {
                        latch.countDown();
                    }
                }));
                if (view.find(id).isPresent() && seen.add(id)) {
                    latch.countDown();
                }
            }
            latch.await(VISIBLE_WITHIN.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            for (AutoCloseable h : handles) {
                try {
                    h.close();
                } catch (Exception ignored) {
                    // removing a listener cannot fail
                }
            }
        }
    }

    private static String extension(ImageFormat format) {
        return switch (format) {
            case JPEG -> "jpg";
            case PNG -> "png";
            case WEBP -> "webp";
        };
    }

    private static ApiException invalid(String detail) {
        return new ApiException(400, ErrorCodes.INVALID_REQUEST, "Invalid request", detail, false);
    }
}
