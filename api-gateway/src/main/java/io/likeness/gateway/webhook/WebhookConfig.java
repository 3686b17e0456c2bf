package io.likeness.gateway.webhook;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * Webhook delivery configuration ({@code likeness.webhooks.*}). Defaults follow Svix and Standard Webhooks; the
 * defaults are also listed in the gateway's {@code application.properties}.
 */
@ConfigMapping(prefix = "likeness.webhooks")
public interface WebhookConfig {

    /**
     * Active signing secrets, {@code whsec_<base64>} (24-64 bytes), comma-separated. Every message is signed with
     * each of them (space-separated {@code v1,} signatures), so a secret is rotated without downtime: add the new
     * one, let receivers switch, remove the old one. Unset = webhooks cannot be sent (the dispatcher refuses to
     * start). Generate one with {@link WebhookSigner#generateSecret()}. Keep it out of files: set
     * {@code LIKENESS_WEBHOOKS_SECRETS}.
     */
    Optional<List<String>> secrets();

    /**
     * The wait before each attempt; the first entry is before the first attempt (0 = immediately) and the number
     * of entries is the number of attempts. Default (Svix): 0, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h.
     */
    @WithDefault("0s,5s,5m,30m,2h,5h,10h,10h")
    List<Duration> schedule();

    /** How retry waits are randomised: NONE, FULL ({@code [0, wait]}) or PROPORTIONAL ({@code wait·(1±f)}). */
    @WithDefault("proportional")
    RetrySchedule.Jitter jitter();

    /** The {@code f} of PROPORTIONAL jitter, 0..1. */
    @WithDefault("0.2")
    double jitterFraction();

    /** The longest a receiver's {@code Retry-After} can push the next attempt out. */
    @WithDefault("10h")
    Duration maxRetryAfter();

    /** Each attempt must get its response within this (Svix: 15 s); redirects are not followed. */
    @WithDefault("15s")
    Duration timeout();

    /** At most one {@code edit.progress} webhook per job per this interval (progress is opt-in, never retried). */
    @WithDefault("500ms")
    Duration progressThrottle();

    /**
     * Allow webhook URLs that resolve to loopback, RFC 1918, unique-local and CGNAT addresses. For local
     * development and tests only; link-local/cloud-metadata, multicast and unspecified addresses stay refused.
     */
    @WithDefault("false")
    boolean allowPrivateNetworks();

    /**
     * An HTTP egress proxy ({@code host:port}) for every webhook request, e.g. smokescreen, which checks the
     * address at connect time and so closes the DNS-rebinding gap of the in-process {@link EgressGuard}.
     */
    Optional<String> egressProxy();

    /** Attempts in flight at once, across all receivers. */
    @WithDefault("16")
    int maxConcurrentDeliveries();

    /** How often due retries are looked up in the delivery store. */
    @WithDefault("1s")
    Duration pollInterval();

    /**
     * Consumer group of the Kafka delivery store: the partitions of {@code likeness.webhook.deliveries} are
     * shared among the gateway instances in this group, and each retries the deliveries of its partitions.
     */
    @WithDefault("likeness-gateway-webhooks")
    String deliveryStoreGroup();

    /** The retry schedule these settings describe. */
    default RetrySchedule retrySchedule() {
        return new RetrySchedule(schedule(), jitter(), jitterFraction(), maxRetryAfter(), new Random());
    }

    /** The signer for the configured secrets. */
    default WebhookSigner signer() {
        List<String> secrets = secrets().filter(s -> !s.isEmpty()).orElseThrow(() -> new IllegalStateException(
                "likeness.webhooks.secrets is not set: webhooks cannot be signed (generate one with "
                        + "WebhookSigner.generateSecret())"));
        return new WebhookSigner(secrets);
    }

    /** The egress proxy address, if one is configured. */
    default Optional<InetSocketAddress> egressProxyAddress() {
        return egressProxy().map(hostPort -> {
            int colon = hostPort.lastIndexOf(':');
            if (colon <= 0 || colon == hostPort.length() - 1) {
                throw new IllegalArgumentException("likeness.webhooks.egress-proxy must be host:port, was " + hostPort);
            }
            return InetSocketAddress.createUnresolved(hostPort.substring(0, colon),
                    Integer.parseInt(hostPort.substring(colon + 1)));
        });
    }

    /** The dispatcher settings; an attempt's lease is the timeout plus 30 s. */
    default WebhookDispatcher.Settings dispatcherSettings() {
        return new WebhookDispatcher.Settings(maxConcurrentDeliveries(), pollInterval(), progressThrottle(),
                timeout().plusSeconds(30));
    }

    /**
     * A dispatcher wired from this configuration (not started). The caller provides the store and the recorder,
     * and closes the dispatcher (which also closes its HTTP client).
     */
    default WebhookDispatcher newDispatcher(DeliveryStore store, AttemptRecorder recorder, Clock clock) {
        WebhookSender sender = new WebhookSender(signer(), new EgressGuard(allowPrivateNetworks()), timeout(),
                egressProxyAddress(), clock);
        return new WebhookDispatcher(sender, new DeliveryClassifier(), retrySchedule(), store, recorder,
                dispatcherSettings(), clock);
    }
}
