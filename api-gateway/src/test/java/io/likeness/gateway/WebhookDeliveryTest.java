package io.likeness.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.standardwebhooks.Webhook;
import com.sun.net.httpserver.HttpServer;
import io.likeness.contracts.events.JobEvent;
import io.likeness.contracts.job.JobState;
import io.likeness.contracts.kafka.Topics;
import io.likeness.contracts.model.EditDirection;
import io.likeness.contracts.model.ModelRecord;
import io.likeness.testkit.RealInfraResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.InetSocketAddress;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Signed webhooks for real jobs, through the real broker; receivers on loopback verify with the official library. */
@QuarkusTest
@WithTestResource(value = RealInfraResource.class, scope = TestResourceScope.GLOBAL)
class WebhookDeliveryTest {

    record Received(String id, String type, String state, int attempt) {
    }

    @ConfigProperty(name = "likeness.webhooks.secrets")
    List<String> secrets;

    private HttpServer receiver;
    private final List<Received> verified = new CopyOnWriteArrayList<>();
    private final AtomicInteger calls = new AtomicInteger();
    private volatile int failFirst;

    @BeforeEach
    void startReceiverAndPromote() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        Webhook official = new Webhook(secrets.getFirst());
        receiver.createContext("/hook", exchange -> {
            int n = calls.incrementAndGet();
            byte[] body = exchange.getRequestBody().readAllBytes();
            int status;
            if (n <= failFirst) {
                status = 500;
            } else {
                try {
                    Map<String, List<String>> headers = Map.of(
                            "webhook-id", List.of(exchange.getRequestHeaders().getFirst("webhook-id")),
                            "webhook-timestamp", List.of(exchange.getRequestHeaders().getFirst("webhook-timestamp")),
                            "webhook-signature", List.of(exchange.getRequestHeaders().getFirst("webhook-signature")));
                    official.verify(new String(body, StandardCharsets.UTF_8), HttpHeaders.of(headers, (a, b) -> true));
                    var json = io.likeness.contracts.events.Json.mapper().readTree(body);
                    verified.add(new Received(exchange.getRequestHeaders().getFirst("webhook-id"), json.get("type").asText(),
                            json.get("data").get("state").asText(), n));
                    status = 204;
                } catch (Exception e) {
                    status = 401;
                }
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.start();
        KafkaTestProducer.send(Topics.MODELS.name(), ModelRecord.ACTIVE_KEY, new ModelRecord(1, "hook-v1",
                ModelRecord.Status.PROMOTED, "models/hook-v1/manifest.json",
                List.of(new EditDirection("laughing", "a {subject}, neutral expression", "a {subject}, laughing", 0.35)),
                Map.of(), Instant.now(), "test"));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                given().get("/v1/edits/catalog").then().statusCode(200).body("checkpointVersion", equalTo("hook-v1")));
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop(0);
    }

    private String url() {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
    }

    private String submit(String events) {
        return given().multiPart("image", "h.png", TestImages.portrait(128, 128, 9), "image/png").multiPart("edit", "laughing")
                .multiPart("webhook", url()).multiPart("webhook_events", events)
                .post("/v1/edits").then().statusCode(202).extract().jsonPath().getString("id");
    }

    private static void runJob(String id) {
        Instant t = Instant.now();
        for (JobState s : List.of(JobState.MASKING, JobState.MASKED, JobState.EDITING, JobState.SUCCEEDED)) {
            JobViewTest.emit(JobEvent.state(id, s, t, Map.of(), Optional.of("hook-v1"), Optional.empty(), "test-worker"));
        }
    }

    @Test
    void startedAndSucceededArriveSignedAndVerifyWithTheOfficialLibrary() {
        String id = submit("started,succeeded");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/v1/edits/" + id).then().statusCode(200));
        runJob(id);
        await().atMost(Duration.ofSeconds(30)).until(() -> verified.size() >= 2);
        assertThat(verified).extracting(Received::type).containsExactly("edit.started", "edit.succeeded");
        assertThat(verified.getLast().state()).isEqualTo("succeeded");
        assertThat(verified).extracting(Received::id).doesNotHaveDuplicates().allMatch(s -> s.startsWith("msg_"));
    }

    @Test
    void aReceiverThatFailsTwiceGetsTheEventOnTheThirdAttemptAndTheJobLogsAllThree() {
        failFirst = 2;
        String id = submit("succeeded");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/v1/edits/" + id).then().statusCode(200));
        runJob(id);
        await().atMost(Duration.ofSeconds(30)).until(() -> verified.size() >= 1);
        assertThat(verified.getFirst().type()).isEqualTo("edit.succeeded");
        assertThat(verified.getFirst().attempt()).isEqualTo(3);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            var deliveries = given().get("/v1/edits/" + id).then().extract().jsonPath().getList("webhook.deliveries.status", Integer.class);
            assertThat(deliveries).containsExactly(500, 500, 204);
        });
    }
}
