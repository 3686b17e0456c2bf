package io.likeness.trainer.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.likeness.contracts.model.ModelRecord;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The shipped default replaces nothing or the untrained bootstrap, never a real promoted checkpoint. */
class BootstrapOnStartTest {

    private static ModelRecord promoted(String version, String note) {
        return new ModelRecord(1, version, ModelRecord.Status.PROMOTED, "models/" + version + "/checkpoint.zip",
                List.of(), Map.of(), Instant.EPOCH, note, Instant.EPOCH, Instant.EPOCH, List.of());
    }

    @Test
    void theDefaultIsPublishedOverNothingOrTheUntrainedBootstrapOnly() {
        assertThat(BootstrapOnStart.replacesActive(Optional.empty())).isTrue();
        assertThat(BootstrapOnStart.replacesActive(Optional.of(promoted(UntrainedBootstrap.VERSION, null)))).isTrue();
        assertThat(BootstrapOnStart.replacesActive(Optional.of(promoted("hotswap-1", UntrainedBootstrap.NOTE))))
                .isTrue();
        assertThat(BootstrapOnStart.replacesActive(Optional.of(promoted("mcdm-s1-1000", "gated promotion"))))
                .isFalse();
    }
}
