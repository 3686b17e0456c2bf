package io.likeness.contracts.job;

import java.net.URI;
import java.util.EnumSet;
import java.util.Set;

/**
 * Where to send a job's webhooks and which events (Replicate-style filter). Progress is opt-in and throttled.
 */
public record WebhookSpec(URI url, Set<WebhookEventType> events) {

    public WebhookSpec {
        if (url == null || !("https".equals(url.getScheme()) || "http".equals(url.getScheme()))) {
            throw new IllegalArgumentException("webhook url must be an http(s) URL, was " + url);
        }
        events = events == null || events.isEmpty() ? WebhookEventType.DEFAULT : Set.copyOf(events);
    }

    public boolean wants(WebhookEventType type) {
        return events.contains(type);
    }

    /** The event types a job can send. */
    public enum WebhookEventType {
        STARTED("edit.started"),
        PROGRESS("edit.progress"),
        SUCCEEDED("edit.succeeded"),
        FAILED("edit.failed"),
        CANCELED("edit.canceled");

        /** Everything but progress. */
        public static final Set<WebhookEventType> DEFAULT = Set.copyOf(EnumSet.of(STARTED, SUCCEEDED, FAILED, CANCELED));

        private final String wireName;

        WebhookEventType(String wireName) {
            this.wireName = wireName;
        }

        /** The {@code type} field of the webhook payload. */
        public String wireName() {
            return wireName;
        }
    }
}
