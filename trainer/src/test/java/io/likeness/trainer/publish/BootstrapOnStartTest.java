package io.likeness.trainer.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.likeness.contracts.model.ModelRecord;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The shipped default replaces nothing, the untrained bootstrap or an earlier shipped default it was never published
 * over; never a checkpoint published otherwise.
 */
class BootstrapOnStartTest {

    private static ModelRecord promoted(String version, String note) {
        return new ModelRecord(1, version, ModelRecord.Status.PROMOTED, "models/" + version + "/checkpoint.zip",
                List.of(), Map.of(), Instant.EPOCH, note, Instant.EPOCH, Instant.EPOCH, List.of());
    }

    @Test
    void theDefaultIsPublishedOverNothingOrTheUntrainedBootstrap() {
        assertThat(BootstrapOnStart.replacesActive(Optional.empty(), "mcdm-s1-900", false)).isTrue();
        assertThat(BootstrapOnStart.replacesActive(Optional.of(promoted(UntrainedBootstrap.VERSION, null)),
                "mcdm-s1-900", false)).isTrue();
        assertThat(BootstrapOnStart.replacesActive(Optional.of(promoted("hotswap-1", UntrainedBootstrap.NOTE)),
                "mcdm-s1-900", false)).isTrue();
    }

    @Test
    void neverOverACheckpointPublishedOtherwise() {
        assertThat(BootstrapOnStart.replacesActive(Optional.of(promoted("mcdm-s1-1000", "gated promotion")),
                "mcdm-s1-900", false)).isFalse();
        assertThat(BootstrapOnStart.replacesActive(Optional.of(promoted("mcdm-s1-1000", null)),
                "mcdm-s1-900", false)).isFalse();
    }

    @Test
    void aNewerShippedDefaultReplacesAnEarlierOneOnce() {
        ModelRecord earlier = promoted("mcdm-s1-900", BootstrapOnStart.SHIPPED_NOTE + " (default)");
        assertThat(BootstrapOnStart.replacesActive(Optional.of(earlier), "mcdm-s1-900-fd2", false)).isTrue();
        // the same default is not published again
        assertThat(BootstrapOnStart.replacesActive(Optional.of(earlier), "mcdm-s1-900", true)).isFalse();
        // published before and rolled back from by an operator: the rollback stands
        assertThat(BootstrapOnStart.replacesActive(Optional.of(earlier), "mcdm-s1-900-fd2", true)).isFalse();
    }
}
