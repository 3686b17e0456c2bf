package io.likeness.gateway.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.likeness.gateway.webhook.DeliveryClassifier.Verdict;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class WebhookDeliveryClassifierTest {

    private final DeliveryClassifier classifier = new DeliveryClassifier();

    @ParameterizedTest(name = "HTTP {0} -> {1}")
    @CsvSource({
            "200, DELIVERED", "201, DELIVERED", "202, DELIVERED", "204, DELIVERED", "299, DELIVERED",
            "301, RETRY", "302, RETRY", "307, RETRY", "308, RETRY",
            "410, STOP",
            "408, RETRY", "429, RETRY", "500, RETRY", "502, RETRY", "503, RETRY", "504, RETRY",
            "400, RETRY", "401, RETRY", "403, RETRY", "404, RETRY", "413, RETRY"})
    void statusCodesAreClassifiedPerStandardWebhooks(int status, Verdict expected) {
        assertThat(classifier.classify(DeliveryResult.response(status, Optional.empty(), "", 1))).isEqualTo(expected);
    }

    @ParameterizedTest
    @EnumSource(DeliveryResult.Kind.class)
    void failuresWithoutResponseAreRetriedExceptEgressRefusals(DeliveryResult.Kind kind) {
        Verdict v = classifier.classify(DeliveryResult.failed(kind, "x", 1));
        assertThat(v).isEqualTo(kind == DeliveryResult.Kind.EGRESS_DENIED ? Verdict.STOP : Verdict.RETRY);
    }
}
