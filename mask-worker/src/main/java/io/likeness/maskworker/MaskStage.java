package io.likeness.maskworker;

import io.likeness.worker.StageException;
import io.likeness.worker.Failures;
import io.likeness.worker.StageMetrics;

import io.likeness.contracts.events.CropBox;
import io.likeness.contracts.events.EditMasked;
import io.likeness.contracts.events.EditRequested;
import io.likeness.contracts.events.JobEvent;
import io.likeness.contracts.events.Json;
import io.likeness.contracts.image.FramedImage;
import io.likeness.contracts.image.ImageDecoder;
import io.likeness.contracts.image.ImageInfo;
import io.likeness.contracts.image.ImageInspector;
import io.likeness.contracts.image.ModelFraming;
import io.likeness.contracts.image.PngWriter;
import io.likeness.contracts.job.ErrorCodes;
import io.likeness.contracts.job.JobError;
import io.likeness.contracts.job.JobSpec;
import io.likeness.contracts.job.JobState;
import io.likeness.contracts.job.MaskMode;
import io.likeness.contracts.model.EditDirection;
import io.likeness.contracts.model.ModelRecord;
import io.likeness.contracts.storage.ObjectStore;
import io.likeness.contracts.storage.StorageKeys;
import io.likeness.mcdm.edit.EditCanceledException;
import io.likeness.mcdm.engine.EditEngine;
import io.micrometer.core.instrument.Timer;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * The mask stage: {@code likeness.edit.requested} → decode, orient, frame to the model resolution, resolve the
 * checkpoint and the direction's prompts, compute (or load) the editing mask, store {@code prepared.png},
 * {@code mask.png}, {@code mask-soft.png} → {@code likeness.edit.masked} and job events MASKING, MASKED.
 *
 * <p>Failures the client can act on end the job FAILED with a {@link JobError} and the record is acknowledged;
 * unexpected exceptions end it FAILED {@code internal_error} and the record goes to {@code likeness.dead-letters}
 * (the channel's failure strategy). A redelivered record whose mask is already stored re-emits the same events
 * (stable ids) without recomputing: {@code prepared.png} is written last and records the checkpoint, prompts and
 * crop in its PNG text.
 */
@ApplicationScoped
public class MaskStage {

    static final String STAGE = "mask";
    private static final Logger LOG = Logger.getLogger(MaskStage.class);
    private static final Pattern SUBJECT = Pattern.compile("[\\p{L}][\\p{L} '-]{0,31}");
    private static final String TEXT_CHECKPOINT = "likeness.checkpoint";
    private static final String TEXT_SOURCE = "likeness.sourcePrompt";
    private static final String TEXT_TARGET = "likeness.targetPrompt";
    private static final String TEXT_CROP = "likeness.crop";
    private static final String TEXT_MASK_MODE = "likeness.maskMode";

    @Inject
    ObjectStore store;

    @Inject
    EditEngine engine;

    @Inject
    ModelRegistry models;

    @Inject
    Cancellations cancellations;

    @Inject
    JobEventPublisher events;

    @Inject
    @Channel("edit-masked")
    MutinyEmitter<EditMasked> masked;

    @Inject
    MaskWorkerConfig config;

    @Inject
    StageMetrics metrics;

    private final ImageInspector inspector = new ImageInspector();
    private volatile String workerId;

    @Incoming("edit-requested")
    @Blocking(value = "edit-pool", ordered = false)
    public void onEditRequested(ConsumerRecord<String, byte[]> record) {
        EditRequested request = parse(record);
        JobSpec spec = request.spec();
        MDC.put("jobId", spec.jobId());
        Timer.Sample sample = metrics.start();
        String outcome = "internal-error";
        try {
            outcome = process(spec);
        } catch (java.util.concurrent.CancellationException e) {
            LOG.info("canceled while masking");
            events.publish(JobEvent.state(spec.jobId(), JobState.CANCELED, Instant.now(), Map.of(), Optional.empty(),
                    Optional.empty(), workerId()));
            outcome = "canceled";
        } catch (RuntimeException e) {
            if (interrupted(e)) {
                // forced shutdown, not a job failure: no event; the unacknowledged record is delivered again
                LOG.warn("interrupted by shutdown; the job is left to a redelivery");
                outcome = "interrupted";
                throw e;
            }
            Optional<JobError> known = Failures.classify(e);
            if (known.isEmpty()) {
                LOG.error("unexpected failure; the record goes to the dead-letter topic", e);
                events.publishQuietly(failed(spec.jobId(), new JobError(ErrorCodes.INTERNAL,
                        "internal error in the mask stage; the request was kept for investigation", false)));
                throw e;
            }
            JobError error = known.get();
            LOG.warnf("failed: %s (%s, retryable=%s)", error.message(), error.code(), error.retryable());
            events.publish(failed(spec.jobId(), error));
            outcome = error.retryable() ? "failed-retryable" : "failed";
        } finally {
            metrics.finish(sample, STAGE, outcome);
            MDC.remove("jobId");
        }
    }

    private EditRequested parse(ConsumerRecord<String, byte[]> record) {
        String where = record.topic() + "-" + record.partition() + "@" + record.offset() + " (key " + record.key()
                + ")";
        if (record.value() == null) {
            throw new IllegalArgumentException("record " + where + " has no value");
        }
        EditRequested request;
        try {
            request = Json.read(record.value(), EditRequested.class);
        } catch (RuntimeException e) {
            LOG.errorf("record %s is not an EditRequested; it goes to the dead-letter topic: %s", where,
                    e.getMessage());
            if (record.key() != null && !record.key().isBlank()) {
                events.publishQuietly(failed(record.key(), new JobError(ErrorCodes.INTERNAL,
                        "the mask stage could not read the job's request; it was kept for investigation", false)));
            }
            throw e;
        }
        if (request.spec() == null || request.spec().jobId() == null) {
            throw new IllegalArgumentException("record " + where + " carries no job spec");
        }
        return request;
    }

    String process(JobSpec spec) {
        String jobId = spec.jobId();
        if (cancellations.isCanceledNow(jobId)) {
            LOG.info("canceled before the mask stage started; skipped");
            return "skipped-canceled";
        }
        if (spec.deadline().isPresent() && Instant.now().isAfter(spec.deadline().get())) {
            LOG.infof("deadline %s passed before the mask stage started", spec.deadline().get());
            events.publish(JobEvent.state(jobId, JobState.CANCELED, Instant.now(), Map.of(), Optional.empty(),
                    Optional.of(new JobError(ErrorCodes.DEADLINE_EXCEEDED,
                            "the job's deadline " + spec.deadline().get() + " passed before it was processed",
                            false)), workerId()));
            return "deadline-exceeded";
        }
        if (store.exists(StorageKeys.jobResult(jobId))) {
            LOG.info("the job already has a result (redelivery); skipped");
            return "skipped-done";
        }
        Optional<EditMasked> earlier = alreadyMasked(spec);
        if (earlier.isPresent()) {
            LOG.info("the mask is already stored (redelivery); re-emitting its events without recomputing");
            emitMasked(earlier.get());
            return "replayed";
        }

        events.publish(JobEvent.state(jobId, JobState.MASKING, Instant.now(), Map.of("input", spec.inputKey()),
                Optional.empty(), Optional.empty(), workerId()));
        byte[] input = store.get(spec.inputKey()).orElseThrow(() -> new StageException(
                ErrorCodes.STORAGE_UNAVAILABLE, "the input " + spec.inputKey() + " is not in the object store", true));
        ImageInfo info = inspector.inspect(input);
        BufferedImage oriented = ImageDecoder.decodeOriented(input, info);
        FramedImage framed = ModelFraming.frame(oriented, config.modelSize());

        ModelRecord model = resolveModel(spec);
        EditDirection direction = model.direction(spec.edit()).orElseThrow(() -> new StageException(
                ErrorCodes.UNKNOWN_EDIT, "checkpoint " + model.version() + " has no edit '" + spec.edit() + "'",
                false));
        String subject = subject(spec);
        String source = direction.source(subject);
        String target = direction.target(subject);
        double lambda = spec.parameters().maskThreshold().orElse(direction.maskThreshold());
        MaskMode mode = spec.parameters().maskMode();

        EditEngine.MaskOutput mask = switch (mode) {
            case AUTO -> engine.mask(new EditEngine.MaskInput(model.version(), framed.modelInput(), source, target,
                    lambda, spec.parameters().seed(), () -> cancellations.isCanceled(jobId)));
            case PROVIDED -> providedMask(spec, oriented);
            case NONE -> null;
        };
        Optional<String> maskKey = Optional.empty();
        Optional<String> softKey = Optional.empty();
        if (mask != null) {
            maskKey = Optional.of(StorageKeys.jobMask(jobId));
            softKey = Optional.of(StorageKeys.jobSoftMask(jobId));
            store.put(maskKey.get(), PngWriter.write(gray(mask.size(), mask.binary()), Map.of()), "image/png");
            store.put(softKey.get(), PngWriter.write(gray(mask.size(), mask.soft()), Map.of()), "image/png");
        }
        if (cancellations.isCanceled(jobId)) {
            throw new EditCanceledException(0, 0);
        }
        CropBox crop = framed.crop();
        Map<String, String> text = new LinkedHashMap<>();
        text.put(TEXT_CHECKPOINT, model.version());
        text.put(TEXT_SOURCE, source);
        text.put(TEXT_TARGET, target);
        text.put(TEXT_CROP, crop.x() + "," + crop.y() + "," + crop.size());
        text.put(TEXT_MASK_MODE, mode.name());
        // written last: its presence means the whole stage output is stored
        String preparedKey = StorageKeys.jobPrepared(jobId);
        store.put(preparedKey, PngWriter.write(framed.modelInput(), text), "image/png");
        emitMasked(EditMasked.of(spec, model.version(), source, target, preparedKey, maskKey, softKey, crop));
        return "masked";
    }

    private void emitMasked(EditMasked result) {
        JobSpec spec = result.spec();
        Map<String, String> artifacts = new LinkedHashMap<>();
        artifacts.put("input", spec.inputKey());
        artifacts.put("prepared", result.preparedKey());
        result.maskKey().ifPresent(k -> artifacts.put("mask", k));
        result.softMaskKey().ifPresent(k -> artifacts.put("mask-soft", k));
        events.publish(JobEvent.state(spec.jobId(), JobState.MASKED, Instant.now(), artifacts,
                Optional.of(result.checkpointVersion()), Optional.empty(), workerId()));
        masked.sendMessageAndAwait(JobEventPublisher.keyed(spec.jobId(), result));
    }

    /** The stage's stored output, if a previous delivery completed it (prepared.png carries the decisions). */
    private Optional<EditMasked> alreadyMasked(JobSpec spec) {
        String jobId = spec.jobId();
        Optional<byte[]> prepared = store.get(StorageKeys.jobPrepared(jobId));
        if (prepared.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> text;
        try {
            text = PngWriter.readText(prepared.get());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        String version = text.get(TEXT_CHECKPOINT);
        String crop = text.get(TEXT_CROP);
        MaskMode mode = spec.parameters().maskMode();
        if (version == null || crop == null || !mode.name().equals(text.get(TEXT_MASK_MODE))
                || spec.checkpointVersion().map(v -> !v.equals(version)).orElse(false)) {
            return Optional.empty();
        }
        Optional<String> maskKey = Optional.empty();
        Optional<String> softKey = Optional.empty();
        if (mode != MaskMode.NONE) {
            maskKey = Optional.of(StorageKeys.jobMask(jobId));
            softKey = Optional.of(StorageKeys.jobSoftMask(jobId));
            if (!store.exists(maskKey.get()) || !store.exists(softKey.get())) {
                return Optional.empty();
            }
        }
        String[] c = crop.split(",");
        try {
            return Optional.of(EditMasked.of(spec, version, text.getOrDefault(TEXT_SOURCE, ""),
                    text.getOrDefault(TEXT_TARGET, ""), StorageKeys.jobPrepared(jobId), maskKey, softKey,
                    new CropBox(Integer.parseInt(c[0]), Integer.parseInt(c[1]), Integer.parseInt(c[2]))));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private ModelRecord resolveModel(JobSpec spec) {
        if (spec.checkpointVersion().isPresent()) {
            String version = spec.checkpointVersion().get();
            return models.model(version).orElseThrow(() -> new StageException(ErrorCodes.CHECKPOINT_UNAVAILABLE,
                    "checkpoint " + version + " is not in the model registry", true));
        }
        return models.active().orElseThrow(() -> new StageException(ErrorCodes.CHECKPOINT_UNAVAILABLE,
                "no checkpoint is promoted in the model registry", true));
    }

    private String subject(JobSpec spec) {
        String s = spec.metadata().get(config.subjectMetadataKey());
        return s != null && SUBJECT.matcher(s.strip()).matches() ? s.strip() : config.defaultSubject();
    }

    /** The client's mask (white = edit), oriented and framed exactly like the input. */
    private EditEngine.MaskOutput providedMask(JobSpec spec, BufferedImage oriented) {
        String key = spec.providedMaskKey().orElseThrow(() -> new StageException(ErrorCodes.INVALID_REQUEST,
                "mask mode PROVIDED without a mask", false));
        byte[] bytes = store.get(key).orElseThrow(() -> new StageException(ErrorCodes.STORAGE_UNAVAILABLE,
                "the provided mask " + key + " is not in the object store", true));
        BufferedImage mask = ImageDecoder.decodeOriented(bytes, inspector.inspect(bytes));
        if (mask.getWidth() != oriented.getWidth() || mask.getHeight() != oriented.getHeight()) {
            throw new StageException(ErrorCodes.INVALID_REQUEST, "the provided mask is " + mask.getWidth() + "x"
                    + mask.getHeight() + " but the image is " + oriented.getWidth() + "x" + oriented.getHeight(),
                    false);
        }
        BufferedImage framed = ModelFraming.frame(mask, config.modelSize()).modelInput();
        int n = config.modelSize();
        float[] soft = new float[n * n];
        float[] binary = new float[n * n];
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                int rgb = framed.getRGB(x, y);
                float v = (((rgb >> 16) & 0xff) + ((rgb >> 8) & 0xff) + (rgb & 0xff)) / (3f * 255f);
                soft[y * n + x] = v;
                binary[y * n + x] = v >= 0.5f ? 1f : 0f;
            }
        }
        return new EditEngine.MaskOutput(n, soft, binary);
    }

    /** A grey image of a [0, 1] map (255 = edit). */
    static BufferedImage gray(int size, float[] values) {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_GRAY);
        int[] row = new int[size];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                float v = values[y * size + x];
                row[x] = Math.round(255f * Math.max(0f, Math.min(1f, v)));
            }
            img.getRaster().setSamples(0, y, size, 1, 0, row);
        }
        return img;
    }

    private static boolean interrupted(Throwable e) {
        if (Thread.currentThread().isInterrupted()) {
            return true;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InterruptedException) {
                return true;
            }
        }
        return false;
    }

    private JobEvent failed(String jobId, JobError error) {
        return JobEvent.state(jobId, JobState.FAILED, Instant.now(), Map.of(), Optional.empty(), Optional.of(error),
                workerId());
    }

    private String workerId() {
        String id = workerId;
        if (id == null) {
            id = config.workerId().orElseGet(() -> {
                try {
                    return "mask-worker@" + InetAddress.getLocalHost().getHostName();
                } catch (IOException e) {
                    return "mask-worker";
                }
            });
            workerId = id;
        }
        return id;
    }
}
