package io.likeness.trainer.cli;

import io.likeness.trainer.foundation.VaeStage;
import io.likeness.trainer.train.TrainingLoop;
import io.likeness.trainer.train.TrainingStage;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code train <stage>}: the resumable training stages of the foundation models and the MCDM. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a stage (resumable: run the same command again after a stop or a kill).",
        subcommands = {TrainCommand.Vae.class, CommandLine.HelpCommand.class})
public final class TrainCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    static int run(TrainingStage stage, RunOptions run, long defaultSteps, CommandLine.Model.CommandSpec spec)
            throws Exception {
        String command = "likeness-trainer " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
        try (stage) {
            TrainingLoop.Outcome o = new TrainingLoop(stage, run.loopOptions(stage.name(), defaultSteps, command),
                    System.out).runWithSignalHandling();
            return o.finished() ? 0 : 3;
        }
    }

    /** Data options of the foundation stages. */
    static final class ViewData {
        @Option(names = "--data", required = true, description = "Studio views dataset (train split).")
        Path train;

        @Option(names = "--validation", required = true, description = "Studio views dataset (validation split).")
        Path validation;
    }

    @Command(name = "vae", mixinStandardHelpOptions = true,
            description = "KL autoencoder (f = 8) on random crops of studio renders; reports validation PSNR/SSIM.")
    static final class Vae implements Callable<Integer> {
        @Mixin
        RunOptions run;
        @Mixin
        ViewData data;
        @Option(names = "--batch", defaultValue = "6", description = "Samples per step (two views each).")
        int batch;
        @Option(names = "--crop", defaultValue = "64", description = "Training crop side in pixels.")
        int crop;
        @Option(names = "--lr", defaultValue = "2e-4")
        double lr;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            VaeStage.Settings d = VaeStage.Settings.defaults();
            VaeStage.Settings s = new VaeStage.Settings(batch, crop, lr, d.klWeight(), d.edgeWeight(),
                    d.validationImages());
            return TrainCommand.run(new VaeStage(data.train, data.validation, run.seed, s), run, 3000, spec);
        }
    }
}
