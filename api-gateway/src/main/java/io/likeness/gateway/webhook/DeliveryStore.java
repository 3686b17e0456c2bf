package io.likeness.gateway.webhook;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Durable record of the deliveries that still have attempts to make, so retries survive restarts. The
 * dispatcher saves a delivery before its first attempt and after every failed one (with the next attempt's
 * time), and marks it done once delivered, stopped or given up. Implementations must be thread-safe; a save or
 * markDone returns only once it is durable.
 */
public interface DeliveryStore {

    /** Inserts or replaces the delivery with this message id. */
    void save(PendingDelivery delivery);

    /** Forgets the delivery: it needs no more attempts. Unknown ids are ignored. */
    void markDone(String messageId);

    /** The pending delivery with this message id, if this store instance knows it. */
    Optional<PendingDelivery> find(String messageId);

    /**
     * Deliveries due at {@code now} (next attempt at or before it) that this instance is responsible for,
     * earliest first, at most {@code limit}.
     */
    List<PendingDelivery> due(Instant now, int limit);
}
