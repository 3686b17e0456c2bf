package io.likeness.gateway.webhook;

import java.util.Optional;

/**
 * What one HTTP attempt produced.
 *
 * @param status         the HTTP status, or 0 when there was no response
 * @param retryAfter     the response's {@code Retry-After} header, raw
 * @param responseExcerpt the first few KB of the response body (for the delivery log), possibly empty
 * @param failure        why there was no response: the request was refused by the egress guard, timed out,
 *                       or the connection failed
 * @param durationMillis how long the attempt took
 */
public record DeliveryResult(int status, Optional<String> retryAfter, String responseExcerpt,
                             Optional<Failure> failure, long durationMillis) {

    /** Why an attempt got no HTTP response. */
    public enum Kind {
        /** The URL or the address it resolves to is not allowed ({@link EgressGuard}). */
        EGRESS_DENIED,
        /** No response within the request timeout. */
        TIMEOUT,
        /** DNS, TCP, TLS or protocol failure. */
        CONNECTION
    }

    /** A failure without a response. */
    public record Failure(Kind kind, String message) {
    }

    public DeliveryResult {
        retryAfter = retryAfter == null ? Optional.empty() : retryAfter;
        responseExcerpt = responseExcerpt == null ? "" : responseExcerpt;
        failure = failure == null ? Optional.empty() : failure;
    }

    /** A response was received. */
    public static DeliveryResult response(int status, Optional<String> retryAfter, String excerpt, long millis) {
        return new DeliveryResult(status, retryAfter, excerpt, Optional.empty(), millis);
    }

    /** No response was received. */
    public static DeliveryResult failed(Kind kind, String message, long millis) {
        return new DeliveryResult(0, Optional.empty(), "", Optional.of(new Failure(kind, message)), millis);
    }

    /** A one-line description for the delivery log. */
    public String detail() {
        return failure.map(f -> f.kind().name().toLowerCase().replace('_', '-') + ": " + f.message())
                .orElse(responseExcerpt);
    }
}
