package io.likeness.trainer.cli;

import io.likeness.mcdm.nn.vae.VaeConfig;
import io.likeness.trainer.foundation.BaseStage;
import io.likeness.trainer.foundation.ClipStage;
import io.likeness.trainer.foundation.IdentityStage;
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
        subcommands = {TrainCommand.Vae.class, TrainCommand.Clip.class, TrainCommand.IdentityMapperStage.class,
            TrainCommand.Base.class, TrainCommand.Mcdm.class,
            CommandLine.HelpCommand.class})
public final class TrainCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Builds a stage (after any {@code --branch-from}, so a stage's cache in the run directory is found). */
    interface StageFactory {
        TrainingStage create() throws Exception;
    }

    static int run(StageFactory factory, RunOptions run, long defaultSteps, CommandLine.Model.CommandSpec spec)
            throws Exception {
        String command = "likeness-trainer " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
        run.branchIfAsked(System.out);
        try (TrainingStage stage = factory.create()) {
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
        @Option(names = "--batch", defaultValue = "8", description = "Samples per step (two views each).")
        int batch;
        @Option(names = "--crop", defaultValue = "64", description = "Training crop side in pixels.")
        int crop;
        @Option(names = "--lr", defaultValue = "5e-4")
        double lr;
        @Option(names = "--preset", defaultValue = "lean", description = "lean (16/32/64/128) or tiny (32/64/128/128).")
        String preset;
        @Option(names = "--decoder-from", description = "Fine-tune only the decoder of this vae checkpoint: the "
                + "encoder, its latent space and scale factor stay as they are, so a base or MCDM trained on them "
                + "keeps working and decodes with the new decoder.")
        Path decoderFrom;
        @Option(names = "--face-crops", defaultValue = "0.75", description = "With --decoder-from: share of crops "
                + "centred on the face (default: ${DEFAULT-VALUE}).")
        double faceCrops;
        @Option(names = "--generated-from", description = "With --decoder-from: a base checkpoint (trained on this "
                + "autoencoder's latents) whose SDEdit of training renders gives latents like those samplers end on; "
                + "the decoder learns to draw them as the renders they came from. Generated once, kept in the run "
                + "directory's cache/.")
        Path generatedFrom;
        @Option(names = "--generated-share", defaultValue = "0.5",
                description = "With --generated-from: share of windows from generated latents (default ${DEFAULT-VALUE}).")
        double generatedShare;
        @Option(names = "--generated-count", defaultValue = "512",
                description = "With --generated-from: how many training renders to generate latents of "
                        + "(default ${DEFAULT-VALUE}).")
        int generatedCount;
        @Option(names = "--foundation", defaultValue = "var/train/runs", description = "With --generated-from: "
                + "directory with the clip/final and identity/final checkpoints the base was trained with "
                + "(default ${DEFAULT-VALUE}).")
        Path foundation;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            VaeStage.Settings d = VaeStage.Settings.defaults();
            VaeStage.Settings plain = new VaeStage.Settings(preset.equals("tiny") ? VaeConfig.tiny()
                    : VaeConfig.lean(), batch, crop, lr, d.klWeight(), d.edgeWeight(), d.validationImages());
            VaeStage.Settings s = decoderFrom == null ? plain : plain.withDecoderFineTune(decoderFrom, faceCrops);
            if (generatedFrom == null) {
                return TrainCommand.run(() -> new VaeStage(data.train, data.validation, run.seed, s), run, 3000, spec);
            }
            if (decoderFrom == null) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--generated-from trains a decoder fine-tune: give --decoder-from as well");
            }
            try (ai.djl.ndarray.NDManager m = ai.djl.ndarray.NDManager.newBaseManager()) {
                io.likeness.trainer.foundation.GeneratedLatents generated =
                        io.likeness.trainer.foundation.GeneratedLatents.denoisedByBase(data.train, generatedFrom,
                                decoderFrom, foundation.resolve("clip/final"), foundation.resolve("identity/final"),
                                generatedCount, run.seed, run.runDir.resolve("cache").resolve("generated-latents.ndlist"),
                                m, System.out);
                return TrainCommand.run(() -> new VaeStage(data.train, data.validation, run.seed,
                        s.withGeneratedShare(generatedShare), generated), run, 3000, spec);
            }
        }
    }

    @Command(name = "clip", mixinStandardHelpOptions = true,
            description = "CLIP-like text and image encoders, contrastive on (render, caption); reports retrieval "
                    + "and zero-shot direction accuracy on validation identities.")
    static final class Clip implements Callable<Integer> {
        @Mixin
        RunOptions run;
        @Mixin
        ViewData data;
        @Option(names = "--batch", defaultValue = "32", description = "Samples per step (two views each).")
        int batch;
        @Option(names = "--lr", defaultValue = "5e-4")
        double lr;
        @Option(names = "--expression-groups", defaultValue = "0", description = "Extra people a step, each "
                + "rendered with a neutral face and the four expressions in one pose: hard negatives that differ "
                + "only in the expression (default ${DEFAULT-VALUE}).")
        int expressionGroups;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            if (expressionGroups < 0) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--expression-groups must be 0 or more, not " + expressionGroups);
            }
            ClipStage.Settings d = ClipStage.Settings.defaults();
            ClipStage.Settings s = new ClipStage.Settings(batch, lr, d.logitScale(), d.validationSamples())
                    .withExpressionGroups(expressionGroups);
            return TrainCommand.run(() -> new ClipStage(data.train, data.validation, run.seed, s), run, 1500, spec);
        }
    }

    @Command(name = "identity", mixinStandardHelpOptions = true,
            description = "ELITE-style identity mapper on frozen encoders; reports same- vs different-identity "
                    + "cosine and rank-1 identification on validation identities.")
    static final class IdentityMapperStage implements Callable<Integer> {
        @Mixin
        RunOptions run;
        @Mixin
        ViewData data;
        @Option(names = "--clip", required = true, description = "Final checkpoint of the clip stage.")
        Path clip;
        @Option(names = "--batch", defaultValue = "32", description = "Identities per step (two renders each).")
        int batch;
        @Option(names = "--lr", defaultValue = "3e-4")
        double lr;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            IdentityStage.Settings d = IdentityStage.Settings.defaults();
            IdentityStage.Settings s = new IdentityStage.Settings(batch, lr, d.temperature(), d.normWeight(),
                    d.validationSamples());
            return TrainCommand.run(() -> new IdentityStage(data.train, data.validation, clip, run.seed, s), run, 600,
                    spec);
        }
    }

    @Command(name = "base", mixinStandardHelpOptions = true,
            description = "Base text-to-image latent diffusion UNet with identity words and a pose branch, on "
                    + "single studio renders; writes sample grids across the eight directions.")
    static final class Base implements Callable<Integer> {
        @Mixin
        RunOptions run;
        @Mixin
        ViewData data;
        @Option(names = "--vae", required = true, description = "Final checkpoint of the vae stage.")
        Path vae;
        @Option(names = "--clip", required = true, description = "Final checkpoint of the clip stage.")
        Path clip;
        @Option(names = "--identity", required = true, description = "Final checkpoint of the identity stage.")
        Path identity;
        @Option(names = "--batch", defaultValue = "16")
        int batch;
        @Option(names = "--lr", defaultValue = "2e-4")
        double lr;
        @Option(names = "--face-weight", defaultValue = "1",
                description = "Weight of the loss on the face's latent cells (the disc from the render's eye, nose "
                        + "and ear keypoints) against the rest, normalised to mean 1; 1 = unweighted "
                        + "(default ${DEFAULT-VALUE}).")
        double faceWeight;
        @Option(names = "--text-only-share", defaultValue = "0.40",
                description = "Share of the captioned renders trained without their identity tokens, so the "
                        + "prompt alone must carry the direction (the grid's text-only columns); 0 to 1 "
                        + "(default ${DEFAULT-VALUE}).")
        double textOnlyShare;
        @Option(names = "--word-context",
                description = "Condition on the prompt's word embeddings as well as on the frozen text tower's "
                        + "output (a zero-initialised projection trained with the UNet): for words the tower "
                        + "merged, such as the four expressions. Pair generation and the MCDM trained from the "
                        + "base use it too (the MCDM checkpoint carries it as its words block).")
        boolean wordContext;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            if (!(faceWeight >= 1)) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--face-weight must be at least 1, not " + faceWeight);
            }
            if (!(textOnlyShare >= 0 && textOnlyShare <= 1)) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--text-only-share must be between 0 and 1, not " + textOnlyShare);
            }
            BaseStage.Settings d = BaseStage.Settings.defaults();
            BaseStage.Settings s = new BaseStage.Settings(batch, lr, d.emptyPrompt(), d.noIdentity(), d.noPose(),
                    d.minSnrGamma(), d.ema(), d.sampleSteps(), 1.0).withFaceWeight(faceWeight)
                    .withWordContext(wordContext).withTextOnlyShare(textOnlyShare);
            Path cache = run.runDir.resolve("cache").resolve("corpus.ndlist");
            long steps = io.likeness.trainer.foundation.FoundationChain.Plan.shipped().baseSteps();
            return TrainCommand.run(() -> new BaseStage(data.train, data.validation, vae, clip, identity, cache,
                    run.seed, s, System.out), run, steps, spec);
        }
    }

    @Command(name = "mcdm", mixinStandardHelpOptions = true,
            description = "MCDM (paper §3.3) on generated pairs, from the base UNet; the final checkpoint is a "
                    + "product checkpoint (mcdm-tiny: unet, adapter, text, vision, vae + edit catalog).")
    static final class Mcdm implements Callable<Integer> {
        @Mixin
        RunOptions run;
        @Option(names = "--pairs", required = true, description = "Generated pairs dataset.")
        Path pairs;
        @Option(names = "--foundation", defaultValue = "var/train/runs",
                description = "Directory with the vae/, clip/, base/ runs (default ${DEFAULT-VALUE}).")
        Path foundation;
        @Option(names = "--batch", defaultValue = "16")
        int batch;
        @Option(names = "--lr", defaultValue = "1e-4")
        double lr;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            io.likeness.trainer.mcdm.McdmStage.Settings d = io.likeness.trainer.mcdm.McdmStage.Settings.defaults();
            var s = new io.likeness.trainer.mcdm.McdmStage.Settings(batch, lr, d.reconstruction(), d.dropEach(),
                    d.dropAll(), d.personSubject(), d.minSnrGamma(), d.ema(), d.sampleSteps());
            Path cache = run.runDir.resolve("cache").resolve("pairs.ndlist");
            return TrainCommand.run(() -> new io.likeness.trainer.mcdm.McdmStage(pairs, foundation, cache, run.seed, s,
                    System.out), run, 6000, spec);
        }
    }
}
