package io.likeness.gateway.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.likeness.contracts.events.Json;
import io.likeness.contracts.job.JobState;
import io.likeness.contracts.job.WebhookSpec.WebhookEventType;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class WebhookMessageTest {

    private static final Instant AT = Instant.parse("2026-11-21T12:00:05Z");
    private static final byte[] JOB = "{\"id\":\"job-1\",\"status\":\"succeeded\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void idIsStablePerJobEventAndStepAndDistinctOtherwise() {
        String id = WebhookMessage.idFor("job-1", WebhookEventType.SUCCEEDED, OptionalInt.empty());
        assertThat(id).startsWith("msg_").doesNotContain(".").hasSize(4 + 32)
                .isEqualTo(WebhookMessage.idFor("job-1", WebhookEventType.SUCCEEDED, OptionalInt.empty()));
        assertThat(WebhookMessage.idFor("job-2", WebhookEventType.SUCCEEDED, OptionalInt.empty())).isNotEqualTo(id);
        assertThat(WebhookMessage.idFor("job-1", WebhookEventType.FAILED, OptionalInt.empty())).isNotEqualTo(id);
        assertThat(WebhookMessage.idFor("job-1", WebhookEventType.PROGRESS, OptionalInt.of(3)))
                .isNotEqualTo(WebhookMessage.idFor("job-1", WebhookEventType.PROGRESS, OptionalInt.of(4)));
    }

    @Test
    void bodyIsTheStandardEnvelopeAroundTheJobJsonVerbatim() throws Exception {
        WebhookMessage m = WebhookMessage.of("job-1", WebhookEventType.SUCCEEDED, OptionalInt.empty(), AT, JOB);
        JsonNode body = Json.mapper().readTree(m.body());
        assertThat(body.get("type").asText()).isEqualTo("edit.succeeded");
        assertThat(body.get("timestamp").asText()).isEqualTo("2026-11-21T12:00:05Z");
        assertThat(body.get("data").get("id").asText()).isEqualTo("job-1");
        assertThat(new String(m.body(), StandardCharsets.UTF_8)).endsWith(",\"data\":" + new String(JOB, StandardCharsets.UTF_8) + "}");
    }

    @Test
    void pendingDeliveryRoundTripsThroughTheStoreJson() {
        WebhookMessage m = WebhookMessage.of("job-1", WebhookEventType.FAILED, OptionalInt.empty(), AT, JOB);
        PendingDelivery d = new PendingDelivery(m, URI.create("https://hooks.example/x"), JobState.FAILED, 3,
                AT.plusSeconds(300));
        PendingDelivery back = Json.read(Json.write(d), PendingDelivery.class);
        assertThat(back).isEqualTo(d);
        assertThat(back.message().body()).isEqualTo(m.body());
    }
}
