package io.likeness.gateway.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookSignerTest {

    private static final byte[] BODY = "{\"type\":\"edit.succeeded\",\"data\":{\"id\":\"j1\",\"name\":\"Zoë\"}}"
            .getBytes(StandardCharsets.UTF_8);

    private static HttpHeaders headers(String id, long ts, String signature) {
        return HttpHeaders.of(Map.of("webhook-id", List.of(id), "webhook-timestamp", List.of(Long.toString(ts)),
                "webhook-signature", List.of(signature)), (a, b) -> true);
    }

    @Test
    void signatureVerifiesWithTheOfficialLibrary() throws Exception {
        String secret = WebhookSigner.generateSecret();
        long now = Instant.now().getEpochSecond();
        String signature = new WebhookSigner(List.of(secret)).sign("msg_abc", now, BODY);

        assertThat(signature).startsWith("v1,");
        assertThatCode(() -> new Webhook(secret).verify(new String(BODY, StandardCharsets.UTF_8),
                headers("msg_abc", now, signature))).doesNotThrowAnyException();
        // and the library's own signature is byte-for-byte ours
        assertThat(new Webhook(secret).sign("msg_abc", now, new String(BODY, StandardCharsets.UTF_8)))
                .isEqualTo(signature);
    }

    @Test
    void tamperedBodyOrOtherSecretDoesNotVerify() {
        String secret = WebhookSigner.generateSecret();
        long now = Instant.now().getEpochSecond();
        String signature = new WebhookSigner(List.of(secret)).sign("msg_abc", now, BODY);

        assertThatThrownBy(() -> new Webhook(secret).verify(new String(BODY, StandardCharsets.UTF_8) + " ",
                headers("msg_abc", now, signature))).isInstanceOf(WebhookVerificationException.class);
        assertThatThrownBy(() -> new Webhook(WebhookSigner.generateSecret()).verify(
                new String(BODY, StandardCharsets.UTF_8), headers("msg_abc", now, signature)))
                .isInstanceOf(WebhookVerificationException.class);
    }

    @Test
    void duringRotationReceiversWithOnlyTheOldOrOnlyTheNewSecretBothVerify() throws Exception {
        String oldSecret = WebhookSigner.generateSecret();
        String newSecret = WebhookSigner.generateSecret();
        long now = Instant.now().getEpochSecond();
        String signature = new WebhookSigner(List.of(newSecret, oldSecret)).sign("msg_rot", now, BODY);

        assertThat(signature.split(" ")).hasSize(2).allSatisfy(s -> assertThat(s).startsWith("v1,"));
        String payload = new String(BODY, StandardCharsets.UTF_8);
        new Webhook(oldSecret).verify(payload, headers("msg_rot", now, signature));
        new Webhook(newSecret).verify(payload, headers("msg_rot", now, signature));
        assertThatThrownBy(() -> new Webhook(WebhookSigner.generateSecret()).verify(payload,
                headers("msg_rot", now, signature))).isInstanceOf(WebhookVerificationException.class);
    }

    @Test
    void ownVerifyAcceptsAnyActiveSecretAndRejectsOthers() {
        String a = WebhookSigner.generateSecret();
        String b = WebhookSigner.generateSecret();
        String signedByA = new WebhookSigner(List.of(a)).sign("msg_x", 1700000000L, BODY);

        assertThat(new WebhookSigner(List.of(b, a)).verify("msg_x", 1700000000L, BODY, signedByA)).isTrue();
        assertThat(new WebhookSigner(List.of(b)).verify("msg_x", 1700000000L, BODY, signedByA)).isFalse();
        assertThat(new WebhookSigner(List.of(a)).verify("msg_x", 1700000001L, BODY, signedByA)).isFalse();
    }

    @Test
    void generatedSecretsAreWhsecBase64Of32RandomBytes() {
        String s1 = WebhookSigner.generateSecret();
        String s2 = WebhookSigner.generateSecret();
        assertThat(s1).startsWith("whsec_").isNotEqualTo(s2);
        assertThat(WebhookSigner.decodeSecret(s1)).hasSize(32);
    }

    @Test
    void malformedOrWrongSizedSecretsAreRefused() {
        String tooShort = "whsec_" + Base64.getEncoder().encodeToString(new byte[23]);
        String tooLong = "whsec_" + Base64.getEncoder().encodeToString(new byte[65]);
        assertThatThrownBy(() -> new WebhookSigner(List.of(tooShort))).hasMessageContaining("24-64 bytes");
        assertThatThrownBy(() -> new WebhookSigner(List.of(tooLong))).hasMessageContaining("24-64 bytes");
        assertThatThrownBy(() -> new WebhookSigner(List.of("sk_live_abc"))).hasMessageContaining("whsec_");
        assertThatThrownBy(() -> new WebhookSigner(List.of("whsec_***"))).hasMessageContaining("base64");
        assertThatThrownBy(() -> new WebhookSigner(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatCode(() -> new WebhookSigner(List.of("whsec_" + Base64.getEncoder().encodeToString(new byte[24]))))
                .doesNotThrowAnyException();
    }

    @Test
    void messageIdsWithDotsCannotBeSigned() {
        WebhookSigner signer = new WebhookSigner(List.of(WebhookSigner.generateSecret()));
        assertThatThrownBy(() -> signer.sign("msg_a.b", 1, BODY)).isInstanceOf(IllegalArgumentException.class);
    }
}
