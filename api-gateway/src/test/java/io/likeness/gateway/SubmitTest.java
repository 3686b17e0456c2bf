package io.likeness.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import io.likeness.contracts.events.EditRequested;
import io.likeness.contracts.events.Json;
import io.likeness.contracts.events.JobEvent;
import io.likeness.contracts.job.JobState;
import io.likeness.contracts.kafka.Topics;
import io.likeness.contracts.model.EditDirection;
import io.likeness.contracts.model.ModelRecord;
import io.likeness.contracts.storage.S3ObjectStore;
import io.likeness.testkit.RealInfra;
import io.likeness.testkit.RealInfraResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Submitting jobs through the real gateway, with the real broker and S3 server (tests play the workers). */
@QuarkusTest
@WithTestResource(value = RealInfraResource.class, scope = TestResourceScope.GLOBAL)
class SubmitTest {

    @TestHTTPResource("/")
    URI base;

    private static boolean promoted;

    @BeforeEach
    void promoteACheckpoint() {
        if (promoted) {
            return;
        }
        promoted = true;
        ModelRecord active = new ModelRecord(1, "submit-test-v1", ModelRecord.Status.PROMOTED, "models/submit-test-v1/manifest.json",
                List.of(new EditDirection("santa-claus", "a {subject}, normal costume", "a {subject}, Santa Claus costume", 0.2),
                        new EditDirection("laughing", "a {subject}, neutral expression", "a {subject}, laughing", 0.35)),
                Map.of(), Instant.now(), "test");
        KafkaTestProducer.send(Topics.MODELS.name(), ModelRecord.ACTIVE_KEY, active);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                given().get("/v1/edits/catalog").then().statusCode(200).body("checkpointVersion", equalTo("submit-test-v1")));
    }

    @Test
    void aMultipartSubmissionIsAcceptedStoredAndQueued() throws Exception {
        byte[] png = TestImages.portrait(320, 240, 1);
        Response r = given().multiPart("image", "me.png", png, "image/png").multiPart("edit", "santa-claus")
                .multiPart("seed", "42").multiPart("metadata", "{\"user\":\"u-7\"}")
                .post("/v1/edits").then().statusCode(202).header("Location", org.hamcrest.Matchers.containsString("/v1/edits/job-"))
                .body("state", equalTo("queued")).body("edit", equalTo("santa-claus"))
                .body("parameters.seed", equalTo(42)).body("parameters.steps", equalTo(20))
                .body("parameters.maskMode", equalTo("auto")).body("metadata.user", equalTo("u-7")).extract().response();
        String id = r.jsonPath().getString("id");

        try (S3ObjectStore s3 = RealInfra.objectStore()) {
            assertThat(s3.get("jobs/" + id + "/input.png")).hasValueSatisfying(b -> assertThat(b).isEqualTo(png));
        }
        EditRequested queued = consume(Topics.EDIT_REQUESTED.name(), id, EditRequested.class);
        assertThat(queued.spec().edit()).isEqualTo("santa-claus");
        assertThat(queued.spec().inputWidth()).isEqualTo(320);
        assertThat(queued.spec().parameters().seed()).isEqualTo(42);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                given().get("/v1/edits/" + id).then().statusCode(200).body("state", equalTo("queued")));
        given().get("/v1/edits/" + id + "/input").then().statusCode(200).contentType("image/png");
    }

    @Test
    void aJsonSubmissionWithADataUriAndAStickerPackMakesOneJobPerDirection() {
        String uri = "data:image/png;base64," + Base64.getEncoder().encodeToString(TestImages.portrait(200, 200, 2));
        given().contentType("application/json")
                .body(Map.of("image", uri, "edit", List.of("santa-claus", "laughing"), "guidance", Map.of("text", 6.5)))
                .post("/v1/edits").then().statusCode(202)
                .body("batchId", startsWith("batch-")).body("jobs.size()", equalTo(2))
                .body("jobs[0].edit", equalTo("santa-claus")).body("jobs[1].edit", equalTo("laughing"))
                .body("jobs[0].batchId", notNullValue()).body("jobs[1].parameters.textScale", equalTo(6.5f));
    }

    @Test
    void theSameIdempotencyKeyAndBodyGiveTheSameJobAndADifferentBodyIsAConflict() {
        String key = "key-" + UUID.randomUUID();
        byte[] png = TestImages.portrait(160, 160, 3);
        String first = given().header("Idempotency-Key", key).multiPart("image", "a.png", png, "image/png")
                .multiPart("edit", "laughing").multiPart("seed", "5").post("/v1/edits").then().statusCode(202)
                .extract().jsonPath().getString("id");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().get("/v1/edits/" + first).then().statusCode(200));

        given().header("Idempotency-Key", key).multiPart("image", "a.png", png, "image/png")
                .multiPart("edit", "laughing").multiPart("seed", "5").post("/v1/edits").then().statusCode(200)
                .header("Idempotent-Replayed", "true").body("id", equalTo(first));
        given().header("Idempotency-Key", key).multiPart("image", "a.png", png, "image/png")
                .multiPart("edit", "laughing").multiPart("seed", "6").post("/v1/edits").then().statusCode(409)
                .contentType("application/problem+json").body("code", equalTo("idempotency_key_reused"));
    }

    @Test
    void badUploadsGetProblemDetails() {
        given().multiPart("image", "big.png", new byte[21 * 1024 * 1024], "image/png").multiPart("edit", "laughing")
                .post("/v1/edits").then().statusCode(413).contentType("application/problem+json")
                .body("code", equalTo("payload_too_large"));
        given().multiPart("image", "notes.png", "hello, I am not an image".getBytes(), "image/png").multiPart("edit", "laughing")
                .post("/v1/edits").then().statusCode(415).contentType("application/problem+json")
                .body("code", equalTo("unsupported_media_type"));
        given().multiPart("image", "bomb.png", TestImages.pngBomb(), "image/png").multiPart("edit", "laughing")
                .post("/v1/edits").then().statusCode(422).contentType("application/problem+json")
                .body("code", equalTo("image_too_large"));
        given().multiPart("image", "me.png", TestImages.portrait(64, 64, 4), "image/png").multiPart("edit", "pirate")
                .post("/v1/edits").then().statusCode(422).contentType("application/problem+json")
                .body("code", equalTo("unknown_edit"));
        given().multiPart("edit", "laughing").post("/v1/edits").then().statusCode(400)
                .contentType("application/problem+json").body("code", equalTo("invalid_request"));
        given().contentType("application/json").body(Map.of("image", "http://example.com/x.png", "edit", "laughing"))
                .post("/v1/edits").then().statusCode(400).body("code", equalTo("invalid_request"));
    }

    @Test
    void preferWaitAnswersWithTheFinishedJobWhenItFinishesInTime() {
        byte[] png = TestImages.portrait(128, 128, 5);
        // a stand-in for the workers: finish any job of this test as soon as it is queued
        String marker = UUID.randomUUID().toString();
        CompletableFuture<Void> worker = CompletableFuture.runAsync(() -> {
            String id = await().atMost(Duration.ofSeconds(30)).until(() -> findQueuedWithMarker(marker), Optional::isPresent).get();
            Instant t = Instant.now();
            for (JobState s : List.of(JobState.MASKING, JobState.MASKED, JobState.EDITING, JobState.SUCCEEDED)) {
                JobViewTest.emit(JobEvent.state(id, s, t, Map.of(), Optional.of("submit-test-v1"), Optional.empty(), "test-worker"));
            }
        });
        given().header("Prefer", "wait=30").multiPart("image", "w.png", png, "image/png").multiPart("edit", "laughing")
                .multiPart("metadata", "{\"marker\":\"" + marker + "\"}")
                .post("/v1/edits").then().statusCode(200).header("Preference-Applied", "wait=30")
                .body("state", equalTo("succeeded"));
        worker.join();

        given().header("Prefer", "wait=1").multiPart("image", "w.png", png, "image/png").multiPart("edit", "laughing")
                .post("/v1/edits").then().statusCode(202).body("state", equalTo("queued"));
    }

    @Test
    void serverSentEventsStreamStatesAndEveryStepUntilTheEnd() throws Exception {
        String id = given().multiPart("image", "s.png", TestImages.portrait(128, 128, 6), "image/png")
                .multiPart("edit", "santa-claus").post("/v1/edits").then().statusCode(202).extract().jsonPath().getString("id");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().get("/v1/edits/" + id).then().statusCode(200));
        CompletableFuture<HttpResponse<java.util.stream.Stream<String>>> stream = HttpClient.newHttpClient().sendAsync(
                HttpRequest.newBuilder(base.resolve("/v1/edits/" + id + "/events")).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofLines());
        HttpResponse<java.util.stream.Stream<String>> response = stream.get();
        assertThat(response.statusCode()).isEqualTo(200);
        CompletableFuture<List<String>> lines = CompletableFuture.supplyAsync(() -> response.body().toList());
        Thread.sleep(500);
        Instant t = Instant.now();
        JobViewTest.emit(JobEvent.state(id, JobState.MASKING, t, Map.of(), Optional.empty(), Optional.empty(), "w"));
        JobViewTest.emit(JobEvent.state(id, JobState.MASKED, t, Map.of(), Optional.empty(), Optional.empty(), "w"));
        for (int step = 1; step <= 4; step++) {
            JobViewTest.emit(JobEvent.progress(id, step, 4, t, "w"));
        }
        JobViewTest.emit(JobEvent.state(id, JobState.SUCCEEDED, t, Map.of(), Optional.empty(), Optional.empty(), "w"));
        List<String> got = lines.get(60, java.util.concurrent.TimeUnit.SECONDS);
        List<String> names = got.stream().filter(l -> l.startsWith("event:")).map(l -> l.substring(6).trim()).toList();
        List<String> data = got.stream().filter(l -> l.startsWith("data:")).toList();
        assertThat(names.getFirst()).isEqualTo("state");
        assertThat(names.stream().filter("progress"::equals).count()).isGreaterThanOrEqualTo(3);
        assertThat(data.getLast()).contains("\"state\":\"succeeded\"");
    }

    private static Optional<String> findQueuedWithMarker(String marker) {
        var page = given().queryParam("state", "queued").queryParam("limit", 100).get("/v1/edits").then().extract().jsonPath();
        List<Map<String, Object>> jobs = page.getList("data");
        return jobs.stream().filter(j -> marker.equals(((Map<?, ?>) j.getOrDefault("metadata", Map.of())).get("marker")))
                .map(j -> (String) j.get("id")).findFirst();
    }

    static <T> T consume(String topic, String key, Class<T> type) {
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, RealInfra.bootstrapServers());
        c.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(c)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            List<byte[]> found = new ArrayList<>();
            while (found.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(300)).forEach(rec -> {
                    if (key.equals(rec.key())) {
                        found.add(rec.value());
                    }
                });
            }
            assertThat(found).as("a record keyed %s on %s", key, topic).isNotEmpty();
            return Json.read(found.getFirst(), type);
        }
    }
}
