package io.likeness.trainer.pairs;

import io.likeness.contracts.trainer.DatasetRequest;
import io.likeness.trainer.dataset.DatasetManifest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.LongConsumer;

/**
 * Turns a {@link DatasetRequest} into a dataset directory (tar shards + {@code manifest.json}, see
 * {@link DatasetManifest}). Implementations are CDI beans named with {@code @Identifier}; the trainer uses the one
 * {@code likeness.trainer.pairs.generator} names ({@link PairGenerators}).
 */
public interface PairGenerator {

    /**
     * Generates every pair of the request into {@code outDir} (an empty directory).
     *
     * @param progress called with the number of pairs written so far
     * @throws UnsupportedRequestException the request cannot be served by this generator (permanent)
     * @throws IOException                 writing failed (may succeed on another attempt)
     */
    DatasetManifest generate(DatasetRequest request, Path outDir, LongConsumer progress) throws IOException;
}
