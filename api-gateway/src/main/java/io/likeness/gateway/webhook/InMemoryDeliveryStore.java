package io.likeness.gateway.webhook;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A {@link DeliveryStore} in memory: for tests and single-process development. Not durable across JVMs (but
 * shared by dispatchers in one JVM, which is how tests simulate a restart).
 */
public final class InMemoryDeliveryStore implements DeliveryStore {

    private final ConcurrentMap<String, PendingDelivery> pending = new ConcurrentHashMap<>();

    @Override
    public void save(PendingDelivery delivery) {
        pending.put(delivery.messageId(), delivery);
    }

    @Override
    public void markDone(String messageId) {
        pending.remove(messageId);
    }

    @Override
    public Optional<PendingDelivery> find(String messageId) {
        return Optional.ofNullable(pending.get(messageId));
    }

    @Override
    public List<PendingDelivery> due(Instant now, int limit) {
        return pending.values().stream()
                .filter(d -> !d.nextAttemptAt().isAfter(now))
                .sorted(Comparator.comparing(PendingDelivery::nextAttemptAt))
                .limit(Math.max(0, limit))
                .toList();
    }

    /** How many deliveries are pending. */
    public int size() {
        return pending.size();
    }
}
