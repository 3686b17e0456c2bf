package io.likeness.testkit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import org.junit.jupiter.api.Test;

/**
 * What every Likeness service must do once booted against the real Kafka broker and S3 server: be live,
 * be ready only because both answer (the readiness document names both checks), and serve Prometheus
 * metrics. Each service module has a {@code @QuarkusTest} subclass annotated with
 * {@code @WithTestResource(value = RealInfraResource.class, scope = TestResourceScope.GLOBAL)}.
 */
public abstract class ServiceBootContract {

    @Test
    void isLive() {
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void isReadyBecauseKafkaAndTheObjectStoreAnswer() {
        given().when().get("/q/health/ready").then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("object-store"))
                .body("checks.find { it.name == 'object-store' }.status", equalTo("UP"))
                .body("checks.find { it.name.toLowerCase().contains('kafka') }.status", equalTo("UP"));
    }

    @Test
    void servesPrometheusMetrics() {
        given().accept("text/plain").when().get("/q/metrics").then()
                .statusCode(200)
                .contentType(containsString("text/plain"))
                .body(containsString("# TYPE jvm_memory_used_bytes gauge"))
                .body(containsString("process_uptime_seconds"));
    }
}
