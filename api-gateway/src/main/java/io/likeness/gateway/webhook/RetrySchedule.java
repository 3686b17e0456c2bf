package io.likeness.gateway.webhook;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.random.RandomGenerator;

/**
 * When to try a message again. {@code delays.get(i)} is the wait before attempt {@code i + 1}, so the first
 * entry (normally 0) is the first attempt and {@code delays.size()} is the number of attempts; after the last
 * one the dispatcher gives up. The default is Svix's: immediately, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h
 * (8 attempts over ≈27.6 h, so a receiver that is down for a day still gets the event).
 *
 * <p>Jitter spreads retries of many messages that failed together (an outage of one receiver) so they do not
 * arrive as a thundering herd when it comes back. A receiver's {@code Retry-After} is honoured: the next attempt
 * is no earlier than it says, but a Retry-After beyond {@code maxRetryAfter} is capped there, so one response
 * cannot park a message for days.
 *
 * @param delays        the wait before each attempt (first entry: before the first attempt)
 * @param jitter        how the waits are randomised
 * @param jitterFraction for {@link Jitter#PROPORTIONAL}: each wait is scaled by a factor drawn from
 *                      {@code [1 - f, 1 + f]}; 0..1
 * @param maxRetryAfter the longest wait a {@code Retry-After} can impose
 * @param random        the randomness (seed it in tests); used under a lock, so one schedule can be shared
 */
public record RetrySchedule(List<Duration> delays, Jitter jitter, double jitterFraction, Duration maxRetryAfter,
                            RandomGenerator random) {

    /** Svix's schedule. */
    public static final List<Duration> DEFAULT_DELAYS = List.of(Duration.ZERO, Duration.ofSeconds(5),
            Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(5),
            Duration.ofHours(10), Duration.ofHours(10));

    /** How waits are randomised. */
    public enum Jitter {
        /** Exactly the configured waits. */
        NONE,
        /** Uniform in {@code [0, wait]} ("full jitter"): best spread, but a retry may come much earlier. */
        FULL,
        /** Uniform in {@code [wait * (1 - f), wait * (1 + f)]}: keeps the schedule's shape. */
        PROPORTIONAL
    }

    public RetrySchedule {
        if (delays == null || delays.isEmpty()) {
            throw new IllegalArgumentException("a retry schedule needs at least one delay (0 = immediately)");
        }
        delays = List.copyOf(delays);
        for (Duration d : delays) {
            if (d.isNegative()) {
                throw new IllegalArgumentException("retry delays must not be negative: " + d);
            }
        }
        if (jitter == null) {
            jitter = Jitter.NONE;
        }
        if (!(jitterFraction >= 0 && jitterFraction <= 1)) {
            throw new IllegalArgumentException("jitter fraction must be in [0, 1], was " + jitterFraction);
        }
        if (maxRetryAfter == null || maxRetryAfter.isNegative()) {
            throw new IllegalArgumentException("max Retry-After must be >= 0");
        }
        if (random == null) {
            random = new Random();
        }
    }

    /** The default schedule with ±20 % proportional jitter and Retry-After capped at 10 h. */
    public static RetrySchedule defaults() {
        return new RetrySchedule(DEFAULT_DELAYS, Jitter.PROPORTIONAL, 0.2, Duration.ofHours(10), new Random());
    }

    /** How many attempts a message gets in total. */
    public int maxAttempts() {
        return delays.size();
    }

    /** The sum of the configured waits (without jitter): how long a message is tried for. */
    public Duration totalSpan() {
        return delays.stream().reduce(Duration.ZERO, Duration::plus);
    }

    /**
     * The wait before the next attempt, or empty to give up.
     *
     * @param attemptsMade how many attempts were made so far (≥ 1 after a failure)
     * @param retryAfter   the receiver's {@code Retry-After}, already parsed ({@link #parseRetryAfter})
     */
    public Optional<Duration> nextDelay(int attemptsMade, Optional<Duration> retryAfter) {
        if (attemptsMade < 0) {
            throw new IllegalArgumentException("attempts made must be >= 0, was " + attemptsMade);
        }
        if (attemptsMade >= delays.size()) {
            return Optional.empty();
        }
        Duration wait = jittered(delays.get(attemptsMade));
        if (retryAfter.isPresent()) {
            Duration floor = retryAfter.get().isNegative() ? Duration.ZERO : retryAfter.get();
            if (floor.compareTo(maxRetryAfter) > 0) {
                floor = maxRetryAfter;
            }
            if (wait.compareTo(floor) < 0) {
                wait = floor;
            }
        }
        return Optional.of(wait);
    }

    private Duration jittered(Duration base) {
        if (jitter == Jitter.NONE || base.isZero()) {
            return base;
        }
        long nanos = base.toNanos();
        double u;
        synchronized (random) {
            u = random.nextDouble();
        }
        return switch (jitter) {
            case NONE -> base;
            case FULL -> Duration.ofNanos((long) (nanos * u));
            case PROPORTIONAL -> Duration.ofNanos((long) (nanos * (1 - jitterFraction + 2 * jitterFraction * u)));
        };
    }

    /**
     * Parses an HTTP {@code Retry-After} value: delay-seconds ({@code 120}) or an HTTP date
     * ({@code Wed, 21 Oct 2026 07:28:00 GMT}, relative to {@code now}). Empty if absent or unparseable; a date in
     * the past is a zero wait.
     */
    public static Optional<Duration> parseRetryAfter(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String v = value.trim();
        if (v.chars().allMatch(Character::isDigit)) {
            try {
                return Optional.of(Duration.ofSeconds(Long.parseLong(v)));
            } catch (NumberFormatException e) {
                return Optional.empty(); // absurdly large: ignore rather than overflow
            }
        }
        try {
            Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration d = Duration.between(now, at);
            return Optional.of(d.isNegative() ? Duration.ZERO : d);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
