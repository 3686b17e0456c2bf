package io.likeness.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import io.likeness.contracts.events.Json;
import io.likeness.contracts.kafka.CompactedTopicTable;
import io.likeness.contracts.kafka.Topics;
import io.likeness.contracts.model.EditDirection;
import io.likeness.contracts.model.ModelRecord;
import io.likeness.testkit.RealInfra;
import io.likeness.testkit.RealInfraResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The model lifecycle API on the real broker: every change is a record of the compacted models topic. */
@QuarkusTest
@WithTestResource(value = RealInfraResource.class, scope = TestResourceScope.GLOBAL)
class ModelsResourceTest {

    private static final List<EditDirection> CATALOG = List.of(
            new EditDirection("santa-claus", "a {subject}, normal costume", "a {subject}, Santa Claus costume", 0.2),
            new EditDirection("laughing", "a {subject}, neutral expression", "a {subject}, laughing", 0.35));

    private static String publish(String version, ModelRecord.Status status, double ssim) {
        KafkaTestProducer.send(Topics.MODELS.name(), version, new ModelRecord(1, version, status,
                "models/" + version + "/checkpoint.zip", CATALOG, Map.of("val_ssim", ssim, "steps", 100.0),
                Instant.now(), "lifecycle test"));
        return version;
    }

    private static JsonPath registry() {
        return given().get("/v1/models").then().statusCode(200).extract().jsonPath();
    }

    private static String status(JsonPath registry, String version) {
        return registry.getString("models.find { it.version == '" + version + "' }.status");
    }

    @Test
    void promoteListRollbackAndTheHistoryLivesInTheTopic() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String v1 = publish("life-" + run + "-v1", ModelRecord.Status.PUBLISHED, 0.80);
        String v2 = publish("life-" + run + "-v2", ModelRecord.Status.PUBLISHED, 0.82);

        given().post("/v1/models/" + v1 + "/promote").then().statusCode(200)
                .body("version", equalTo(v1)).body("status", equalTo("promoted")).body("active", equalTo(true));
        given().post("/v1/models/" + v2 + "/promote").then().statusCode(200).body("version", equalTo(v2));

        JsonPath r = registry();
        assertThat(r.getString("active")).isEqualTo(v2);
        assertThat(r.getList("previousActive", String.class)).startsWith(v1);
        assertThat(status(r, v1)).isEqualTo("published");
        assertThat(status(r, v2)).isEqualTo("promoted");
        assertThat(r.getBoolean("models.find { it.version == '" + v2 + "' }.active")).isTrue();
        assertThat(r.getBoolean("models.find { it.version == '" + v1 + "' }.active")).isFalse();
        assertThat(r.getDouble("models.find { it.version == '" + v2 + "' }.metrics.val_ssim")).isEqualTo(0.82);
        assertThat(r.getString("models.find { it.version == '" + v2 + "' }.promotedAt")).isNotNull();
        assertThat(r.getString("models.find { it.version == '" + v1 + "' }.publishedAt")).isNotNull();
        given().get("/v1/models/" + v2).then().statusCode(200).body("active", equalTo(true))
                .body("catalog.id", hasItem("santa-claus"));

        // the history is in the topic itself: a reader that starts now (as after a restart) sees it
        try (CompactedTopicTable<ModelRecord> fresh = new CompactedTopicTable<>(RealInfra.bootstrapServers(),
                Topics.MODELS.name(), "models-test-fresh-reader", b -> Json.read(b, ModelRecord.class))) {
            fresh.start();
            assertThat(fresh.awaitCaughtUp(Duration.ofSeconds(30))).isTrue();
            ModelRecord active = fresh.get(ModelRecord.ACTIVE_KEY).orElseThrow();
            assertThat(active.version()).isEqualTo(v2);
            assertThat(active.previousActive()).startsWith(v1);
        }

        given().post("/v1/models/rollback").then().statusCode(200).body("version", equalTo(v1));
        r = registry();
        assertThat(r.getString("active")).isEqualTo(v1);
        assertThat(status(r, v2)).isEqualTo("published");
        assertThat(status(r, v1)).isEqualTo("promoted");
        given().get("/v1/edits/catalog").then().statusCode(200);

        // promoting the active version again is harmless
        given().post("/v1/models/" + v1 + "/promote").then().statusCode(200).body("version", equalTo(v1));
    }

    @Test
    void rollbackWithNothingBeforeIsAConflict() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String only = publish("life-" + run + "-only", ModelRecord.Status.PUBLISHED, 0.9);
        given().post("/v1/models/" + only + "/promote").then().statusCode(200);
        // walk back through whatever earlier tests promoted, until nothing is left
        int status = 200;
        for (int i = 0; i < 50 && status == 200; i++) {
            status = given().post("/v1/models/rollback").then().extract().statusCode();
        }
        given().post("/v1/models/rollback").then().statusCode(409).contentType("application/problem+json")
                .body("code", equalTo("nothing_to_roll_back")).body("retryable", equalTo(false));
        given().post("/v1/models/" + only + "/promote").then().statusCode(200);
    }

    @Test
    void retiredUnknownAndGatedRefusals() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String good = publish("life-" + run + "-good", ModelRecord.Status.PUBLISHED, 0.90);
        String retired = publish("life-" + run + "-retired", ModelRecord.Status.RETIRED, 0.99);
        String worse = publish("life-" + run + "-worse", ModelRecord.Status.PUBLISHED, 0.50);
        given().post("/v1/models/" + good + "/promote").then().statusCode(200);

        given().post("/v1/models/" + retired + "/promote").then().statusCode(409)
                .contentType("application/problem+json").body("code", equalTo("model_retired"));
        given().post("/v1/models/nope-" + run + "/promote").then().statusCode(404).body("code", equalTo("model_not_found"));
        given().get("/v1/models/nope-" + run).then().statusCode(404).body("code", equalTo("model_not_found"))
                .body("type", startsWith("https://"));
        given().post("/v1/models/" + worse + "/promote?gated=true").then().statusCode(409)
                .body("code", equalTo("promotion_refused")).body("detail", org.hamcrest.Matchers.containsString("val_ssim"));
        assertThat(registry().getString("active")).isEqualTo(good);
    }
}
