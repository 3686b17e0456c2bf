package io.likeness.trainer.pairs;

import java.time.Duration;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * Passes progress on at most once per interval (by a monotonic clock); {@link #flush} passes the latest value if it
 * was held back. Generation reports every pair; Kafka gets a handful of events.
 */
final class ProgressThrottle implements LongConsumer {

    private final LongConsumer target;
    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private long lastSentAt;
    private long lastSent = -1;
    private long latest = -1;

    ProgressThrottle(LongConsumer target, Duration interval, LongSupplier nanoTime) {
        this.target = target;
        this.intervalNanos = interval.toNanos();
        this.nanoTime = nanoTime;
        this.lastSentAt = nanoTime.getAsLong();
    }

    @Override
    public synchronized void accept(long done) {
        latest = done;
        long now = nanoTime.getAsLong();
        if (now - lastSentAt >= intervalNanos) {
            send(now);
        }
    }

    synchronized void flush() {
        if (latest > lastSent) {
            send(nanoTime.getAsLong());
        }
    }

    private void send(long now) {
        lastSentAt = now;
        lastSent = latest;
        target.accept(latest);
    }
}
