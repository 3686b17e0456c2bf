package io.likeness.trainer.pairs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressThrottleTest {

    @Test
    void passesAtMostOneValuePerIntervalAndFlushesTheLast() {
        AtomicLong clock = new AtomicLong();
        List<Long> sent = new ArrayList<>();
        ProgressThrottle t = new ProgressThrottle(sent::add, Duration.ofNanos(100), clock::get);
        for (long i = 1; i <= 10; i++) {
            clock.addAndGet(30);
            t.accept(i);
        }
        t.flush();
        t.flush();
        assertThat(sent).containsExactly(4L, 8L, 10L);
    }
}
