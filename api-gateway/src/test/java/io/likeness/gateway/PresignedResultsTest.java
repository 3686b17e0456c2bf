package io.likeness.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.likeness.contracts.events.JobEvent;
import io.likeness.contracts.job.JobState;
import io.likeness.contracts.storage.S3ObjectStore;
import io.likeness.contracts.storage.StorageKeys;
import io.likeness.testkit.RealInfra;
import io.likeness.testkit.RealInfraResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** With presigned redirects on, image links answer 307 to a time-limited S3 URL that serves the same bytes. */
@QuarkusTest
@TestProfile(PresignedResultsTest.Redirects.class)
@WithTestResource(value = RealInfraResource.class, scope = TestResourceScope.GLOBAL)
class PresignedResultsTest {

    public static class Redirects implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("likeness.gateway.results.presigned-redirect", "true");
        }
    }

    @Test
    void aSucceededJobsResultRedirectsToAPresignedUrlWithTheSameBytes() throws Exception {
        String id = "job-presign-" + UUID.randomUUID();
        byte[] png = TestImages.portrait(64, 48, 8);
        try (S3ObjectStore s3 = RealInfra.objectStore()) {
            s3.put(StorageKeys.jobResult(id), png, "image/png");
        }
        Instant t = Instant.now();
        JobViewTest.emit(JobEvent.created(JobViewTest.spec(id, t)));
        for (JobState s : List.of(JobState.MASKING, JobState.MASKED, JobState.EDITING)) {
            JobViewTest.emit(JobEvent.state(id, s, t, Map.of(), Optional.empty(), Optional.empty(), "w"));
        }
        JobViewTest.emit(JobEvent.state(id, JobState.SUCCEEDED, t, Map.of("result", StorageKeys.jobResult(id)),
                Optional.empty(), Optional.empty(), "w"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().get("/v1/edits/" + id).then().statusCode(200).body("state", org.hamcrest.Matchers.equalTo("succeeded")));

        String location = given().redirects().follow(false).get("/v1/edits/" + id + "/result").then().statusCode(307)
                .extract().header("Location");
        assertThat(location).contains("X-Amz-Signature").contains(StorageKeys.jobResult(id));
        HttpResponse<byte[]> fetched = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(location)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(fetched.statusCode()).isEqualTo(200);
        assertThat(fetched.body()).isEqualTo(png);
    }
}
