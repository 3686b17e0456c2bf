package io.likeness.gateway.webhook;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Makes one HTTP attempt of a message: checks the URL with the {@link EgressGuard}, signs (a fresh
 * {@code webhook-timestamp} per attempt, so retries hours later pass the receivers' ±5 min tolerance; the
 * {@code webhook-id} stays the same), POSTs, and reads at most {@link #MAX_EXCERPT_BYTES} of the response for the
 * delivery log. Redirects are not followed. HTTP/1.1 (no h2c upgrade dance with small receivers). Never throws
 * for a network problem: every outcome is a {@link DeliveryResult}. Thread-safe.
 */
public final class WebhookSender implements AutoCloseable {

    /** The {@code user-agent} of every webhook request. */
    public static final String USER_AGENT = "Likeness-Webhooks/1";
    /** How much of a response body is kept for the delivery log. */
    public static final int MAX_EXCERPT_BYTES = 2048;

    private final HttpClient client;
    private final WebhookSigner signer;
    private final EgressGuard guard;
    private final Duration timeout;
    private final Clock clock;

    /**
     * @param timeout     the whole attempt must complete within this (Svix: 15 s)
     * @param egressProxy host:port of an HTTP egress proxy every webhook goes through, if any
     */
    public WebhookSender(WebhookSigner signer, EgressGuard guard, Duration timeout, Optional<InetSocketAddress> egressProxy,
                         Clock clock) {
        this.signer = signer;
        this.guard = guard;
        this.timeout = timeout;
        this.clock = clock;
        HttpClient.Builder builder = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout);
        egressProxy.ifPresent(proxy -> builder.proxy(ProxySelector.of(proxy)));
        this.client = builder.build();
    }

    /** Sends one attempt of {@code message} to {@code url}. */
    public DeliveryResult send(URI url, WebhookMessage message) {
        long start = System.nanoTime();
        try {
            guard.check(url);
        } catch (EgressGuard.EgressDeniedException e) {
            return DeliveryResult.failed(DeliveryResult.Kind.EGRESS_DENIED, e.getMessage(), elapsed(start));
        }
        long now = clock.instant().getEpochSecond();
        byte[] body = message.body();
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("content-type", "application/json")
                .header("user-agent", USER_AGENT)
                .header("webhook-id", message.id())
                .header("webhook-timestamp", Long.toString(now))
                .header("webhook-signature", signer.sign(message.id(), now, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        CompletableFuture<HttpResponse<byte[]>> future =
                client.sendAsync(request, info -> new LimitedBody(MAX_EXCERPT_BYTES));
        try {
            // the request timeout covers the response headers; this bound also covers a body that trickles
            HttpResponse<byte[]> response = future.get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
            String excerpt = new String(response.body(), StandardCharsets.UTF_8);
            return DeliveryResult.response(response.statusCode(), response.headers().firstValue("retry-after"),
                    excerpt, elapsed(start));
        } catch (TimeoutException e) {
            future.cancel(true);
            return DeliveryResult.failed(DeliveryResult.Kind.TIMEOUT, "no response within " + timeout, elapsed(start));
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            return DeliveryResult.failed(DeliveryResult.Kind.CONNECTION, "interrupted", elapsed(start));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof HttpTimeoutException) {
                return DeliveryResult.failed(DeliveryResult.Kind.TIMEOUT, "no response within " + timeout,
                        elapsed(start));
            }
            String text = cause.getClass().getSimpleName()
                    + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
            return DeliveryResult.failed(DeliveryResult.Kind.CONNECTION, text, elapsed(start));
        }
    }

    private static long elapsed(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    @Override
    public void close() {
        client.close();
    }

    /** Keeps the first {@code limit} bytes of a body, then stops reading (cancels) and completes. */
    private static final class LimitedBody implements HttpResponse.BodySubscriber<byte[]> {
        private final int limit;
        private final ByteBuffer kept;
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private Flow.Subscription subscription;

        LimitedBody(int limit) {
            this.limit = limit;
            this.kept = ByteBuffer.allocate(limit);
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            for (ByteBuffer buffer : buffers) {
                int n = Math.min(buffer.remaining(), kept.remaining());
                if (n > 0) {
                    ByteBuffer slice = buffer.slice();
                    slice.limit(n);
                    kept.put(slice);
                }
            }
            if (!kept.hasRemaining() && !result.isDone()) {
                subscription.cancel();
                complete();
            }
        }

        @Override
        public void onError(Throwable t) {
            if (!result.isDone()) {
                result.completeExceptionally(t);
            }
        }

        @Override
        public void onComplete() {
            complete();
        }

        private void complete() {
            byte[] bytes = new byte[kept.position()];
            kept.duplicate().flip().get(bytes);
            result.complete(bytes);
        }

        @Override
        public String toString() {
            return "LimitedBody[" + limit + "]";
        }
    }
}
