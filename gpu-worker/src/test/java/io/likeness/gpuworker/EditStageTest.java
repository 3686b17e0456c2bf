package io.likeness.gpuworker;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.likeness.contracts.events.CropBox;
import io.likeness.contracts.events.EditMasked;
import io.likeness.contracts.events.JobControl;
import io.likeness.contracts.events.JobEvent;
import io.likeness.contracts.events.Json;
import io.likeness.contracts.image.Feather;
import io.likeness.contracts.image.FramedImage;
import io.likeness.contracts.image.ModelFraming;
import io.likeness.contracts.image.PngWriter;
import io.likeness.contracts.job.EditParameters;
import io.likeness.contracts.job.ErrorCodes;
import io.likeness.contracts.job.JobSpec;
import io.likeness.contracts.job.JobState;
import io.likeness.contracts.job.MaskMode;
import io.likeness.contracts.storage.S3ObjectStore;
import io.likeness.contracts.storage.StorageKeys;
import io.likeness.testkit.RealInfra;
import io.likeness.testkit.RealInfraResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
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
 * The edit stage end to end on the real broker and S3, with the test engine and a Kafka poll interval far below
 * the slow jobs' duration ({@link SlowJobProfile}).
 */
@QuarkusTest
@TestProfile(SlowJobProfile.class)
@WithTestResource(value = RealInfraResource.class, scope = TestResourceScope.GLOBAL)
class EditStageTest {

    static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    static final String VERSION = "test-ckpt-" + RUN;
    static final int W = 300;
    static final int H = 200;
    static KafkaProbe kafka;
    static S3ObjectStore s3;

    @BeforeAll
    static void setUp() {
        kafka = new KafkaProbe("likeness.job.events", "likeness.dead-letters");
        s3 = RealInfra.objectStore();
    }

    @AfterAll
    static void tearDown() {
        kafka.close();
        s3.close();
    }

    static String job(String name) {
        return name + "-" + RUN;
    }

    /** A disc mask at model resolution: soft 1 − r/R, binary soft > 0.2. */
    static float[][] masks(int n) {
        float[] soft = new float[n * n];
        float[] binary = new float[n * n];
        double c = (n - 1) / 2.0;
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                float s = (float) Math.max(0, 1 - Math.hypot(x - c, y - c) / (n / 4.0));
                soft[y * n + x] = s;
                binary[y * n + x] = s > 0.2f ? 1f : 0f;
            }
        }
        return new float[][] {soft, binary};
    }

    static BufferedImage gray(int n, float[] v) {
        BufferedImage img = new BufferedImage(n, n, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                img.getRaster().setSample(x, y, 0, Math.round(255 * v[y * n + x]));
            }
        }
        return img;
    }

    /** Stores what the mask stage would have stored and returns its EditMasked. */
    static EditMasked staged(String jobId, String target, int steps, byte[] inputBytes) {
        BufferedImage original = Images.picture(W, H);
        String inputKey = StorageKeys.jobInput(jobId, "png");
        s3.put(inputKey, inputBytes != null ? inputBytes : Images.png(original), "image/png");
        FramedImage framed = ModelFraming.frame(original, 128);
        s3.put(StorageKeys.jobPrepared(jobId), PngWriter.write(framed.modelInput(), Map.of()), "image/png");
        float[][] m = masks(128);
        s3.put(StorageKeys.jobSoftMask(jobId), PngWriter.write(gray(128, m[0]), Map.of()), "image/png");
        s3.put(StorageKeys.jobMask(jobId), PngWriter.write(gray(128, m[1]), Map.of()), "image/png");
        EditParameters params = new EditParameters(7, steps, 3, 3, 5, MaskMode.AUTO, OptionalDouble.empty());
        JobSpec spec = new JobSpec(jobId, Optional.empty(), "santa-claus", params, inputKey, "image/png", W, H,
                Optional.empty(), Optional.empty(), Map.of(), Optional.empty(), Optional.empty(), Instant.now(),
                "fp");
        return EditMasked.of(spec, VERSION, "a person, normal costume", target, StorageKeys.jobPrepared(jobId),
                Optional.of(StorageKeys.jobMask(jobId)), Optional.of(StorageKeys.jobSoftMask(jobId)),
                framed.crop());
    }

    static void send(EditMasked m) {
        kafka.send("likeness.edit.masked", m.spec().jobId(), Json.write(m));
    }

    static List<JobEvent> events(String jobId) {
        return kafka.records("likeness.job.events", jobId).stream()
                .filter(r -> r.value().length > 0 && r.value()[0] == '{')
                .map(r -> Json.read(r.value(), JobEvent.class)).toList();
    }

    static JobEvent state(String jobId, JobState state) {
        ConsumerRecord<String, byte[]> r = kafka.await("likeness.job.events", jobId,
                rec -> rec.value()[0] == '{' && Json.read(rec.value(), JobEvent.class).state() == state
                        && Json.read(rec.value(), JobEvent.class).type() == JobEvent.Type.STATE);
        return Json.read(r.value(), JobEvent.class);
    }

    /** Waits until everything emitted so far for the job has been read (a marker behind it, same partition). */
    static void drain(String jobId) {
        String marker = "marker-" + UUID.randomUUID();
        kafka.send("likeness.job.events", jobId, marker.getBytes(StandardCharsets.UTF_8));
        kafka.await("likeness.job.events", jobId, r -> marker.equals(new String(r.value(), StandardCharsets.UTF_8)));
    }

    static double metric(String outcome) {
        String body = given().accept("text/plain").get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("^likeness_jobs_total\\{[^}]*outcome=\"" + Pattern.quote(outcome)
                + "\"[^}]*stage=\"edit\"[^}]*} ([0-9.eE+]+)$", Pattern.MULTILINE).matcher(body);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    static BufferedImage decode(byte[] png) throws IOException {
        return ImageIO.read(new ByteArrayInputStream(png));
    }

    @Test
    void editsCompositesAtInputResolutionAndARedeliveryKeepsTheResult() throws IOException {
        String jobId = job("ok");
        EditMasked masked = staged(jobId, "a person, Santa Claus costume", 4, null);
        send(masked);

        JobEvent done = state(jobId, JobState.SUCCEEDED);
        assertThat(done.checkpointVersion()).contains(VERSION);
        assertThat(done.artifacts()).containsEntry("result", StorageKeys.jobResult(jobId));
        drain(jobId);
        List<JobEvent> all = events(jobId);
        assertThat(all.stream().filter(e -> e.type() == JobEvent.Type.PROGRESS)
                .map(e -> e.progress().orElseThrow().step())).containsExactly(1, 2, 3, 4);
        assertThat(all.stream().filter(e -> e.type() == JobEvent.Type.STATE).map(JobEvent::state))
                .containsExactly(JobState.EDITING, JobState.SUCCEEDED);

        byte[] png = s3.get(StorageKeys.jobResult(jobId)).orElseThrow();
        BufferedImage result = decode(png);
        BufferedImage original = Images.picture(W, H);
        assertThat(result.getWidth()).isEqualTo(W);
        assertThat(result.getHeight()).isEqualTo(H);
        CropBox crop = masked.crop();
        BufferedImage q = ModelFraming.unframeMask(masks(128)[0], 128, crop, W, H, Feather.DEFAULT);
        int unchanged = 0;
        int edited = 0;
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                if (q.getRaster().getSample(x, y, 0) == 0) {
                    assertThat(result.getRGB(x, y)).as("pixel %d,%d outside the mask", x, y)
                            .isEqualTo(original.getRGB(x, y));
                    unchanged++;
                } else if (q.getRaster().getSample(x, y, 0) >= 128 && result.getRGB(x, y) != original.getRGB(x, y)) {
                    edited++;
                }
            }
        }
        assertThat(unchanged).isGreaterThan(W * H / 2);
        assertThat(edited).isGreaterThan(100);
        Map<String, String> text = PngWriter.readText(png);
        assertThat(text).containsEntry("likeness.checkpoint", VERSION).containsEntry("likeness.seed", "7")
                .containsEntry("likeness.jobId", jobId).containsEntry("likeness.size", W + "x" + H);

        // redelivery: no second edit, the stored result stays, SUCCEEDED is re-emitted with the same id
        double replayed = metric("replayed");
        send(masked);
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> metric("replayed") > replayed);
        drain(jobId);
        assertThat(s3.get(StorageKeys.jobResult(jobId)).orElseThrow()).isEqualTo(png);
        List<JobEvent> succeeded = events(jobId).stream().filter(e -> e.state() == JobState.SUCCEEDED).toList();
        assertThat(succeeded).hasSize(2);
        assertThat(succeeded.get(1).eventId()).isEqualTo(succeeded.get(0).eventId());
        assertThat(events(jobId).stream().filter(e -> e.state() == JobState.EDITING
                && e.type() == JobEvent.Type.STATE)).hasSize(1);
    }

    @Test
    void maskModeNoneReplacesTheCropOnly() throws IOException {
        String jobId = job("none");
        EditMasked staged = staged(jobId, "a person, Santa Claus costume", 2, null);
        EditMasked masked = EditMasked.of(staged.spec(), VERSION, staged.sourcePrompt(), staged.targetPrompt(),
                staged.preparedKey(), Optional.empty(), Optional.empty(), staged.crop());
        send(masked);
        state(jobId, JobState.SUCCEEDED);
        BufferedImage result = decode(s3.get(StorageKeys.jobResult(jobId)).orElseThrow());
        BufferedImage original = Images.picture(W, H);
        CropBox crop = masked.crop();
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                if (x < crop.x() || x >= crop.x() + crop.size()) {
                    assertThat(result.getRGB(x, y)).isEqualTo(original.getRGB(x, y));
                }
            }
        }
        assertThat(result.getRGB(W / 2, H / 2)).isNotEqualTo(original.getRGB(W / 2, H / 2));
    }

    @Test
    void slowEditOutlivesThePollIntervalAndRunsOnce() {
        String jobId = job("slow");
        // 5 steps × 1.5 s: longer than max.poll.interval.ms (3 s in this profile)
        send(staged(jobId, "a person, Santa Claus costume SLOW", 5, null));
        state(jobId, JobState.SUCCEEDED);
        drain(jobId);
        List<JobEvent> all = events(jobId);
        assertThat(all.stream().filter(e -> e.type() == JobEvent.Type.STATE && e.state() == JobState.EDITING))
                .as("one delivery, no rebalance redelivery").hasSize(1);
        assertThat(all.stream().filter(e -> e.type() == JobEvent.Type.PROGRESS)).hasSize(5);
        given().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void inFlightEditStopsWhenCanceled() {
        String jobId = job("cancel");
        send(staged(jobId, "a person, Santa Claus costume SLOW", 20, null));
        kafka.await("likeness.job.events", jobId, r -> r.value()[0] == '{'
                && Json.read(r.value(), JobEvent.class).type() == JobEvent.Type.PROGRESS);
        kafka.send("likeness.job.control", jobId, Json.write(JobControl.cancel(jobId, Instant.now())));
        state(jobId, JobState.CANCELED);
        drain(jobId);
        long steps = events(jobId).stream().filter(e -> e.type() == JobEvent.Type.PROGRESS).count();
        assertThat(steps).isLessThan(20);
        assertThat(events(jobId).stream().filter(e -> e.state() == JobState.SUCCEEDED)).isEmpty();
        assertThat(s3.exists(StorageKeys.jobResult(jobId))).isFalse();
    }

    @Test
    void undecodableInputFailsPermanentlyWithoutBlockingThePartition() {
        String bad = job("bad-input");
        String good = job("after-bad-input");
        byte[] truncated = java.util.Arrays.copyOf(Images.png(Images.picture(W, H)), 70);
        EditMasked badJob = staged(bad, "a person, Santa Claus costume", 2, truncated);
        EditMasked goodJob = staged(good, "a person, Santa Claus costume", 2, null);
        kafka.send("likeness.edit.masked", 5, bad, Json.write(badJob));
        kafka.send("likeness.edit.masked", 5, good, Json.write(goodJob));
        JobEvent failed = state(bad, JobState.FAILED);
        assertThat(failed.error().orElseThrow().code()).isEqualTo(ErrorCodes.UNDECODABLE_IMAGE);
        assertThat(failed.error().orElseThrow().retryable()).isFalse();
        state(good, JobState.SUCCEEDED);
    }

    @Test
    void unexpectedFailureReportsInternalErrorAndDeadLettersTheRecord() {
        String jobId = job("explode");
        send(staged(jobId, "a person EXPLODE", 2, null));
        assertThat(state(jobId, JobState.FAILED).error().orElseThrow().code()).isEqualTo(ErrorCodes.INTERNAL);
        ConsumerRecord<String, byte[]> dead = kafka.await("likeness.dead-letters", jobId, r -> true);
        assertThat(Json.read(dead.value(), EditMasked.class).spec().jobId()).isEqualTo(jobId);
    }

    @Test
    void traceContextCrossesTheKafkaHop() {
        String jobId = job("traced");
        String traceId = UUID.randomUUID().toString().replace("-", "");
        kafka.send("likeness.edit.masked", null, jobId,
                Json.write(staged(jobId, "a person, Santa Claus costume", 1, null)),
                Map.of("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01"));
        state(jobId, JobState.SUCCEEDED);
        ConsumerRecord<String, byte[]> succeeded = kafka.await("likeness.job.events", jobId,
                r -> r.value()[0] == '{' && Json.read(r.value(), JobEvent.class).state() == JobState.SUCCEEDED);
        assertThat(succeeded.headers().lastHeader("traceparent")).isNotNull();
        assertThat(new String(succeeded.headers().lastHeader("traceparent").value(), StandardCharsets.UTF_8))
                .startsWith("00-" + traceId + "-");
    }

    @Test
    void stageMetricsAreExported() {
        String body = given().accept("text/plain").get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(body).contains("likeness_stage_seconds_bucket").contains("stage=\"edit\"")
                .contains("likeness_denoising_steps_total");
    }
}
