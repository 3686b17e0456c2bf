package io.likeness.trainer.foundation;

import io.likeness.contracts.trainer.TrainingRequest;
import io.likeness.mcdm.nn.vae.VaeConfig;
import io.likeness.trainer.dataset.DatasetManifest;
import io.likeness.trainer.dataset.Split;
import io.likeness.trainer.dataset.StudioDatasets;
import io.likeness.trainer.train.TrainingLoop;
import io.likeness.trainer.train.TrainingStage;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * The foundation chain in a work directory ({@code data/views-*}, {@code runs/<stage>}): renders the views data if
 * missing, then trains vae → clip → identity → base up to a stage, skipping stages whose {@code final/} exists and
 * resuming the one that was cut off. The CLI's {@code foundation} command and the trainer service's training
 * requests both run it.
 */
public final class FoundationChain {

    public static final List<String> STAGES = TrainingRequest.STAGES;

    /** Data sizes, steps and settings of every stage. */
    public record Plan(int trainViews, int validationViews, int renderThreads, long vaeSteps, long clipSteps,
                       long identitySteps, long baseSteps, VaeStage.Settings vae, ClipStage.Settings clip,
                       IdentityStage.Settings identity, BaseStage.Settings base, int checkpointEvery,
                       int vaeSampleEvery, int baseSampleEvery) {

        /** What the shipped foundation models were trained with (docs/training.md). */
        public static Plan shipped() {
            return new Plan(10_000, 512, 2, 3000, 800, 600, 5000, VaeStage.Settings.defaults(),
                    new ClipStage.Settings(24, 5e-4, 20f, 256), IdentityStage.Settings.defaults(),
                    BaseStage.Settings.defaults(), 100, 500, 1000);
        }

        /** Toy sizes (8 people, 2 steps a stage) that exercise the whole chain in a few minutes. */
        public static Plan toy() {
            BaseStage.Settings b = BaseStage.Settings.defaults();
            return new Plan(8, 4, 1, 2, 2, 2, 2, new VaeStage.Settings(VaeConfig.lean(), 2, 32, 1e-3, 1e-6, 0.5, 4),
                    new ClipStage.Settings(2, 1e-4, 20f, 4).withExpressionGroups(1),
                    new IdentityStage.Settings(2, 1e-4, 0.1f, 0.1, 4),
                    new BaseStage.Settings(4, 1e-4, b.emptyPrompt(), b.noIdentity(), b.noPose(), b.minSnrGamma(),
                            b.ema(), 2, 1.0), 2, 0, 0);
        }

        long steps(String stage) {
            return switch (stage) {
                case "vae" -> vaeSteps;
                case "clip" -> clipSteps;
                case "identity" -> identitySteps;
                default -> baseSteps;
            };
        }
    }

    /** Told when a stage finishes (also when it was already finished before this run). */
    public interface Listener {
        void finished(String stage, Path finalCheckpoint) throws IOException;
    }

    /** @param finished whether every stage up to {@code until} has its final checkpoint */
    public record Outcome(boolean finished) {
    }

    private final Path work;
    private final long seed;
    private final Plan plan;

    public FoundationChain(Path work, long seed, Plan plan) {
        this.work = work;
        this.seed = seed;
        this.plan = plan;
    }

    public Path runs() {
        return work.resolve("runs");
    }

    /**
     * Runs the chain up to {@code until}.
     *
     * @param budget  wall time for this call (null = none); a stage stopped by it is resumed by the next call
     * @param signals stop cleanly on SIGINT/SIGTERM (the CLI); a service leaves signals to its runtime
     */
    public Outcome run(String until, Duration budget, TrainingLoop.ProgressMode progress, String command,
                       PrintStream log, LongConsumer renderProgress, Listener listener, boolean signals)
            throws Exception {
        int last = STAGES.indexOf(until);
        if (last < 0) {
            throw new IllegalArgumentException("until must be one of " + STAGES + " (was '" + until + "')");
        }
        long t0 = System.nanoTime();
        Path train = ensureViews(work.resolve("data/views-train"), Split.TRAIN, plan.trainViews(), 500,
                renderProgress, log);
        Path validation = ensureViews(work.resolve("data/views-validation"), Split.VALIDATION,
                plan.validationViews(), 256, renderProgress, log);
        for (String name : STAGES.subList(0, last + 1)) {
            Path runDir = runs().resolve(name);
            Path fin = runDir.resolve("final");
            if (!Files.exists(fin.resolve("manifest.json"))) {
                Duration left = budget == null ? null : budget.minusNanos(System.nanoTime() - t0);
                if (left != null && (left.isNegative() || left.isZero())) {
                    log.println("budget used; run again to continue");
                    return new Outcome(false);
                }
                int sampleEvery = name.equals("base") ? plan.baseSampleEvery()
                        : name.equals("vae") ? plan.vaeSampleEvery() : 0;
                TrainingLoop.Options o = new TrainingLoop.Options(runDir, plan.steps(name), plan.checkpointEvery(),
                        sampleEvery, left, seed, progress, name + "-s" + seed + "-" + plan.steps(name), command, 2);
                try (TrainingStage stage = stage(name, train, validation, runDir, log)) {
                    TrainingLoop loop = new TrainingLoop(stage, o, log);
                    if (!(signals ? loop.runWithSignalHandling() : loop.run()).finished()) {
                        return new Outcome(false);
                    }
                }
            }
            if (listener != null) {
                listener.finished(name, fin);
            }
        }
        return new Outcome(true);
    }

    private TrainingStage stage(String name, Path train, Path validation, Path runDir, PrintStream log)
            throws IOException {
        return switch (name) {
            case "vae" -> new VaeStage(train, validation, seed, plan.vae());
            case "clip" -> new ClipStage(train, validation, seed, plan.clip());
            case "identity" -> new IdentityStage(train, validation, runs().resolve("clip/final"), seed,
                    plan.identity());
            default -> new BaseStage(train, validation, runs().resolve("vae/final"), runs().resolve("clip/final"),
                    runs().resolve("identity/final"), runDir.resolve("cache/corpus.ndlist"), seed, plan.base(), log);
        };
    }

    private Path ensureViews(Path dir, Split split, int count, int perShard, LongConsumer progress, PrintStream log)
            throws IOException {
        if (!Files.exists(dir.resolve(DatasetManifest.FILE))) {
            long t0 = System.nanoTime();
            DatasetManifest m = StudioDatasets.renderViews(dir, count,
                    new StudioDatasets.Options(seed, split, 128, Math.min(perShard, count), plan.renderThreads(), 1),
                    progress);
            log.printf("%s: %d samples in %.0f s%n", dir, m.count(), (System.nanoTime() - t0) / 1e9);
        } else {
            String by = DatasetManifest.read(dir).generator();
            if (!DatasetManifest.GENERATOR.equals(by)) {
                log.printf("%s was rendered by %s, this studio is %s: training continues on it; delete the "
                        + "directory to re-render it (and train the stages again)%n", dir, by, DatasetManifest.GENERATOR);
            }
        }
        return dir;
    }
}
