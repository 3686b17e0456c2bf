package io.likeness.trainer.cli;

import io.likeness.trainer.dataset.Split;
import io.likeness.trainer.dataset.StudioDatasets;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options shared by {@code studio render} and {@code studio pairs}. */
final class DatasetOptions {

    @Option(names = "--count", required = true, description = "Number of samples.")
    int count;

    @Option(names = "--seed", defaultValue = "1", description = "Dataset seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", required = true, description = "Output directory (shards + manifest.json).")
    Path out;

    @Option(names = "--size", defaultValue = "128", description = "Image side in pixels (default ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--shard-size", defaultValue = "1000",
            description = "Samples per tar shard (default ${DEFAULT-VALUE}).")
    int shardSize;

    @Option(names = "--threads", defaultValue = "2", description = "Render threads (default ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--per-identity", defaultValue = "1",
            description = "Consecutive samples sharing one identity (default ${DEFAULT-VALUE}).")
    int perIdentity;

    StudioDatasets.Options options(Split split) {
        return new StudioDatasets.Options(seed, split, size, shardSize, threads, perIdentity);
    }
}
