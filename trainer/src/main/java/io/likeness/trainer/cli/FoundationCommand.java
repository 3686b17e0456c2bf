package io.likeness.trainer.cli;

import io.likeness.trainer.dataset.DatasetManifest;
import io.likeness.trainer.dataset.Split;
import io.likeness.trainer.dataset.StudioDatasets;
import io.likeness.trainer.foundation.BaseStage;
import io.likeness.trainer.foundation.ClipStage;
import io.likeness.trainer.foundation.IdentityStage;
import io.likeness.trainer.foundation.VaeStage;
import io.likeness.trainer.train.TrainingLoop;
import io.likeness.trainer.train.TrainingStage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code foundation}: the whole foundation chain in order — render the views datasets, then vae, clip, identity,
 * base — each stage resumed where it stopped and skipped once its final checkpoint exists. One command reproduces
 * the foundation models; run it again after an interruption.
 */
@Command(name = "foundation", mixinStandardHelpOptions = true,
        description = "Render the studio data and train vae → clip → identity → base, resuming each stage; "
                + "finished stages are skipped.")
public final class FoundationCommand implements Callable<Integer> {

    /** The settings the shipped foundation models were trained with (steps per stage). */
    public static final long VAE_STEPS = 3000;
    public static final long CLIP_STEPS = 800;
    public static final long IDENTITY_STEPS = 600;
    public static final long BASE_STEPS = 8000;
    public static final int TRAIN_VIEWS = 10_000;
    public static final int VALIDATION_VIEWS = 512;

    @Option(names = "--work", defaultValue = "var/train",
            description = "Working directory: data/ and runs/ (default ${DEFAULT-VALUE}).")
    Path work;

    @Option(names = "--seed", defaultValue = "1", description = "Data and run seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--until", defaultValue = "base", description = "Last stage to run: vae, clip, identity, base.")
    String until;

    @Option(names = "--budget-minutes", description = "Wall-time budget of this invocation (all stages).")
    Double budgetMinutes;

    @Option(names = "--progress", defaultValue = "bar", description = "bar, lines or none.")
    String progress;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        long t0 = System.nanoTime();
        Path data = work.resolve("data");
        Path runs = work.resolve("runs");
        Path train = ensureViews(data.resolve("views-train"), Split.TRAIN, TRAIN_VIEWS);
        Path validation = ensureViews(data.resolve("views-validation"), Split.VALIDATION, VALIDATION_VIEWS);
        List<String> order = List.of("vae", "clip", "identity", "base");
        int last = order.indexOf(until);
        if (last < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--until must be one of " + order);
        }
        for (int i = 0; i <= last; i++) {
            String name = order.get(i);
            Path runDir = runs.resolve(name);
            if (Files.exists(runDir.resolve("final/manifest.json"))) {
                System.out.printf(Locale.ROOT, "%s: done (%s)%n", name, runDir.resolve("final"));
                continue;
            }
            Duration left = budgetMinutes == null ? null
                    : Duration.ofMillis((long) (budgetMinutes * 60_000 - (System.nanoTime() - t0) / 1e6));
            if (left != null && left.isNegative()) {
                System.out.println("budget used; run the same command again to continue");
                return 3;
            }
            TrainingStage stage = switch (name) {
                case "vae" -> new VaeStage(train, validation, seed, VaeStage.Settings.defaults());
                case "clip" -> new ClipStage(train, validation, seed, new ClipStage.Settings(24, 5e-4, 20f, 256));
                case "identity" -> new IdentityStage(train, validation, runs.resolve("clip/final"), seed,
                        IdentityStage.Settings.defaults());
                default -> new BaseStage(train, validation, runs.resolve("vae/final"), runs.resolve("clip/final"),
                        runs.resolve("identity/final"), runDir.resolve("cache/corpus.ndlist"), seed,
                        BaseStage.Settings.defaults(), System.out);
            };
            long steps = switch (name) {
                case "vae" -> VAE_STEPS;
                case "clip" -> CLIP_STEPS;
                case "identity" -> IDENTITY_STEPS;
                default -> BASE_STEPS;
            };
            int sampleEvery = name.equals("base") ? 2000 : name.equals("vae") ? 500 : 0;
            TrainingLoop.Options o = new TrainingLoop.Options(runDir, steps, 100, sampleEvery, left, seed,
                    TrainingLoop.ProgressMode.valueOf(progress.toUpperCase(Locale.ROOT)), name + "-s" + seed,
                    "likeness-trainer " + String.join(" ", spec.commandLine().getParseResult().originalArgs()), 2);
            try (stage) {
                TrainingLoop.Outcome out = new TrainingLoop(stage, o, System.out).runWithSignalHandling();
                if (!out.finished()) {
                    return 3;
                }
            }
        }
        return 0;
    }

    private static Path ensureViews(Path dir, Split split, int count) throws Exception {
        if (!Files.exists(dir.resolve(DatasetManifest.FILE))) {
            long t0 = System.nanoTime();
            DatasetManifest m = StudioDatasets.renderViews(dir, count,
                    new StudioDatasets.Options(1, split, 128, split == Split.TRAIN ? 500 : 256, 2, 1),
                    Progress.every(count));
            Progress.summary(m, dir, t0);
        }
        return dir;
    }
}
