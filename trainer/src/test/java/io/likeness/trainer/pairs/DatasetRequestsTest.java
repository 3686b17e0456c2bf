package io.likeness.trainer.pairs;

import static org.assertj.core.api.Assertions.assertThat;

import io.likeness.contracts.events.Json;
import io.likeness.contracts.kafka.Topics;
import io.likeness.contracts.storage.ObjectStore;
import io.likeness.contracts.storage.StorageKeys;
import io.likeness.contracts.trainer.DatasetRequest;
import io.likeness.contracts.trainer.TrainerEvent;
import io.likeness.testkit.RealInfraResource;
import io.likeness.trainer.dataset.DatasetManifest;
import io.likeness.trainer.dataset.DatasetSync;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Dataset requests through the real trainer consumer, the real broker and the real S3 server. */
@QuarkusTest
@WithTestResource(value = RealInfraResource.class, scope = TestResourceScope.GLOBAL)
class DatasetRequestsTest {

    private static final Duration TIMEOUT = Duration.ofMinutes(3);

    @Inject
    ObjectStore store;

    private static DatasetRequest request(String id, int pairs, String... directionIds) {
        List<DatasetRequest.Direction> directions = java.util.Arrays.stream(directionIds)
                .map(d -> new DatasetRequest.Direction(d, "a person, neutral", "a person, " + d, 0.3)).toList();
        return new DatasetRequest(DatasetRequest.SCHEMA_VERSION, id, directions, pairs, 11, Optional.empty(),
                Instant.now());
    }

    private static void send(String key, Object value) throws Exception {
        TrainerEventsProbe.send(Topics.DATASET_REQUESTED.name(), key, value);
    }

    @Test
    void aRequestBecomesADatasetInS3WithProgressOnTheWay() throws Exception {
        String id = "ds-" + UUID.randomUUID();
        send(id, request(id, 12, "laughing", "santa-claus"));

        List<TrainerEvent> events = TrainerEventsProbe.untilFinished(id, TIMEOUT);
        TrainerEvent last = events.getLast();
        assertThat(last.type()).as("%s", events).isEqualTo(TrainerEvent.Type.SUCCEEDED);
        assertThat(last.datasetKey()).contains(StorageKeys.datasetManifest(id));
        List<TrainerEvent> progress = events.stream().filter(e -> e.type() == TrainerEvent.Type.PROGRESS).toList();
        assertThat(progress.getFirst().done()).isZero();
        assertThat(progress).allSatisfy(e -> assertThat(e.total()).isEqualTo(24));
        assertThat(progress).extracting(TrainerEvent::done).isSorted();
        assertThat(progress.getLast().done()).isEqualTo(24);

        Path local = Files.createTempDirectory("dataset-download-");
        DatasetManifest manifest = DatasetSync.download(store, StorageKeys.datasetPrefix(id), local);
        assertThat(manifest.kind()).isEqualTo(DatasetManifest.PAIRS);
        assertThat(manifest.count()).isEqualTo(24);
        assertThat(manifest.directions()).isEqualTo(Map.of("laughing", 12L, "santa-claus", 12L));
        assertThat(store.list(StorageKeys.datasetPrefix(id))).contains(StorageKeys.datasetManifest(id))
                .anyMatch(k -> k.endsWith(".tar"));
    }

    @Test
    void directionsTheStudioDoesNotKnowFailWithAMessage() {
        String id = "ds-" + UUID.randomUUID();
        assertFailed(id, request(id, 2, "laughing", "pirate-hat"), "pirate-hat");
        assertThat(store.exists(StorageKeys.datasetManifest(id))).isFalse();
    }

    @Test
    void malformedRequestsFailOnceAndAreNotRetried() throws Exception {
        String invalid = "ds-" + UUID.randomUUID();
        assertFailed(invalid, request(invalid, 0, "laughing"), "pairsPerDirection");

        String unreadable = "ds-" + UUID.randomUUID();
        send(unreadable, Map.of("directions", "not a list"));
        TrainerEvent failed = TrainerEventsProbe.untilFinished(unreadable, TIMEOUT).getLast();
        assertThat(failed.type()).isEqualTo(TrainerEvent.Type.FAILED);
        assertThat(failed.error().orElseThrow()).startsWith("invalid dataset request");

        // the partition moves on: a good request sent afterwards still runs
        String next = "ds-" + UUID.randomUUID();
        send(next, request(next, 1, "crying"));
        assertThat(TrainerEventsProbe.untilFinished(next, TIMEOUT).getLast().type()).isEqualTo(TrainerEvent.Type.SUCCEEDED);
    }

    private static void assertFailed(String id, DatasetRequest request, String messagePart) {
        try {
            send(id, request);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        TrainerEvent last = TrainerEventsProbe.untilFinished(id, TIMEOUT).getLast();
        assertThat(last.type()).isEqualTo(TrainerEvent.Type.FAILED);
        assertThat(last.error().orElseThrow()).contains(messagePart);
        assertThat(new String(Json.write(last), StandardCharsets.UTF_8)).contains("\"error\"");
    }
}
