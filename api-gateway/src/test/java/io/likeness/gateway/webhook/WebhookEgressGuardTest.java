package io.likeness.gateway.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Only literal addresses and a fixed resolver table: no DNS lookups, no connections. */
class WebhookEgressGuardTest {

    private final EgressGuard strict = new EgressGuard(false);
    private final EgressGuard dev = new EgressGuard(true);

    @ParameterizedTest
    @ValueSource(strings = {
            "http://127.0.0.1/hook", "https://127.8.9.10/", "http://10.0.0.5/hook", "http://172.16.0.1/",
            "http://172.31.255.255/", "http://192.168.1.1/", "http://169.254.169.254/latest/meta-data/",
            "http://100.64.0.1/", "http://0.0.0.0/", "http://224.0.0.1/", "http://255.255.255.255/",
            "http://[::1]/hook", "http://[fd00::1]/hook", "http://[fc00::1]/", "http://[fe80::1]/", "http://[::]/",
            "http://[ff02::1]/", "http://[::ffff:127.0.0.1]/hook", "http://[::ffff:169.254.169.254]/",
            "http://[::ffff:a00:5]/", "http://[64:ff9b::a9fe:a9fe]/", "http://[2002:7f00:1::]/",
            "http://[::127.0.0.1]/"})
    void refusesInternalAddressesIncludingIpv6AndMappedForms(String url) {
        assertThatThrownBy(() -> strict.check(URI.create(url))).isInstanceOf(EgressGuard.EgressDeniedException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://93.184.215.14/hook", "http://8.8.8.8:8080/x", "https://[2606:4700::1111]/hook",
            "https://172.32.0.1/", "https://100.128.0.1/"})
    void acceptsPublicLiteralAddresses(String url) throws Exception {
        assertThat(strict.check(URI.create(url))).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://93.184.215.14/x", "file:///etc/passwd", "gopher://93.184.215.14/",
            "https://user:pass@93.184.215.14/hook", "https://token@93.184.215.14/hook", "/relative/only"})
    void refusesOtherSchemesAndCredentialsInUrls(String url) {
        assertThatThrownBy(() -> strict.check(URI.create(url))).isInstanceOf(EgressGuard.EgressDeniedException.class);
    }

    @Test
    void everyResolvedAddressMustBeAllowed() throws Exception {
        EgressGuard guard = new EgressGuard(false, table(Map.of(
                "mixed.example", new String[] {"93.184.215.14", "10.1.2.3"},
                "public.example", new String[] {"93.184.215.14", "2606:4700::1111"})));
        assertThatThrownBy(() -> guard.check(URI.create("https://mixed.example/hook")))
                .hasMessageContaining("10.1.2.3").hasMessageContaining("private");
        assertThat(guard.check(URI.create("https://public.example/hook"))).hasSize(2);
        assertThatThrownBy(() -> guard.check(URI.create("https://missing.example/hook")))
                .hasMessageContaining("does not resolve");
    }

    @Test
    void allowPrivateNetworksAdmitsLoopbackAndPrivateButNeverMetadataOrMulticast() {
        assertThatCode(() -> dev.check(URI.create("http://127.0.0.1:8080/hook"))).doesNotThrowAnyException();
        assertThatCode(() -> dev.check(URI.create("http://10.0.0.5/hook"))).doesNotThrowAnyException();
        assertThatCode(() -> dev.check(URI.create("http://[fd00::1]/hook"))).doesNotThrowAnyException();
        assertThatCode(() -> dev.check(URI.create("http://[::1]/hook"))).doesNotThrowAnyException();
        assertThatThrownBy(() -> dev.check(URI.create("http://169.254.169.254/"))).hasMessageContaining("link-local");
        assertThatThrownBy(() -> dev.check(URI.create("http://[fe80::1]/"))).hasMessageContaining("link-local");
        assertThatThrownBy(() -> dev.check(URI.create("http://224.0.0.1/"))).hasMessageContaining("multicast");
        assertThatThrownBy(() -> dev.check(URI.create("http://0.0.0.0/"))).hasMessageContaining("unspecified");
    }

    private static EgressGuard.Resolver table(Map<String, String[]> entries) {
        return host -> {
            String[] literals = entries.get(host);
            if (literals == null) {
                throw new UnknownHostException(host);
            }
            InetAddress[] out = new InetAddress[literals.length];
            for (int i = 0; i < literals.length; i++) {
                out[i] = InetAddress.getByName(literals[i]); // literals only: no lookup
            }
            return out;
        };
    }
}
