package io.likeness.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.likeness.contracts.events.JobEvent;
import io.likeness.contracts.job.EditParameters;
import io.likeness.contracts.job.JobSpec;
import io.likeness.contracts.job.JobState;
import io.likeness.contracts.kafka.Topics;
import io.likeness.contracts.model.EditDirection;
import io.likeness.contracts.model.ModelRecord;
import io.likeness.testkit.RealInfraResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The job view folds job events from the real broker and the read API serves it. */
@QuarkusTest
@WithTestResource(value = RealInfraResource.class, scope = TestResourceScope.GLOBAL)
class JobViewTest {

    static JobSpec spec(String id, Instant createdAt) {
        return new JobSpec(id, Optional.empty(), "santa-claus", EditParameters.defaults(7), "jobs/" + id + "/input.png",
                "image/png", 640, 480, Optional.empty(), Optional.empty(), Map.of("user", "u1"), Optional.empty(),
                Optional.empty(), createdAt, "fp");
    }

    static void emit(JobEvent e) {
        KafkaTestProducer.send(Topics.JOB_EVENTS.name(), e.jobId(), e);
    }

    static JsonPath awaitState(String id, String state) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                given().get("/v1/edits/" + id).then().statusCode(200).body("state", equalTo(state)));
        return given().get("/v1/edits/" + id).then().extract().jsonPath();
    }

    @Test
    void aJobsTransitionsAppearInTheViewWithTimingsProgressAndLinks() {
        String id = UUID.randomUUID().toString();
        Instant t0 = Instant.parse("2026-11-21T10:00:00Z");
        emit(JobEvent.created(spec(id, t0)));
        awaitState(id, "queued");
        emit(JobEvent.state(id, JobState.MASKING, t0.plusMillis(100), Map.of(), Optional.of("v1"), Optional.empty(), "mask-1"));
        emit(JobEvent.state(id, JobState.MASKED, t0.plusMillis(900), Map.of("mask", "jobs/" + id + "/mask.png"), Optional.of("v1"), Optional.empty(), "mask-1"));
        emit(JobEvent.progress(id, 5, 20, t0.plusMillis(1500), "gpu-1"));
        JsonPath editing = awaitState(id, "editing");
        assertThat(editing.getInt("progress.step")).isEqualTo(5);
        assertThat(editing.getInt("progress.total")).isEqualTo(20);
        assertThat(editing.getString("links.mask")).isEqualTo("/v1/edits/" + id + "/mask");
        assertThat(editing.getString("links.cancel")).isEqualTo("/v1/edits/" + id + "/cancel");
        emit(JobEvent.state(id, JobState.SUCCEEDED, t0.plusMillis(4000), Map.of("result", "jobs/" + id + "/result.png"), Optional.empty(), Optional.empty(), "gpu-1"));
        JsonPath done = awaitState(id, "succeeded");
        assertThat(done.getLong("durations.maskMs")).isEqualTo(800);
        assertThat(done.getLong("durations.totalMs")).isEqualTo(4000);
        assertThat(done.getString("checkpointVersion")).isEqualTo("v1");
        assertThat(done.getString("metadata.user")).isEqualTo("u1");
        assertThat(done.getInt("progress.step")).isEqualTo(20);
        assertThat(done.getString("links.result")).isEqualTo("/v1/edits/" + id + "/result");
        assertThat(done.getString("links.cancel")).isNull();
    }

    @Test
    void staleAndOutOfOrderEventsDoNotMoveAJobBackwards() {
        String id = UUID.randomUUID().toString();
        Instant t0 = Instant.parse("2026-11-21T11:00:00Z");
        emit(JobEvent.created(spec(id, t0)));
        emit(JobEvent.state(id, JobState.FAILED, t0.plusSeconds(1), Map.of(), Optional.empty(),
                Optional.of(new io.likeness.contracts.job.JobError("undecodable_image", "cannot decode", false)), "mask-1"));
        emit(JobEvent.state(id, JobState.MASKING, t0.plusSeconds(2), Map.of(), Optional.empty(), Optional.empty(), "mask-2"));
        JsonPath failed = awaitState(id, "failed");
        assertThat(failed.getString("error.code")).isEqualTo("undecodable_image");
        assertThat(failed.getBoolean("error.retryable")).isFalse();
    }

    @Test
    void listingIsNewestFirstWithCursorPagination() {
        String state = "masked";
        Instant base = Instant.parse("2030-01-01T00:00:00Z");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String id = "list-" + i + "-" + UUID.randomUUID();
            ids.add(id);
            emit(JobEvent.created(spec(id, base.plusSeconds(i))));
            emit(JobEvent.state(id, JobState.MASKED, base.plusSeconds(i).plusMillis(10), Map.of(), Optional.empty(), Optional.empty(), "m"));
        }
        ids.forEach(id -> awaitState(id, state));
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            var page = given().queryParam("state", state).queryParam("limit", 2)
                    .queryParam("cursor", cursor == null ? "" : cursor).get("/v1/edits").then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("data.id"));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        List<String> ours = seen.stream().filter(ids::contains).toList();
        assertThat(ours).containsExactly(ids.get(4), ids.get(3), ids.get(2), ids.get(1), ids.get(0));
        assertThat(seen).doesNotHaveDuplicates();
    }

    @Test
    void cancelingAQueuedJobEndsItAndIsIdempotentButAFinishedJobCannotBeCanceled() {
        String id = UUID.randomUUID().toString();
        emit(JobEvent.created(spec(id, Instant.now())));
        awaitState(id, "queued");
        given().post("/v1/edits/" + id + "/cancel").then().statusCode(200).body("state", equalTo("canceled"));
        awaitState(id, "canceled");
        given().post("/v1/edits/" + id + "/cancel").then().statusCode(200).body("state", equalTo("canceled"));

        String done = UUID.randomUUID().toString();
        emit(JobEvent.created(spec(done, Instant.now())));
        for (JobState s : List.of(JobState.MASKING, JobState.MASKED, JobState.EDITING, JobState.SUCCEEDED)) {
            emit(JobEvent.state(done, s, Instant.now(), Map.of(), Optional.empty(), Optional.empty(), "g"));
        }
        awaitState(done, "succeeded");
        given().post("/v1/edits/" + done + "/cancel").then().statusCode(409)
                .contentType("application/problem+json").body("code", equalTo("job_finished"));
    }

    @Test
    void unknownJobsAndBadQueriesAreProblemDetails() {
        given().get("/v1/edits/no-such-job").then().statusCode(404).contentType("application/problem+json")
                .body("code", equalTo("job_not_found")).body("status", equalTo(404)).body("retryable", equalTo(false));
        given().queryParam("state", "sleeping").get("/v1/edits").then().statusCode(400)
                .contentType("application/problem+json").body("code", equalTo("invalid_request"));
        given().queryParam("limit", 1000).get("/v1/edits").then().statusCode(400);
    }

    @Test
    void theCatalogIsTheActiveCheckpoints() {
        ModelRecord active = new ModelRecord(1, "test-v1", ModelRecord.Status.PROMOTED, "models/test-v1/manifest.json",
                List.of(new EditDirection("santa-claus", "a {subject}, normal costume", "a {subject}, Santa Claus costume", 0.2)),
                Map.of(), Instant.now(), "test");
        KafkaTestProducer.send(Topics.MODELS.name(), ModelRecord.ACTIVE_KEY, active);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/v1/edits/catalog").then().statusCode(200)
                .body("checkpointVersion", equalTo("test-v1")).body("edits[0].id", equalTo("santa-claus")));
    }
}
