package io.likeness.trainer.cli;

import io.likeness.trainer.dataset.DatasetManifest;
import io.likeness.trainer.dataset.Split;
import io.likeness.trainer.dataset.StudioDatasets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code studio pairs}: exact (x_A, x_B, mask, pose, captions) pairs, by default from validation identities. */
@Command(name = "pairs", mixinStandardHelpOptions = true,
        description = "Render N exact pairs (a.png, b.png, mask.png, pose.png, json) into tar shards.")
public final class PairsCommand implements Callable<Integer> {

    @Mixin
    DatasetOptions opts;

    @Option(names = "--split", defaultValue = "validation",
            description = "Identity split: train, validation or test (default ${DEFAULT-VALUE}).")
    String split;

    @Override
    public Integer call() throws Exception {
        long t0 = System.nanoTime();
        DatasetManifest m = StudioDatasets.renderPairs(opts.out, opts.count, opts.options(Split.byId(split)),
                Progress.every(opts.count));
        Progress.summary(m, opts.out, t0);
        return 0;
    }
}
