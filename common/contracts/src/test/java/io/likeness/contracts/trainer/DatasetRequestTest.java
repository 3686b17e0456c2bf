package io.likeness.contracts.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import io.likeness.contracts.events.Json;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DatasetRequestTest {

    private static DatasetRequest request(String id, List<DatasetRequest.Direction> directions, int pairs) {
        return new DatasetRequest(DatasetRequest.SCHEMA_VERSION, id, directions, pairs, 7, Optional.empty(),
                Instant.parse("2026-11-01T00:00:00Z"));
    }

    private static final DatasetRequest.Direction LAUGHING =
            new DatasetRequest.Direction("laughing", "neutral expression", "laughing", 0.35);

    @Test
    void aWellFormedRequestHasNoProblemsAndRoundTripsAsJson() {
        DatasetRequest r = request("ds-1", List.of(LAUGHING), 4);
        assertThat(r.problems()).isEmpty();
        assertThat(r.totalPairs()).isEqualTo(4);
        assertThat(Json.read(Json.write(r), DatasetRequest.class)).isEqualTo(r);
    }

    @Test
    void everyProblemIsNamed() {
        DatasetRequest r = request("../x", List.of(LAUGHING, LAUGHING,
                new DatasetRequest.Direction("Bad Id", " ", null, 1.5)), 0);
        assertThat(r.problems()).anyMatch(p -> p.startsWith("requestId"))
                .anyMatch(p -> p.contains("appears twice"))
                .anyMatch(p -> p.startsWith("directions[2].id"))
                .anyMatch(p -> p.startsWith("directions[2].sourceDescription"))
                .anyMatch(p -> p.startsWith("directions[2].targetDescription"))
                .anyMatch(p -> p.startsWith("directions[2].lambda"))
                .anyMatch(p -> p.startsWith("pairsPerDirection"));
        assertThat(request("ds-2", List.of(), 1).problems()).anyMatch(p -> p.startsWith("directions"));
    }

    @Test
    void aFinishedRequestStaysFinishedAndProgressNeverGoesBack() {
        Instant t = Instant.parse("2026-11-01T00:00:00Z");
        TrainerEvent p5 = TrainerEvent.progress("r", 5, 10, t);
        TrainerEvent p2 = TrainerEvent.progress("r", 2, 10, t);
        TrainerEvent done = TrainerEvent.succeeded("r", 10, "datasets/r/manifest.json", t);
        assertThat(TrainerEvent.fold(null, p5)).isEqualTo(p5);
        assertThat(TrainerEvent.fold(p5, p2)).isEqualTo(p5);
        assertThat(TrainerEvent.fold(p5, done)).isEqualTo(done);
        assertThat(TrainerEvent.fold(done, p2)).isEqualTo(done);
        assertThat(Json.read(Json.write(done), TrainerEvent.class)).isEqualTo(done);
    }
}
