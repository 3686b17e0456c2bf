package io.likeness.gpuworker;

import io.likeness.worker.StageException;
import io.likeness.worker.Failures;
import io.likeness.worker.StageMetrics;

import io.likeness.contracts.events.EditMasked;
import io.likeness.contracts.events.JobEvent;
import io.likeness.contracts.events.Json;
import io.likeness.contracts.image.Feather;
import io.likeness.contracts.image.ImageDecoder;
import io.likeness.contracts.image.ImageInfo;
import io.likeness.contracts.image.ImageInspector;
import io.likeness.contracts.image.PngWriter;
import io.likeness.contracts.image.ResultCompositor;
import io.likeness.contracts.job.EditParameters;
import io.likeness.contracts.job.ErrorCodes;
import io.likeness.contracts.job.JobError;
import io.likeness.contracts.job.JobSpec;
import io.likeness.contracts.job.JobState;
import io.likeness.contracts.storage.ObjectStore;
import io.likeness.contracts.storage.StorageKeys;
import io.likeness.mcdm.engine.EditEngine;
import io.micrometer.core.instrument.Timer;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import javax.imageio.ImageIO;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * The edit stage: {@code likeness.edit.masked} → EDITING → mask-guided denoising on the checkpoint version the
 * mask stage used, a PROGRESS event per step (or every {@code progress-every} steps) → composite into the
 * oriented original at its own resolution through the feathered mask (pixels the mask does not reach keep every
 * original byte) → {@code result.png} with the generation settings as PNG text → SUCCEEDED.
 *
 * <p>A canceled job stops before its next step and ends CANCELED. Client-visible failures end FAILED with a
 * {@link JobError} (record acknowledged); unexpected exceptions end FAILED {@code internal_error} and the record
 * goes to {@code likeness.dead-letters}. A redelivered record whose result is already stored re-emits SUCCEEDED
 * (same event id) without editing again, so a job never gets a second, different result.
 */
@ApplicationScoped
public class EditStage {

    static final String STAGE = "edit";
    private static final Logger LOG = Logger.getLogger(EditStage.class);

    @Inject
    ObjectStore store;

    @Inject
    EditEngine engine;

    @Inject
    Cancellations cancellations;

    @Inject
    JobEventPublisher events;

    @Inject
    GpuWorkerConfig config;

    @Inject
    StageMetrics metrics;

    private final ImageInspector inspector = new ImageInspector();
    private volatile String workerId;

    @Incoming("edit-masked")
    @Blocking(value = "edit-pool", ordered = false)
    public void onEditMasked(ConsumerRecord<String, byte[]> record) {
        EditMasked masked = parse(record);
        String jobId = masked.spec().jobId();
        MDC.put("jobId", jobId);
        Timer.Sample sample = metrics.start();
        String outcome = "internal-error";
        try {
            outcome = process(masked);
        } catch (CancellationException e) {
            LOG.infof("canceled while editing: %s", e.getMessage());
            events.publish(JobEvent.state(jobId, JobState.CANCELED, Instant.now(), Map.of(),
                    Optional.of(masked.checkpointVersion()), Optional.empty(), workerId()));
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
                events.publishQuietly(failed(jobId, new JobError(ErrorCodes.INTERNAL,
                        "internal error in the edit stage; the request was kept for investigation", false)));
                throw e;
            }
            JobError error = known.get();
            LOG.warnf("failed: %s (%s, retryable=%s)", error.message(), error.code(), error.retryable());
            events.publish(failed(jobId, error));
            outcome = error.retryable() ? "failed-retryable" : "failed";
        } finally {
            metrics.finish(sample, STAGE, outcome);
            MDC.remove("jobId");
        }
    }

    private EditMasked parse(ConsumerRecord<String, byte[]> record) {
        String where = record.topic() + "-" + record.partition() + "@" + record.offset() + " (key " + record.key()
                + ")";
        try {
            if (record.value() == null) {
                throw new IllegalArgumentException("record " + where + " has no value");
            }
            EditMasked masked = Json.read(record.value(), EditMasked.class);
            if (masked.spec() == null || masked.spec().jobId() == null || masked.checkpointVersion() == null
                    || masked.preparedKey() == null || masked.crop() == null) {
                throw new IllegalArgumentException("record " + where + " is an incomplete EditMasked");
            }
            return masked;
        } catch (RuntimeException e) {
            LOG.errorf("record %s is not a usable EditMasked; it goes to the dead-letter topic: %s", where,
                    e.getMessage());
            if (record.key() != null && !record.key().isBlank()) {
                events.publishQuietly(failed(record.key(), new JobError(ErrorCodes.INTERNAL,
                        "the edit stage could not read the job's masked record; it was kept for investigation",
                        false)));
            }
            throw e;
        }
    }

    String process(EditMasked masked) {
        JobSpec spec = masked.spec();
        String jobId = spec.jobId();
        if (cancellations.isCanceledNow(jobId)) {
            LOG.info("canceled before the edit started; skipped");
            return "skipped-canceled";
        }
        if (spec.deadline().isPresent() && Instant.now().isAfter(spec.deadline().get())) {
            LOG.infof("deadline %s passed before the edit started", spec.deadline().get());
            events.publish(JobEvent.state(jobId, JobState.CANCELED, Instant.now(), Map.of(),
                    Optional.of(masked.checkpointVersion()), Optional.of(new JobError(ErrorCodes.DEADLINE_EXCEEDED,
                            "the job's deadline " + spec.deadline().get() + " passed before it was edited", false)),
                    workerId()));
            return "deadline-exceeded";
        }
        String resultKey = StorageKeys.jobResult(jobId);
        if (store.exists(resultKey)) {
            LOG.info("the result is already stored (redelivery); re-emitting SUCCEEDED without editing again");
            succeeded(masked);
            return "replayed";
        }
        events.publish(JobEvent.state(jobId, JobState.EDITING, Instant.now(), Map.of(),
                Optional.of(masked.checkpointVersion()), Optional.empty(), workerId()));

        byte[] input = required(spec.inputKey(), "input");
        ImageInfo info = inspector.inspect(input);
        BufferedImage original = ImageDecoder.decodeOriented(input, info);
        BufferedImage prepared = rgb(readPng(required(masked.preparedKey(), "prepared image")));
        int n = config.modelSize();
        if (prepared.getWidth() != n || prepared.getHeight() != n) {
            throw new StageException(ErrorCodes.INTERNAL, "the prepared image is " + prepared.getWidth() + "x"
                    + prepared.getHeight() + ", the model needs " + n + "x" + n, false);
        }
        Optional<float[]> binary = masked.maskKey().map(k -> gray(readPng(required(k, "mask")), n));
        Optional<float[]> soft = masked.softMaskKey().map(k -> gray(readPng(required(k, "soft mask")), n));

        EditParameters p = spec.parameters();
        int every = Math.max(1, config.progressEvery());
        EditEngine.EditOutput out = engine.edit(new EditEngine.EditInput(masked.checkpointVersion(), prepared,
                binary, masked.sourcePrompt(), masked.targetPrompt(), p.seed(), p.steps(), p.imageScale(),
                p.spatialScale(), p.textScale(), (step, total) -> {
                    metrics.denoisingStep();
                    if (step % every == 0 || step == total) {
                        events.publishAsync(JobEvent.progress(jobId, step, total, Instant.now(), workerId()));
                    }
                }, () -> cancellations.isCanceled(jobId)));
        if (out.edited().getWidth() != n || out.edited().getHeight() != n) {
            throw new IllegalStateException("the engine returned " + out.edited().getWidth() + "x"
                    + out.edited().getHeight() + " for a " + n + "x" + n + " model");
        }

        BufferedImage result;
        if (binary.isPresent()) {
            float[] alpha = config.compositeMask() == GpuWorkerConfig.CompositeMask.SOFT && soft.isPresent()
                    ? soft.get() : binary.get();
            result = ResultCompositor.composite(original, out.edited(), alpha, masked.crop(),
                    new Feather(config.featherSigma()));
        } else {
            result = ResultCompositor.compositeUnmasked(original, out.edited(), masked.crop());
        }
        Map<String, String> text = new LinkedHashMap<>(out.settings());
        text.put("likeness.jobId", jobId);
        text.put("likeness.edit", spec.edit());
        text.put("likeness.checkpoint", masked.checkpointVersion());
        text.put("likeness.maskMode", p.maskMode().name());
        text.put("likeness.size", result.getWidth() + "x" + result.getHeight());
        store.put(resultKey, PngWriter.write(result, text), "image/png");
        succeeded(masked);
        return "succeeded";
    }

    private void succeeded(EditMasked masked) {
        JobSpec spec = masked.spec();
        Map<String, String> artifacts = new LinkedHashMap<>();
        artifacts.put("input", spec.inputKey());
        artifacts.put("prepared", masked.preparedKey());
        masked.maskKey().ifPresent(k -> artifacts.put("mask", k));
        masked.softMaskKey().ifPresent(k -> artifacts.put("mask-soft", k));
        artifacts.put("result", StorageKeys.jobResult(spec.jobId()));
        events.publish(JobEvent.state(spec.jobId(), JobState.SUCCEEDED, Instant.now(), artifacts,
                Optional.of(masked.checkpointVersion()), Optional.empty(), workerId()));
    }

    private byte[] required(String key, String what) {
        return store.get(key).orElseThrow(() -> new StageException(ErrorCodes.STORAGE_UNAVAILABLE,
                "the " + what + " " + key + " is not in the object store", true));
    }

    private static BufferedImage readPng(byte[] bytes) {
        try {
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(bytes));
            if (img == null) {
                throw new StageException(ErrorCodes.INTERNAL, "a stored stage image is not readable", false);
            }
            return img;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static BufferedImage rgb(BufferedImage img) {
        if (img.getType() == BufferedImage.TYPE_INT_RGB) {
            return img;
        }
        BufferedImage out = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.drawImage(img, 0, 0, null);
        g.dispose();
        return out;
    }

    /** A stored mask (grey, 255 = edit) as row-major [0, 1] values. */
    private static float[] gray(BufferedImage img, int n) {
        if (img.getWidth() != n || img.getHeight() != n) {
            throw new StageException(ErrorCodes.INTERNAL, "a stored mask is " + img.getWidth() + "x"
                    + img.getHeight() + ", the model needs " + n + "x" + n, false);
        }
        float[] v = new float[n * n];
        boolean single = img.getRaster().getNumBands() == 1;
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                int s = single ? img.getRaster().getSample(x, y, 0) : (img.getRGB(x, y) >> 16) & 0xff;
                v[y * n + x] = s / 255f;
            }
        }
        return v;
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
                    return "gpu-worker@" + InetAddress.getLocalHost().getHostName();
                } catch (IOException e) {
                    return "gpu-worker";
                }
            });
            workerId = id;
        }
        return id;
    }
}
