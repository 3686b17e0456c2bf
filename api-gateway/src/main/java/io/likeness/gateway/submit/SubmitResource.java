package io.likeness.gateway.submit;

import com.fasterxml.jackson.databind.JsonNode;
import io.likeness.contracts.image.ImageInspector;
import io.likeness.contracts.job.JobSnapshot;
import io.likeness.gateway.api.EditJob;
import io.likeness.gateway.api.EditJobMapper;
import io.likeness.gateway.config.GatewayConfig;
import io.likeness.gateway.view.JobUpdates;
import io.likeness.gateway.view.JobView;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/** {@code POST /v1/edits}: multipart (image file + fields) or JSON (image as a data URI). */
@Path("/v1/edits")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "edits")
public class SubmitResource {

    private static final Pattern WAIT = Pattern.compile("(?i)(?:^|[,;\\s])wait\\s*=\\s*(\\d+)");

    @Inject
    EditSubmission submission;

    @Inject
    JobView view;

    @Inject
    JobUpdates updates;

    @Inject
    GatewayConfig config;

    @Inject
    Clock clock;

    /** A sticker pack: one upload, one job per direction. */
    public record Batch(String batchId, List<EditJob> jobs) {
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(summary = "Submit an edit job (multipart: image file + fields)")
    public Response submitMultipart(@RestForm("image") FileUpload image, @RestForm("edit") List<String> edit,
                                    @RestForm("seed") Long seed, @RestForm("steps") Integer steps,
                                    @RestForm("image_scale") Double imageScale, @RestForm("spatial_scale") Double spatialScale,
                                    @RestForm("text_scale") Double textScale, @RestForm("mask_mode") String maskMode,
                                    @RestForm("mask_threshold") Double maskThreshold, @RestForm("mask") FileUpload mask,
                                    @RestForm("webhook") String webhook, @RestForm("webhook_events") List<String> webhookEvents,
                                    @RestForm("metadata") String metadata, @RestForm("deadline") String deadline,
                                    @HeaderParam("Idempotency-Key") String idempotencyKey, @HeaderParam("Prefer") String prefer,
                                    @HeaderParam("Cancel-After") String cancelAfter) {
        if (image == null) {
            throw new IllegalArgumentException("'image' is required: the portrait as a file part (JPEG, PNG or WebP)");
        }
        new ImageInspector(config.uploads().limits()).checkSize(image.size());
        SubmitRequest request = new SubmitRequest(read(image), RequestParser.edits(orEmpty(edit)),
                RequestParser.parameters(seed, steps, imageScale, spatialScale, textScale, maskMode, maskThreshold),
                Optional.ofNullable(mask).map(SubmitResource::read),
                RequestParser.webhook(webhook, webhookEvents), RequestParser.metadata(parseMetadata(metadata)),
                RequestParser.deadline(deadline, cancelAfter, clock.instant()), key(idempotencyKey));
        return respond(submission.submit(request), prefer);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Submit an edit job (JSON, image as a data URI)")
    public Response submitJson(SubmitJson body, @HeaderParam("Idempotency-Key") String idempotencyKey,
                               @HeaderParam("Prefer") String prefer, @HeaderParam("Cancel-After") String cancelAfter) {
        if (body == null) {
            throw new IllegalArgumentException("a JSON body is required");
        }
        List<String> edits = new ArrayList<>();
        JsonNode e = body.edit();
        if (e != null && e.isArray()) {
            e.forEach(n -> edits.add(n.asText()));
        } else if (e != null && e.isTextual()) {
            edits.add(e.asText());
        }
        SubmitJson.Guidance g = body.guidance() == null ? new SubmitJson.Guidance(null, null, null) : body.guidance();
        SubmitJson.Mask m = body.mask() == null ? new SubmitJson.Mask(null, null, null) : body.mask();
        SubmitRequest request = new SubmitRequest(RequestParser.dataUri(body.image(), "image"), RequestParser.edits(edits),
                RequestParser.parameters(body.seed(), body.steps(), g.image(), g.spatial(), g.text(), m.mode(), m.threshold()),
                Optional.ofNullable(m.image()).map(uri -> RequestParser.dataUri(uri, "mask.image")),
                body.webhook() == null ? Optional.empty() : RequestParser.webhook(body.webhook().url(), body.webhook().events()),
                RequestParser.metadata(body.metadata()), RequestParser.deadline(body.deadline(), cancelAfter, clock.instant()),
                key(idempotencyKey));
        return respond(submission.submit(request), prefer);
    }

    private Response respond(EditSubmission.Accepted accepted, String prefer) {
        List<JobSnapshot> jobs = accepted.jobs();
        Optional<Duration> wait = wait(prefer);
        if (wait.isPresent() && !accepted.replayed()) {
            jobs = awaitTerminal(jobs, wait.get());
        }
        boolean done = jobs.stream().allMatch(j -> j.state().isTerminal());
        Response.ResponseBuilder response = Response.status(accepted.replayed() || (wait.isPresent() && done) ? 200 : 202);
        wait.ifPresent(w -> response.header("Preference-Applied", "wait=" + w.toSeconds()));
        if (accepted.replayed()) {
            response.header("Idempotent-Replayed", "true");
        }
        if (accepted.batchId().isEmpty()) {
            JobSnapshot job = jobs.getFirst();
            return response.location(URI.create("/v1/edits/" + job.jobId())).entity(EditJobMapper.toApi(job)).build();
        }
        return response.entity(new Batch(accepted.batchId().get(), jobs.stream().map(EditJobMapper::toApi).toList())).build();
    }

    /** Blocks until every job is terminal or the wait is over; returns the latest snapshots. */
    private List<JobSnapshot> awaitTerminal(List<JobSnapshot> jobs, Duration wait) {
        CountDownLatch latch = new CountDownLatch(jobs.size());
        List<AutoCloseable> handles = new ArrayList<>();
        java.util.Set<String> finished = java.util.concurrent.ConcurrentHashMap.newKeySet();
        try {
            for (JobSnapshot job : jobs) {
                handles.add(updates.listen(job.jobId(), s -> {
                    if (s.state() != null && s.state().isTerminal() && finished.add(s.jobId())) {
                        latch.countDown();
                    }
                }));
                view.find(job.jobId()).filter(s -> s.state().isTerminal()).ifPresent(s -> {
                    if (finished.add(s.jobId())) {
                        latch.countDown();
                    }
                });
            }
            latch.await(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            handles.forEach(h -> {
                try {
                    h.close();
                } catch (Exception ignored) {
                    // listener removal cannot fail
                }
            });
        }
        return jobs.stream().map(j -> view.find(j.jobId()).orElse(j)).toList();
    }

    private Optional<Duration> wait(String prefer) {
        if (prefer == null) {
            return Optional.empty();
        }
        Matcher m = WAIT.matcher(prefer);
        if (!m.find()) {
            return prefer.trim().equalsIgnoreCase("wait") ? Optional.of(config.maxWait()) : Optional.empty();
        }
        long seconds = Math.min(Long.parseLong(m.group(1)), config.maxWait().toSeconds());
        return Optional.of(Duration.ofSeconds(seconds));
    }

    private static Optional<String> key(String idempotencyKey) {
        if (idempotencyKey == null || idempotencyKey.isBlank()) {
            return Optional.empty();
        }
        if (idempotencyKey.length() > 255) {
            throw new IllegalArgumentException("Idempotency-Key is longer than 255 characters");
        }
        return Optional.of(idempotencyKey.trim());
    }

    private static byte[] read(FileUpload upload) {
        try {
            return Files.readAllBytes(upload.uploadedFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the uploaded part", e);
        }
    }

    private static List<String> orEmpty(List<String> list) {
        return list == null ? List.of() : list;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> parseMetadata(String json) {
        if (json == null || json.isBlank()) {
            return Map.of();
        }
        try {
            return io.likeness.contracts.events.Json.mapper().readValue(json, Map.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("metadata must be a JSON object of strings, e.g. {\"user\":\"42\"}");
        }
    }
}
