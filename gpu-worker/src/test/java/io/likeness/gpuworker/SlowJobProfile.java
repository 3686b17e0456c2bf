package io.likeness.gpuworker;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * Kafka's poll interval far below the time of a slow edit (the test engine's SLOW jobs take several seconds),
 * while the unprocessed-record age stays above it: a slow edit must still complete exactly once.
 */
public class SlowJobProfile implements QuarkusTestProfile {

    static final String CH = "mp.messaging.incoming.edit-masked.";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                CH + "max.poll.interval.ms", "3000",
                CH + "session.timeout.ms", "6000",
                CH + "heartbeat.interval.ms", "1000",
                CH + "throttled.unprocessed-record-max-age.ms", "120000",
                "likeness.gpu-worker.concurrency", "2");
    }
}
