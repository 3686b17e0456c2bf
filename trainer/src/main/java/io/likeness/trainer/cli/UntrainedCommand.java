package io.likeness.trainer.cli;

import io.likeness.mcdm.checkpoint.CheckpointManifest;
import io.likeness.trainer.publish.UntrainedBootstrap;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code untrained}: writes the untrained bootstrap checkpoint the stack serves before a trained one is promoted, so
 * that {@code eval} can compare a first trained checkpoint with the current one.
 */
@Command(name = "untrained", mixinStandardHelpOptions = true,
        description = "Write the untrained bootstrap checkpoint (" + UntrainedBootstrap.VERSION + ", the stack's "
                + "checkpoint until a trained one is promoted) to a directory.")
public final class UntrainedCommand implements Callable<Integer> {

    @Option(names = "--out", required = true, description = "Output directory (must not exist).")
    Path out;

    @Option(names = "--seed", defaultValue = "1", description = "Weight seed (default ${DEFAULT-VALUE}, the stack's).")
    long seed;

    @Override
    public Integer call() throws Exception {
        if (Files.exists(out)) {
            System.err.println(out + " exists; remove it or choose another --out");
            return 2;
        }
        CheckpointManifest m = UntrainedBootstrap.save(out, UntrainedBootstrap.VERSION, seed);
        System.out.println("wrote " + m.version() + " (seed " + seed + ") to " + out);
        return 0;
    }
}
