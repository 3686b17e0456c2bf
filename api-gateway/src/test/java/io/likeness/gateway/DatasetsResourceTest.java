package io.likeness.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.likeness.contracts.events.Json;
import io.likeness.contracts.kafka.Topics;
import io.likeness.contracts.storage.StorageKeys;
import io.likeness.contracts.trainer.DatasetRequest;
import io.likeness.contracts.trainer.TrainerEvent;
import io.likeness.testkit.RealInfra;
import io.likeness.testkit.RealInfraResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/** Dataset requests through the real gateway and broker (the test plays the trainer's part). */
@QuarkusTest
@WithTestResource(value = RealInfraResource.class, scope = TestResourceScope.GLOBAL)
class DatasetsResourceTest {

    private static final String BODY = """
            {"directions": [
               {"id": "pirate-hat", "sourceDescription": "a person, no hat", "targetDescription": "a person, pirate hat", "lambda": 0.2},
               {"id": "laughing", "sourceDescription": "a person, neutral expression", "targetDescription": "a person, laughing", "lambda": 0.35}],
             "pairsPerDirection": 5, "seed": 42}
            """;

    @Test
    void aRequestIsQueuedForTheTrainerAndItsStateFollowsTheTrainerEvents() {
        Response accepted = given().contentType("application/json").body(BODY).post("/v1/datasets")
                .then().statusCode(202).header("Location", containsString("/v1/datasets/ds-"))
                .body("state", equalTo("in_progress")).body("done", equalTo(0)).body("total", equalTo(10))
                .extract().response();
        String id = accepted.jsonPath().getString("id");
        given().get("/v1/datasets/" + id).then().statusCode(200).body("state", equalTo("in_progress"));

        DatasetRequest queued = requestOnTheTopic(id);
        assertThat(queued.pairsPerDirection()).isEqualTo(5);
        assertThat(queued.seed()).isEqualTo(42);
        assertThat(queued.directions()).extracting(DatasetRequest.Direction::id).containsExactly("pirate-hat", "laughing");

        KafkaTestProducer.send(Topics.TRAINER_EVENTS.name(), id, TrainerEvent.progress(id, 4, 10, Instant.now()));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().get("/v1/datasets/" + id).then().body("done", equalTo(4)).body("fraction", equalTo(0.4f)));
        KafkaTestProducer.send(Topics.TRAINER_EVENTS.name(), id,
                TrainerEvent.succeeded(id, 10, StorageKeys.datasetManifest(id), Instant.now()));
        // a late progress event (a redelivered request) does not undo the outcome
        KafkaTestProducer.send(Topics.TRAINER_EVENTS.name(), id, TrainerEvent.progress(id, 1, 10, Instant.now()));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().get("/v1/datasets/" + id).then().body("state", equalTo("succeeded"))
                        .body("datasetKey", equalTo("datasets/" + id + "/manifest.json")).body("done", equalTo(10)));
    }

    @Test
    void aFailureCarriesTheTrainersMessage() {
        String id = given().contentType("application/json").body(BODY).post("/v1/datasets").then().statusCode(202)
                .extract().jsonPath().getString("id");
        KafkaTestProducer.send(Topics.TRAINER_EVENTS.name(), id,
                TrainerEvent.failed(id, 0, 10, "the studio generator cannot render direction(s) [pirate-hat]", Instant.now()));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().get("/v1/datasets/" + id).then().body("state", equalTo("failed"))
                        .body("error", containsString("pirate-hat")));
    }

    @Test
    void invalidRequestsAreProblemsNamingEachField() {
        given().contentType("application/json").body("""
                {"directions": [{"id": "Bad Id", "sourceDescription": "", "targetDescription": "x", "lambda": 3}],
                 "pairsPerDirection": 0}
                """).post("/v1/datasets").then().statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("invalid_request"))
                .body("detail", containsString("directions[0].id"))
                .body("detail", containsString("directions[0].sourceDescription"))
                .body("detail", containsString("directions[0].lambda"))
                .body("detail", containsString("pairsPerDirection"));
        given().contentType("application/json").body("{}").post("/v1/datasets").then().statusCode(400)
                .body("detail", containsString("directions"));
        given().contentType("application/json").body(BODY.replace("\"seed\": 42", "\"baseModelVersion\": \"no-such-model\""))
                .post("/v1/datasets").then().statusCode(400).body("detail", containsString("baseModelVersion"));
        given().contentType("application/json").body("{not json").post("/v1/datasets").then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void anUnknownRequestIsNotFound() {
        given().get("/v1/datasets/ds-unknown").then().statusCode(404).contentType("application/problem+json")
                .body("code", equalTo("dataset_not_found"));
    }

    private static DatasetRequest requestOnTheTopic(String id) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, RealInfra.bootstrapServers());
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> tps = consumer.partitionsFor(Topics.DATASET_REQUESTED.name(), Duration.ofSeconds(10))
                    .stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            consumer.assign(tps);
            consumer.seekToBeginning(tps);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                for (var r : consumer.poll(Duration.ofMillis(200))) {
                    if (id.equals(r.key())) {
                        return Json.read(r.value(), DatasetRequest.class);
                    }
                }
            }
        }
        throw new AssertionError("no dataset request " + id + " on " + Topics.DATASET_REQUESTED.name());
    }
}
