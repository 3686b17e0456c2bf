package io.likeness.gpuworker;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.likeness.contracts.job.JobState;
import io.likeness.testkit.RealInfraResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The counter-proof of {@link SlowJobProfile}: with {@code throttled.unprocessed-record-max-age.ms} below the
 * time of one edit, SmallRye declares the channel stuck while a slow (healthy) edit is running, and the service
 * reports itself not live — why production sets that age above the worst-case edit time.
 */
@QuarkusTest
@TestProfile(UnprocessedAgeTooLowTest.AgeTooLow.class)
@WithTestResource(value = RealInfraResource.class, scope = TestResourceScope.GLOBAL)
class UnprocessedAgeTooLowTest {

    public static class AgeTooLow implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(SlowJobProfile.CH + "throttled.unprocessed-record-max-age.ms", "2000",
                    SlowJobProfile.CH + "auto.commit.interval.ms", "500",
                    SlowJobProfile.CH + "group.id", "likeness-gpu-worker-age-test");
        }
    }

    @BeforeAll
    static void setUp() {
        EditStageTest.setUp();
    }

    @AfterAll
    static void tearDown() {
        EditStageTest.tearDown();
    }

    @Test
    void aSlowEditTripsTheUnprocessedRecordAgeCheck() {
        given().get("/q/health/live").then().statusCode(200);
        String jobId = EditStageTest.job("age-too-low");
        // 6 steps × 1.5 s, far above the 2 s age limit of this profile
        EditStageTest.send(EditStageTest.staged(jobId, "a person, Santa Claus costume SLOW", 6, null));
        EditStageTest.state(jobId, JobState.EDITING);
        Awaitility.await().atMost(Duration.ofSeconds(60))
                .until(() -> given().get("/q/health/live").then().extract().statusCode() == 503);
        String body = given().get("/q/health/live").then().extract().asString();
        System.out.println("liveness with a too-low unprocessed age: " + body);
        assertThat(body).contains("DOWN");
    }
}
