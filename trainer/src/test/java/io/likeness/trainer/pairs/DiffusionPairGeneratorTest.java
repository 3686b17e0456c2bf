package io.likeness.trainer.pairs;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.likeness.mcdm.guidance.RegionWeights;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiffusionPairGeneratorTest {

    @TempDir
    Path runs;

    @Test
    void missingFoundationIsAPermanentRefusalNamingTheStage() throws Exception {
        Files.createDirectories(runs.resolve("vae/final"));
        Files.writeString(runs.resolve("vae/final/manifest.json"), "{}");
        assertThatThrownBy(() -> DiffusionPairGenerator.open(runs))
                .isInstanceOf(UnsupportedRequestException.class)
                .hasMessageContaining("no trained clip checkpoint")
                .hasMessageContaining("likeness-trainer foundation");
    }

    @Test
    void aGuidanceScaleBelowOneIsRefusedBeforeAnyModelIsLoaded() {
        Path none = runs.resolve("none");
        assertThatThrownBy(() -> new PairSynthesizer(none, none, none, none, RegionWeights.paper().withCfgScale(0.5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 1");
    }
}
