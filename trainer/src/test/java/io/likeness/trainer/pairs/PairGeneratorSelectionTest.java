package io.likeness.trainer.pairs;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.likeness.contracts.trainer.DatasetRequest;
import io.likeness.testkit.RealInfraResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code likeness.trainer.pairs.generator} picks the generator bean by its {@code @Identifier}. */
@QuarkusTest
@TestProfile(PairGeneratorSelectionTest.Recording.class)
@WithTestResource(value = RealInfraResource.class, scope = TestResourceScope.GLOBAL)
class PairGeneratorSelectionTest {

    public static class Recording implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("likeness.trainer.pairs.generator", RecordingPairGenerator.NAME);
        }
    }

    @Inject
    @Selected
    PairGenerator generator;

    @Test
    void theConfiguredGeneratorIsTheOneUsed() {
        DatasetRequest request = new DatasetRequest(DatasetRequest.SCHEMA_VERSION, "ds-selection",
                List.of(new DatasetRequest.Direction("laughing", "neutral", "laughing", 0.35)), 1, 1,
                Optional.empty(), Instant.now());
        assertThatThrownBy(() -> generator.generate(request, Path.of("unused"), n -> { }))
                .isInstanceOf(UnsupportedRequestException.class).hasMessageContaining("recording generator");
    }
}
