package io.likeness.trainer.runs;

import static org.assertj.core.api.Assertions.assertThat;

import io.likeness.contracts.kafka.Topics;
import io.likeness.contracts.storage.ObjectStore;
import io.likeness.contracts.trainer.TrainerEvent;
import io.likeness.contracts.trainer.TrainingRequest;
import io.likeness.testkit.RealInfraResource;
import io.likeness.trainer.pairs.TrainerEventsProbe;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Foundation training requests through the real trainer consumer, broker and S3 server, at the toy plan
 * ({@code %test.likeness.trainer.training.plan=toy}: 8 people, 2 steps a stage).
 */
@QuarkusTest
@WithTestResource(value = RealInfraResource.class, scope = TestResourceScope.GLOBAL)
class TrainingRequestsTest {

    private static final Duration TIMEOUT = Duration.ofMinutes(10);
    private static final Path WORK = Path.of("target/training-work");

    @Inject
    ObjectStore store;

    @BeforeAll
    static void freshWorkDirectory() throws IOException {
        if (Files.exists(WORK)) {
            try (Stream<Path> files = Files.walk(WORK)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void send(String key, Object value) throws Exception {
        TrainerEventsProbe.send(Topics.TRAINING_REQUESTED.name(), key, value);
    }

    private static TrainingRequest request(String id, String until) {
        return new TrainingRequest(TrainingRequest.SCHEMA_VERSION, id, until, 5, true, Instant.now());
    }

    @Test
    void aRequestTrainsTheStagesAndStoresTheirCheckpointsThenAnAgainRequestResumesWithNothingLeft()
            throws Exception {
        String id = "train-" + UUID.randomUUID();
        send(id, request(id, "identity"));
        List<TrainerEvent> events = TrainerEventsProbe.untilFinished(id, TIMEOUT);
        TrainerEvent last = events.getLast();
        assertThat(last.type()).as("%s", events).isEqualTo(TrainerEvent.Type.SUCCEEDED);
        assertThat(events).filteredOn(e -> e.type() == TrainerEvent.Type.PROGRESS)
                .extracting(TrainerEvent::done).containsExactly(0L, 1L, 2L, 3L);
        String key = last.datasetKey().orElseThrow();
        assertThat(key).startsWith("foundation/identity-s5").endsWith("/checkpoint.zip");
        assertThat(store.exists(key)).isTrue();
        assertThat(store.list("foundation/")).anyMatch(k -> k.startsWith("foundation/vae-s5"))
                .anyMatch(k -> k.startsWith("foundation/clip-s5"));
        assertThat(WORK.resolve("runs/identity/final/manifest.json")).exists();
        assertThat(WORK.resolve("runs/base")).doesNotExist();

        // the same stages again: nothing left to train, the same checkpoints are reported
        String again = "train-" + UUID.randomUUID();
        send(again, request(again, "identity"));
        TrainerEvent second = TrainerEventsProbe.untilFinished(again, TIMEOUT).getLast();
        assertThat(second.type()).isEqualTo(TrainerEvent.Type.SUCCEEDED);
        assertThat(second.datasetKey()).contains(key);
    }

    @Test
    void anUnknownStageFailsWithAMessage() throws Exception {
        String id = "train-" + UUID.randomUUID();
        send(id, request(id, "decoder"));
        TrainerEvent last = TrainerEventsProbe.untilFinished(id, TIMEOUT).getLast();
        assertThat(last.type()).isEqualTo(TrainerEvent.Type.FAILED);
        assertThat(last.error().orElseThrow()).contains("until must be one of [vae, clip, identity, base]");
    }
}
