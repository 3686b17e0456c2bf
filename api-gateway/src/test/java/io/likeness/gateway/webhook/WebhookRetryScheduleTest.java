package io.likeness.gateway.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.likeness.gateway.webhook.RetrySchedule.Jitter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WebhookRetryScheduleTest {

    private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");

    private static RetrySchedule exact(List<Duration> delays) {
        return new RetrySchedule(delays, Jitter.NONE, 0, Duration.ofHours(10), new Random(1));
    }

    @Test
    void defaultScheduleIsSvixsEightAttemptsOverMoreThanADay() {
        RetrySchedule s = RetrySchedule.defaults();
        assertThat(s.maxAttempts()).isEqualTo(8);
        assertThat(s.delays()).containsExactly(Duration.ZERO, Duration.ofSeconds(5), Duration.ofMinutes(5),
                Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10),
                Duration.ofHours(10));
        assertThat(s.totalSpan()).isGreaterThanOrEqualTo(Duration.ofHours(24))
                .isEqualTo(Duration.ofHours(27).plusMinutes(35).plusSeconds(5));
    }

    @Test
    void waitsFollowTheScheduleAndGiveUpAfterTheLastAttempt() {
        RetrySchedule s = exact(RetrySchedule.DEFAULT_DELAYS);
        assertThat(s.nextDelay(1, Optional.empty())).contains(Duration.ofSeconds(5));
        assertThat(s.nextDelay(2, Optional.empty())).contains(Duration.ofMinutes(5));
        assertThat(s.nextDelay(7, Optional.empty())).contains(Duration.ofHours(10));
        assertThat(s.nextDelay(8, Optional.empty())).isEmpty();
    }

    @Test
    void proportionalJitterStaysWithinTheFractionAndIsReproducibleWithASeed() {
        RetrySchedule a = new RetrySchedule(RetrySchedule.DEFAULT_DELAYS, Jitter.PROPORTIONAL, 0.2,
                Duration.ofHours(10), new Random(42));
        RetrySchedule b = new RetrySchedule(RetrySchedule.DEFAULT_DELAYS, Jitter.PROPORTIONAL, 0.2,
                Duration.ofHours(10), new Random(42));
        boolean varied = false;
        for (int i = 0; i < 50; i++) {
            Duration d = a.nextDelay(3, Optional.empty()).orElseThrow();
            assertThat(d).isBetween(Duration.ofMinutes(24), Duration.ofMinutes(36));
            assertThat(b.nextDelay(3, Optional.empty())).contains(d);
            varied |= !d.equals(Duration.ofMinutes(30));
        }
        assertThat(varied).isTrue();
    }

    @Test
    void fullJitterStaysBetweenZeroAndTheWait() {
        RetrySchedule s = new RetrySchedule(RetrySchedule.DEFAULT_DELAYS, Jitter.FULL, 0, Duration.ofHours(10),
                new Random(7));
        for (int i = 0; i < 50; i++) {
            assertThat(s.nextDelay(4, Optional.empty()).orElseThrow()).isBetween(Duration.ZERO, Duration.ofHours(2));
        }
    }

    @Test
    void retryAfterPostponesTheNextAttemptButIsCapped() {
        RetrySchedule s = new RetrySchedule(RetrySchedule.DEFAULT_DELAYS, Jitter.NONE, 0, Duration.ofHours(1),
                new Random(1));
        assertThat(s.nextDelay(1, Optional.of(Duration.ofSeconds(120)))).contains(Duration.ofSeconds(120));
        // a shorter Retry-After never makes an attempt earlier than the schedule
        assertThat(s.nextDelay(2, Optional.of(Duration.ofSeconds(1)))).contains(Duration.ofMinutes(5));
        assertThat(s.nextDelay(1, Optional.of(Duration.ofDays(3)))).contains(Duration.ofHours(1));
        // but it does not extend the number of attempts
        assertThat(s.nextDelay(8, Optional.of(Duration.ofSeconds(1)))).isEmpty();
    }

    @Test
    void retryAfterIsParsedAsSecondsOrHttpDate() {
        assertThat(RetrySchedule.parseRetryAfter("120", NOW)).contains(Duration.ofSeconds(120));
        assertThat(RetrySchedule.parseRetryAfter(" 0 ", NOW)).contains(Duration.ZERO);
        assertThat(RetrySchedule.parseRetryAfter("Sat, 21 Nov 2026 12:10:00 GMT", NOW)).contains(Duration.ofMinutes(10));
        assertThat(RetrySchedule.parseRetryAfter("Sat, 21 Nov 2026 11:00:00 GMT", NOW)).contains(Duration.ZERO);
        assertThat(RetrySchedule.parseRetryAfter("soon", NOW)).isEmpty();
        assertThat(RetrySchedule.parseRetryAfter("-5", NOW)).isEmpty();
        assertThat(RetrySchedule.parseRetryAfter("99999999999999999999999", NOW)).isEmpty();
        assertThat(RetrySchedule.parseRetryAfter(null, NOW)).isEmpty();
    }
}
