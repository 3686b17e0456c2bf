package io.likeness.maskworker;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.likeness.contracts.events.CropBox;
import io.likeness.contracts.events.EditMasked;
import io.likeness.contracts.events.EditRequested;
import io.likeness.contracts.events.JobControl;
import io.likeness.contracts.events.JobEvent;
import io.likeness.contracts.events.Json;
import io.likeness.contracts.job.EditParameters;
import io.likeness.contracts.job.ErrorCodes;
import io.likeness.contracts.job.JobSpec;
import io.likeness.contracts.job.JobState;
import io.likeness.contracts.model.EditDirection;
import io.likeness.contracts.model.ModelRecord;
import io.likeness.contracts.storage.S3ObjectStore;
import io.likeness.contracts.storage.StorageKeys;
import io.likeness.testkit.RealInfra;
import io.likeness.testkit.RealInfraResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The mask stage end to end on the real broker and S3: records in on {@code likeness.edit.requested}, objects in
 * the bucket, records out on {@code likeness.edit.masked}, {@code likeness.job.events} and
 * {@code likeness.dead-letters}. The MCDM is replaced by {@link TestEditEngine}.
 */
@QuarkusTest
@WithTestResource(value = RealInfraResource.class, scope = TestResourceScope.GLOBAL)
class MaskStageTest {

    static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    static final String VERSION = "test-ckpt-" + RUN;
    static KafkaProbe kafka;
    static S3ObjectStore s3;

    @BeforeAll
    static void registry() {
        kafka = new KafkaProbe("likeness.job.events", "likeness.edit.masked", "likeness.dead-letters");
        s3 = RealInfra.objectStore();
        ModelRecord model = new ModelRecord(1, VERSION, ModelRecord.Status.PROMOTED,
                StorageKeys.modelPrefix(VERSION) + "manifest.json",
                List.of(new EditDirection("santa-claus", "a {subject}, normal costume",
                                "a {subject}, Santa Claus costume", 0.2),
                        new EditDirection("explode", "a {subject}", "a {subject} EXPLODE", 0.3)),
                Map.of(), Instant.now(), "test");
        kafka.send("likeness.models", VERSION, Json.write(model));
        kafka.send("likeness.models", ModelRecord.ACTIVE_KEY, Json.write(model));
    }

    @AfterAll
    static void close() {
        kafka.close();
        s3.close();
    }

    static JobSpec spec(String jobId, String edit, int w, int h, Map<String, String> metadata,
            Optional<Instant> deadline) {
        return new JobSpec(jobId, Optional.empty(), edit, EditParameters.defaults(42), StorageKeys.jobInput(jobId,
                "png"), "image/png", w, h, Optional.empty(), Optional.empty(), metadata, deadline, Optional.empty(),
                Instant.now(), "fp");
    }

    static String job(String name) {
        return name + "-" + RUN;
    }

    static JobEvent state(String jobId, JobState state) {
        ConsumerRecord<String, byte[]> r = kafka.await("likeness.job.events", jobId,
                rec -> Json.read(rec.value(), JobEvent.class).state() == state);
        return Json.read(r.value(), JobEvent.class);
    }

    static void request(JobSpec spec) {
        kafka.send("likeness.edit.requested", spec.jobId(), Json.write(EditRequested.of(spec)));
    }

    static double metric(String outcome) {
        String body = given().accept("text/plain").get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("^likeness_jobs_total\\{[^}]*outcome=\"" + Pattern.quote(outcome)
                + "\"[^}]*stage=\"mask\"[^}]*} ([0-9.eE+]+)$", Pattern.MULTILINE).matcher(body);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    @Test
    void masksAPortraitAndRedeliveryReplaysTheSameResult() throws IOException {
        String jobId = job("auto");
        JobSpec spec = spec(jobId, "santa-claus", 300, 200, Map.of("subject", "woman"), Optional.empty());
        s3.put(spec.inputKey(), Images.png(Images.picture(300, 200)), "image/png");
        request(spec);

        assertThat(state(jobId, JobState.MASKING).worker()).isPresent();
        JobEvent maskedEvent = state(jobId, JobState.MASKED);
        assertThat(maskedEvent.checkpointVersion()).contains(VERSION);
        assertThat(maskedEvent.artifacts()).containsEntry("prepared", StorageKeys.jobPrepared(jobId))
                .containsEntry("mask", StorageKeys.jobMask(jobId))
                .containsEntry("mask-soft", StorageKeys.jobSoftMask(jobId));
        EditMasked masked = Json.read(kafka.await("likeness.edit.masked", jobId, r -> true).value(),
                EditMasked.class);
        assertThat(masked.checkpointVersion()).isEqualTo(VERSION);
        assertThat(masked.sourcePrompt()).isEqualTo("a woman, normal costume");
        assertThat(masked.targetPrompt()).isEqualTo("a woman, Santa Claus costume");
        assertThat(masked.crop()).isEqualTo(new CropBox(50, 0, 200));
        assertThat(masked.maskKey()).contains(StorageKeys.jobMask(jobId));

        BufferedImage prepared = ImageIO.read(new ByteArrayInputStream(s3.get(StorageKeys.jobPrepared(jobId))
                .orElseThrow()));
        assertThat(prepared.getWidth()).isEqualTo(128);
        assertThat(prepared.getHeight()).isEqualTo(128);
        byte[] mask = s3.get(StorageKeys.jobMask(jobId)).orElseThrow();
        BufferedImage maskImage = ImageIO.read(new ByteArrayInputStream(mask));
        assertThat(maskImage.getRaster().getSample(64, 64, 0)).isEqualTo(255);
        assertThat(maskImage.getRaster().getSample(0, 0, 0)).isEqualTo(0);

        // redelivery: the same record again re-emits the same EditMasked without recomputing
        double replayedBefore = metric("replayed");
        request(spec);
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> metric("replayed") > replayedBefore);
        Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> kafka.records("likeness.edit.masked", jobId).size() == 2);
        List<EditMasked> all = kafka.records("likeness.edit.masked", jobId).stream()
                .map(r -> Json.read(r.value(), EditMasked.class)).toList();
        assertThat(all.get(1)).usingRecursiveComparison().isEqualTo(all.get(0));
        assertThat(s3.get(StorageKeys.jobMask(jobId)).orElseThrow()).isEqualTo(mask);
    }

    @Test
    void providedMaskIsFramedLikeTheInputAndNoneStoresNoMask() throws IOException {
        String provided = job("provided");
        JobSpec base = spec(provided, "santa-claus", 300, 200, Map.of(), Optional.empty());
        String maskKey = StorageKeys.jobProvidedMask(provided);
        JobSpec spec = new JobSpec(provided, Optional.empty(), "santa-claus", new EditParameters(42, 20, 3, 3, 5,
                io.likeness.contracts.job.MaskMode.PROVIDED, java.util.OptionalDouble.empty()), base.inputKey(),
                "image/png", 300, 200, Optional.of(maskKey), Optional.empty(), Map.of(), Optional.empty(),
                Optional.empty(), Instant.now(), "fp");
        BufferedImage mask = new BufferedImage(300, 200, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 200; y++) {
            for (int x = 150; x < 300; x++) {
                mask.setRGB(x, y, 0xffffff); // the right half of the picture
            }
        }
        s3.put(spec.inputKey(), Images.png(Images.picture(300, 200)), "image/png");
        s3.put(maskKey, Images.png(mask), "image/png");
        request(spec);
        state(provided, JobState.MASKED);
        BufferedImage stored = ImageIO.read(new ByteArrayInputStream(s3.get(StorageKeys.jobMask(provided))
                .orElseThrow()));
        // crop x = 50..250 → the mask's edge (x = 150) is the middle of the 128-px model image
        assertThat(stored.getRaster().getSample(10, 64, 0)).isEqualTo(0);
        assertThat(stored.getRaster().getSample(117, 64, 0)).isEqualTo(255);

        String none = job("none");
        JobSpec noneSpec = new JobSpec(none, Optional.empty(), "santa-claus", new EditParameters(42, 20, 3, 3, 5,
                io.likeness.contracts.job.MaskMode.NONE, java.util.OptionalDouble.empty()),
                StorageKeys.jobInput(none, "png"), "image/png", 64, 64, Optional.empty(), Optional.empty(), Map.of(),
                Optional.empty(), Optional.empty(), Instant.now(), "fp");
        s3.put(noneSpec.inputKey(), Images.png(Images.picture(64, 64)), "image/png");
        request(noneSpec);
        assertThat(state(none, JobState.MASKED).artifacts()).containsKey("prepared").doesNotContainKey("mask");
        EditMasked masked = Json.read(kafka.await("likeness.edit.masked", none, r -> true).value(),
                EditMasked.class);
        assertThat(masked.maskKey()).isEmpty();
        assertThat(s3.exists(StorageKeys.jobMask(none))).isFalse();
    }

    @Test
    void undecodableInputFailsPermanentlyWithoutBlockingThePartition() {
        String bad = job("bad");
        String good = job("after-bad");
        JobSpec badSpec = spec(bad, "santa-claus", 64, 64, Map.of(), Optional.empty());
        JobSpec goodSpec = spec(good, "santa-claus", 64, 64, Map.of(), Optional.empty());
        byte[] truncated = java.util.Arrays.copyOf(Images.png(Images.picture(64, 64)), 60);
        s3.put(badSpec.inputKey(), truncated, "image/png");
        s3.put(goodSpec.inputKey(), Images.png(Images.picture(64, 64)), "image/png");
        kafka.send("likeness.edit.requested", 3, bad, Json.write(EditRequested.of(badSpec)));
        kafka.send("likeness.edit.requested", 3, good, Json.write(EditRequested.of(goodSpec)));

        JobEvent failed = state(bad, JobState.FAILED);
        assertThat(failed.error()).isPresent();
        assertThat(failed.error().get().code()).isEqualTo(ErrorCodes.UNDECODABLE_IMAGE);
        assertThat(failed.error().get().retryable()).isFalse();
        state(good, JobState.MASKED);
        assertThat(kafka.records("likeness.dead-letters", bad)).isEmpty();
    }

    @Test
    void unknownEditFailsPermanently() {
        String jobId = job("unknown-edit");
        JobSpec spec = spec(jobId, "pirate", 64, 64, Map.of(), Optional.empty());
        s3.put(spec.inputKey(), Images.png(Images.picture(64, 64)), "image/png");
        request(spec);
        JobEvent failed = state(jobId, JobState.FAILED);
        assertThat(failed.error().orElseThrow().code()).isEqualTo(ErrorCodes.UNKNOWN_EDIT);
        assertThat(failed.error().orElseThrow().retryable()).isFalse();
    }

    @Test
    void missingInputIsARetryableFailure() {
        String jobId = job("no-input");
        request(spec(jobId, "santa-claus", 64, 64, Map.of(), Optional.empty()));
        JobEvent failed = state(jobId, JobState.FAILED);
        assertThat(failed.error().orElseThrow().code()).isEqualTo(ErrorCodes.STORAGE_UNAVAILABLE);
        assertThat(failed.error().orElseThrow().retryable()).isTrue();
    }

    @Test
    void unexpectedFailureReportsInternalErrorAndDeadLettersTheRecord() {
        String jobId = job("explode");
        JobSpec spec = spec(jobId, "explode", 64, 64, Map.of(), Optional.empty());
        s3.put(spec.inputKey(), Images.png(Images.picture(64, 64)), "image/png");
        request(spec);
        JobEvent failed = state(jobId, JobState.FAILED);
        assertThat(failed.error().orElseThrow().code()).isEqualTo(ErrorCodes.INTERNAL);
        ConsumerRecord<String, byte[]> dead = kafka.await("likeness.dead-letters", jobId, r -> true);
        assertThat(Json.read(dead.value(), EditRequested.class).spec().jobId()).isEqualTo(jobId);
        assertThat(new String(dead.headers().lastHeader("dead-letter-topic").value(), StandardCharsets.UTF_8))
                .isEqualTo("likeness.edit.requested");
    }

    @Test
    void garbageRecordIsDeadLettered() {
        String key = job("garbage");
        kafka.send("likeness.edit.requested", key, "{not json".getBytes(StandardCharsets.UTF_8));
        ConsumerRecord<String, byte[]> dead = kafka.await("likeness.dead-letters", key, r -> true);
        assertThat(dead.value()).isEqualTo("{not json".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void pastDeadlineIsCanceledWithDeadlineExceeded() {
        String jobId = job("late");
        JobSpec spec = spec(jobId, "santa-claus", 64, 64, Map.of(), Optional.of(Instant.now().minusSeconds(5)));
        s3.put(spec.inputKey(), Images.png(Images.picture(64, 64)), "image/png");
        request(spec);
        JobEvent canceled = state(jobId, JobState.CANCELED);
        assertThat(canceled.error().orElseThrow().code()).isEqualTo(ErrorCodes.DEADLINE_EXCEEDED);
        assertThat(s3.exists(StorageKeys.jobPrepared(jobId))).isFalse();
    }

    @Test
    void canceledJobNeverStarts() {
        String jobId = job("canceled");
        JobSpec spec = spec(jobId, "santa-claus", 64, 64, Map.of(), Optional.empty());
        s3.put(spec.inputKey(), Images.png(Images.picture(64, 64)), "image/png");
        double before = metric("skipped-canceled");
        kafka.send("likeness.job.control", jobId, Json.write(JobControl.cancel(jobId, Instant.now())));
        request(spec);
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> metric("skipped-canceled") > before);
        // a marker behind anything the stage could have emitted for this job (same key, same partition)
        kafka.send("likeness.job.events", jobId, "marker".getBytes(StandardCharsets.UTF_8));
        kafka.await("likeness.job.events", jobId, r -> "marker".equals(new String(r.value(), StandardCharsets.UTF_8)));
        assertThat(kafka.records("likeness.job.events", jobId)).hasSize(1);
        assertThat(s3.exists(StorageKeys.jobPrepared(jobId))).isFalse();
    }
}
