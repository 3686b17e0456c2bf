package io.likeness.trainer.pairs;

import io.likeness.contracts.trainer.DatasetRequest;
import io.likeness.trainer.dataset.DatasetManifest;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.util.function.LongConsumer;

/** A second generator bean, as the diffusion one will be: selected only when configured by its name. */
@ApplicationScoped
@Identifier(RecordingPairGenerator.NAME)
public class RecordingPairGenerator implements PairGenerator {

    static final String NAME = "recording";

    @Override
    public DatasetManifest generate(DatasetRequest request, Path outDir, LongConsumer progress) {
        throw new UnsupportedRequestException(NAME + " generator asked for " + request.requestId());
    }
}
