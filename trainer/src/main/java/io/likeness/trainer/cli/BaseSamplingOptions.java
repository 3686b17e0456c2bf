package io.likeness.trainer.cli;

import io.likeness.trainer.foundation.BaseSampleGrid;
import io.likeness.trainer.foundation.BaseStage;
import io.likeness.trainer.pairs.PairSynthesizer;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** What the probes that sample a base checkpoint share: the checkpoint, its foundation, the people, the sampler. */
final class BaseSamplingOptions {

    @Parameters(index = "0", description = "A base checkpoint (e.g. var/train/runs/base/final).")
    Path checkpoint;

    @Option(names = "--foundation", defaultValue = "var/train/runs",
            description = "Directory with the vae/, clip/ and identity/ runs (default ${DEFAULT-VALUE}).")
    Path foundation;

    @Option(names = "--validation", defaultValue = "var/train/data/views-validation",
            description = "Validation views (default ${DEFAULT-VALUE}).")
    Path validation;

    @Option(names = "--guidance", defaultValue = "7.5", description = "Classifier-free guidance scale.")
    float guidance;

    @Option(names = "--steps", description = "Sampler steps (default: 25 for DDIM, as the training's grids; 20 "
            + "for Karras, as pair generation).")
    Integer steps;

    @Option(names = "--sampler", defaultValue = "ddim", description = "ddim (as the training's sample grids) or "
            + "karras (as pair generation: Karras/EDM Heun, S_churn 40).")
    String sampler;

    @Option(names = "--seed", defaultValue = "1", description = "Noise seed (the training's grids use the run "
            + "seed, default ${DEFAULT-VALUE}).")
    long seed;

    /** Whether {@code --sampler} asks for pair generation's stochastic sampler; refuses other names. */
    boolean stochastic(CommandLine.Model.CommandSpec spec) {
        return switch (sampler) {
            case "ddim" -> false;
            case "karras" -> true;
            default -> throw new CommandLine.ParameterException(spec.commandLine(),
                    "--sampler must be ddim or karras, not " + sampler);
        };
    }

    /** The sampler's steps: {@code --steps}, or the sampler's default; refuses fewer than one. */
    int steps(boolean stochastic, CommandLine.Model.CommandSpec spec) {
        if (steps != null && steps < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--steps must be at least 1, not " + steps);
        }
        return steps != null ? steps : stochastic ? PairSynthesizer.STEPS : BaseSampleGrid.STEPS;
    }

    /** The sampler as the probes print it. */
    String describe(boolean stochastic, int n) {
        return stochastic ? "Karras/EDM " + n + " steps, S_churn 40" : "DDIM " + n;
    }

    /** The checkpoint loaded for sampling, with the foundation's frozen encoders and autoencoder. */
    BaseStage open() throws IOException {
        return BaseStage.forSampling(validation, foundation.resolve("vae/final"), foundation.resolve("clip/final"),
                foundation.resolve("identity/final"), checkpoint, seed);
    }
}
