package io.likeness.gateway.webhook;

/**
 * Decides what an attempt's result means, following Standard Webhooks and Svix:
 * <ul>
 *   <li>2xx: delivered.</li>
 *   <li>3xx: a failure, retried. Redirects are never followed (the client uses {@code Redirect.NEVER}): following
 *       one would let a receiver bounce us to an address the egress guard refused, and Standard Webhooks says
 *       receivers must answer the configured URL directly.</li>
 *   <li>410 Gone: stop. The receiver says the endpoint is gone; no more attempts for this message.</li>
 *   <li>408, 429, 5xx, timeouts and connection errors: retried (429/503 honouring {@code Retry-After}).</li>
 *   <li>Any other 4xx (400, 401, 403, 404, 413, ...): retried. Standard Webhooks treats every non-2xx as a
 *       failed attempt and only 410 as "disable"; a 4xx is often a misconfigured or redeploying receiver (a
 *       wrong secret after rotation, a route not yet deployed) that is fixed within the schedule's day, and the
 *       schedule is bounded, so retrying costs at most {@link RetrySchedule#maxAttempts()} requests.</li>
 *   <li>Refused by the egress guard: stop. The URL or what it resolves to is not allowed; retrying would not
 *       change our policy (DNS changes within a day are the rebinding case we must not reward).</li>
 * </ul>
 * Stateless and thread-safe.
 */
public final class DeliveryClassifier {

    /** What to do after an attempt. */
    public enum Verdict {
        /** The receiver accepted the message. */
        DELIVERED,
        /** Try again later, per the schedule (gives up after the last attempt). */
        RETRY,
        /** Do not try this message again. */
        STOP
    }

    /** The verdict for one attempt's result. */
    public Verdict classify(DeliveryResult result) {
        if (result.failure().isPresent()) {
            return result.failure().get().kind() == DeliveryResult.Kind.EGRESS_DENIED ? Verdict.STOP : Verdict.RETRY;
        }
        int status = result.status();
        if (status >= 200 && status < 300) {
            return Verdict.DELIVERED;
        }
        if (status == 410) {
            return Verdict.STOP;
        }
        return Verdict.RETRY;
    }
}
