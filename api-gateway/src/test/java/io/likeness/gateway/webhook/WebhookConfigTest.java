package io.likeness.gateway.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code likeness.webhooks.*} mapping, read the way Quarkus reads it (with Quarkus's duration syntax). */
class WebhookConfigTest {

    private static WebhookConfig load(Map<String, String> extra) throws IOException {
        URL props = WebhookConfigTest.class.getClassLoader().getResource("application.properties");
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(props, 100))
                .withSources(new PropertiesConfigSource(extra, "test", 200))
                .withConverter(Duration.class, 200, new DurationConverter())
                .withMapping(WebhookConfig.class)
                .build();
        return config.getConfigMapping(WebhookConfig.class);
    }

    @Test
    void applicationPropertiesGiveTheSvixScheduleAndDocumentedDefaults() throws IOException {
        WebhookConfig c = load(Map.of());
        assertThat(c.schedule()).isEqualTo(RetrySchedule.DEFAULT_DELAYS);
        assertThat(c.retrySchedule().totalSpan()).isGreaterThanOrEqualTo(Duration.ofHours(24));
        assertThat(c.jitter()).isEqualTo(RetrySchedule.Jitter.PROPORTIONAL);
        assertThat(c.jitterFraction()).isEqualTo(0.2);
        assertThat(c.maxRetryAfter()).isEqualTo(Duration.ofHours(10));
        assertThat(c.timeout()).isEqualTo(Duration.ofSeconds(15));
        assertThat(c.progressThrottle()).isEqualTo(Duration.ofMillis(500));
        assertThat(c.allowPrivateNetworks()).isFalse();
        assertThat(c.maxConcurrentDeliveries()).isEqualTo(16);
        assertThat(c.pollInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(c.egressProxy()).isEmpty();
        assertThat(c.secrets()).isEmpty();
    }

    @Test
    void withoutSecretsNoDispatcherCanBeBuilt() throws IOException {
        WebhookConfig c = load(Map.of());
        assertThatThrownBy(c::signer).hasMessageContaining("likeness.webhooks.secrets");
    }

    @Test
    void secretsListAndEgressProxyAreParsed() throws IOException {
        String a = WebhookSigner.generateSecret();
        String b = WebhookSigner.generateSecret();
        WebhookConfig c = load(Map.of("likeness.webhooks.secrets", a + "," + b,
                "likeness.webhooks.egress-proxy", "smokescreen.internal:4750",
                "likeness.webhooks.schedule", "0,100ms,1s"));
        assertThat(c.secrets()).contains(List.of(a, b));
        assertThat(c.signer().activeSecrets()).isEqualTo(2);
        assertThat(c.egressProxyAddress()).hasValueSatisfying(p -> {
            assertThat(p.getHostString()).isEqualTo("smokescreen.internal");
            assertThat(p.getPort()).isEqualTo(4750);
        });
        assertThat(c.retrySchedule().delays()).containsExactly(Duration.ZERO, Duration.ofMillis(100), Duration.ofSeconds(1));
    }
}
