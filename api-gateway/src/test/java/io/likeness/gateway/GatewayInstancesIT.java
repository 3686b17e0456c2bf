package io.likeness.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.likeness.contracts.events.JobEvent;
import io.likeness.contracts.job.JobState;
import io.likeness.contracts.kafka.Topics;
import io.likeness.contracts.model.EditDirection;
import io.likeness.contracts.model.ModelRecord;
import io.likeness.stack.infra.Ports;
import io.likeness.stack.infra.StackLayout;
import io.likeness.stack.services.ServiceProcess;
import io.likeness.stack.services.ServiceSpec;
import io.likeness.testkit.RealInfra;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two packaged gateways as real processes on the real broker: any instance answers for any job within a second
 * of a transition, and a restarted gateway still knows every job (the view lives in Kafka, not in memory).
 */
class GatewayInstancesIT {

    private static final Path VAR = Path.of("target", "it-var");
    private static ServiceSpec specA;
    private static ServiceSpec specB;
    private static ServiceProcess a;
    private static ServiceProcess b;

    @BeforeAll
    static void twoGateways() {
        RealInfra.get();
        KafkaTestProducer.send(Topics.MODELS.name(), ModelRecord.ACTIVE_KEY, new ModelRecord(1, "it-v1",
                ModelRecord.Status.PROMOTED, "models/it-v1/manifest.json",
                List.of(new EditDirection("crying", "a {subject}, neutral expression", "a {subject}, crying", 0.35)),
                Map.of(), Instant.now(), "it"));
        specA = new ServiceSpec("api-gateway", Ports.free(), "384m");
        specB = new ServiceSpec("api-gateway", Ports.free(), "384m");
        a = start(specA);
        b = start(specB);
        a.awaitReady(Duration.ofMinutes(3));
        b.awaitReady(Duration.ofMinutes(3));
    }

    private static ServiceProcess start(ServiceSpec spec) {
        return ServiceProcess.start(StackLayout.discover(), spec, RealInfra.bootstrapServers(), RealInfra.storage(),
                VAR.resolve(Integer.toString(spec.port())).toAbsolutePath(), Optional.empty(), Map.of());
    }

    @AfterAll
    static void stop() {
        if (a != null) {
            a.stop();
        }
        if (b != null) {
            b.stop();
        }
    }

    private static void awaitOn(ServiceSpec spec, String id, String state) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                given().baseUri(spec.baseUrl()).get("/v1/edits/" + id).then().statusCode(200).body("state", equalTo(state)));
    }

    @Test
    void bothInstancesAgreeOnEveryJobAndARestartedGatewayStillKnowsIt() {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                given().baseUri(specA.baseUrl()).get("/v1/edits/catalog").then().statusCode(200).body("checkpointVersion", equalTo("it-v1")));
        String id = given().baseUri(specA.baseUrl()).multiPart("image", "i.png", TestImages.portrait(96, 96, 3), "image/png")
                .multiPart("edit", "crying").post("/v1/edits").then().statusCode(202).extract().jsonPath().getString("id");

        long t0 = System.nanoTime();
        awaitOn(specB, id, "queued");
        long seenOnB = (System.nanoTime() - t0) / 1_000_000;

        Instant t = Instant.now();
        JobViewTest.emit(JobEvent.state(id, JobState.MASKING, t, Map.of(), Optional.of("it-v1"), Optional.empty(), "it"));
        JobViewTest.emit(JobEvent.state(id, JobState.MASKED, t, Map.of(), Optional.of("it-v1"), Optional.empty(), "it"));
        awaitOn(specA, id, "masked");
        awaitOn(specB, id, "masked");
        String onA = given().baseUri(specA.baseUrl()).get("/v1/edits/" + id).then().extract().asString();
        String onB = given().baseUri(specB.baseUrl()).get("/v1/edits/" + id).then().extract().asString();
        assertThat(onB).isEqualTo(onA);
        System.out.printf("GatewayInstancesIT: job accepted by A visible on B after %d ms%n", seenOnB);

        a.stop();
        JobViewTest.emit(JobEvent.state(id, JobState.EDITING, t, Map.of(), Optional.empty(), Optional.empty(), "it"));
        awaitOn(specB, id, "editing");
        a = start(specA);
        a.awaitReady(Duration.ofMinutes(3));
        awaitOn(specA, id, "editing");
        assertThat(given().baseUri(specA.baseUrl()).get("/v1/edits/" + id).then().extract().jsonPath().getString("edit"))
                .isEqualTo("crying");
    }
}
