package io.likeness.trainer.train;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.likeness.mcdm.checkpoint.ArchitectureSpec;
import io.likeness.mcdm.checkpoint.CheckpointManifest;
import io.likeness.mcdm.checkpoint.CheckpointStore;
import io.likeness.mcdm.checkpoint.TrainingProvenance;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * The training loop every stage shares: AdamW, optional EMA, periodic checkpoints with exact resume, the loss log
 * and its plot, sample pictures, a progress bar with ETA, a wall-time budget, and a clean stop on SIGINT/SIGTERM
 * (the current step finishes and a checkpoint is written before the JVM exits).
 *
 * <p>Exact resume: weights, optimizer moments and step count, EMA weights, the data stream's position and the step
 * number (which with the run seed determines every random draw, see {@link StepRandom}) are restored, so a run
 * killed and resumed makes the same updates as one that was never interrupted.
 */
public final class TrainingLoop {

    /** How progress is shown. */
    public enum ProgressMode { BAR, LINES, NONE }

    /**
     * @param steps           total optimizer steps of the stage (a resumed run continues up to it)
     * @param checkpointEvery steps between checkpoints
     * @param sampleEvery     steps between sample pictures (0 for none until the end)
     * @param budget          wall time for this invocation (null = unlimited); the loop checkpoints and returns
     *                        when it runs out, and the next invocation resumes
     * @param version         version name of the final checkpoint
     * @param command         the command that reproduces the run (recorded in the final manifest)
     * @param cooldownSteps   the last updates over which the learning rate falls to zero ({@link Cooldown}); 0 =
     *                        constant after the warm-up
     */
    public record Options(Path runDir, long steps, int checkpointEvery, int sampleEvery, Duration budget, long seed,
                          ProgressMode progress, String version, String command, int keepCheckpoints,
                          long cooldownSteps) {
        public Options {
            if (steps <= 0 || checkpointEvery <= 0) {
                throw new IllegalArgumentException("steps and checkpointEvery must be positive");
            }
            if (cooldownSteps < 0 || cooldownSteps > steps) {
                throw new IllegalArgumentException("the cooldown (" + cooldownSteps + " steps) must be between 0 "
                        + "and the run's " + steps + " steps");
            }
        }

        /** Options without a cooldown. */
        public Options(Path runDir, long steps, int checkpointEvery, int sampleEvery, Duration budget, long seed,
                       ProgressMode progress, String version, String command, int keepCheckpoints) {
            this(runDir, steps, checkpointEvery, sampleEvery, budget, seed, progress, version, command,
                    keepCheckpoints, 0);
        }

        public Cooldown cooldown() {
            return new Cooldown(steps, cooldownSteps);
        }
    }

    /** What one invocation did. */
    public record Outcome(long startStep, long endStep, boolean finished, double sessionSeconds, double trainSeconds,
                          Map<String, Double> metrics, Path finalCheckpoint) {
    }

    private final TrainingStage stage;
    private final Options options;
    private final PrintStream log;
    private final AtomicBoolean stopRequested = new AtomicBoolean();

    public TrainingLoop(TrainingStage stage, Options options, PrintStream log) {
        this.stage = stage;
        this.options = options;
        this.log = log;
    }

    /** Asks the loop to stop after the current step (it then writes a checkpoint). */
    public void requestStop() {
        stopRequested.set(true);
    }

    /** Runs with a shutdown hook that turns SIGINT/SIGTERM into {@link #requestStop()} and waits for the save. */
    public Outcome runWithSignalHandling() throws IOException {
        CountDownLatch done = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            requestStop();
            try {
                done.await(120, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "training-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return run();
        } finally {
            done.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it waited for us
            }
        }
    }

    public Outcome run() throws IOException {
        RunDirectory dir = new RunDirectory(options.runDir());
        long t0 = System.nanoTime();
        try (DirectoryLock held = dir.lock();
                NDManager manager = NDManager.newBaseManager();
                AdamW opt = new AdamW(stage.optimizer(), stage.parameters(), manager);
                Ema ema = stage.emaDecay() > 0 ? new Ema(stage.emaDecay(), stage.parameters(), manager) : null;
                LossLog losses = new LossLog(dir.losses())) {
            long step = 0;
            double trainSecondsBefore = 0;
            Optional<Path> latest = dir.latest();
            if (latest.isPresent()) {
                TrainState st = restore(latest.get(), manager, opt, ema);
                step = st.step();
                trainSecondsBefore = st.trainSeconds();
                log.printf(Locale.ROOT, "%s: resuming at step %d of %d from %s (%.0f s trained so far)%n",
                        stage.name(), step, options.steps(), options.runDir().relativize(latest.get()),
                        trainSecondsBefore);
            } else {
                log.printf(Locale.ROOT, "%s: starting a new run of %d steps in %s%n", stage.name(), options.steps(),
                        options.runDir());
            }
            Optional<Outcome> finished = alreadyFinished(dir, step, trainSecondsBefore, t0);
            if (finished.isPresent()) {
                return finished.get();
            }
            long startStep = step;
            losses.open(step);
            long deadline = options.budget() == null ? Long.MAX_VALUE : t0 + options.budget().toNanos();
            long lastSaved = step;
            double trainSeconds = trainSecondsBefore;
            Cooldown cooldown = options.cooldown();
            if (options.cooldownSteps() > 0) {
                log.printf(Locale.ROOT, "%s: learning rate falls to zero over steps %d to %d (1 - sqrt cooldown)%n",
                        stage.name(), cooldown.start() + 1, options.steps());
            }
            try (ProgressBar bar = progressBar(step)) {
                while (step < options.steps() && !stopRequested.get() && System.nanoTime() < deadline) {
                    long s0 = System.nanoTime();
                    Map<String, Double> l;
                    double norm;
                    opt.scale(cooldown.factor(step));
                    double lr = opt.learningRate();
                    try (NDManager stepManager = manager.newSubManager()) {
                        l = stage.step(stepManager, step);
                        norm = opt.update(stepManager);
                    }
                    if (ema != null) {
                        ema.update();
                    }
                    step++;
                    double secs = (System.nanoTime() - s0) / 1e9;
                    trainSeconds += secs;
                    losses.append(step, secs, lr, norm, l);
                    report(bar, step, l, secs);
                    if (step % options.checkpointEvery() == 0 || step == options.steps()) {
                        losses.flush();
                        save(dir, step, trainSeconds, opt, ema);
                        lastSaved = step;
                        LossLog.plot(dir.losses(), dir.lossPlot(), stage.name() + " loss");
                    }
                    if (options.sampleEvery() > 0 && step % options.sampleEvery() == 0) {
                        long done = step;
                        withEma(ema, () -> stage.writeSamples(dir.samples(done), done));
                    }
                }
            }
            losses.flush();
            if (step != lastSaved) {
                save(dir, step, trainSeconds, opt, ema);
            }
            if (step > startStep) {
                LossLog.plot(dir.losses(), dir.lossPlot(), stage.name() + " loss");
            }
            double session = (System.nanoTime() - t0) / 1e9;
            if (step < options.steps()) {
                log.printf(Locale.ROOT, "%s: stopped at step %d of %d (%s); %.0f s this session, %.0f s in total. "
                                + "Run the same command again to resume.%n", stage.name(), step, options.steps(),
                        stopRequested.get() ? "stop requested" : "time budget used", session, trainSeconds);
                return new Outcome(startStep, step, false, session, trainSeconds, Map.of(), null);
            }
            Map<String, Double> metrics = new LinkedHashMap<>();
            Path out = dir.finalCheckpoint();
            if (ema != null) {
                ema.copyToParameters();
            }
            if (options.sampleEvery() > 0 || startStep < step) {
                stage.writeSamples(dir.samples(step), step);
            }
            metrics.putAll(stage.evaluate());
            metrics.put("train_seconds", trainSeconds);
            metrics.put("steps", (double) step);
            writeFinal(out, metrics);
            log.printf(Locale.ROOT, "%s: finished %d steps in %.0f s of training; metrics %s; checkpoint %s%n",
                    stage.name(), step, trainSeconds, metrics, out);
            return new Outcome(startStep, step, true, (System.nanoTime() - t0) / 1e9, trainSeconds, metrics, out);
        }
    }

    /**
     * The outcome of a run that already reached its steps and wrote a final checkpoint of this version and length:
     * the same command run again reports it instead of drawing the samples and evaluating again (minutes for the
     * base). A final checkpoint that does not verify, or of another version or length, is written again.
     */
    private Optional<Outcome> alreadyFinished(RunDirectory dir, long step, double trainSeconds, long t0)
            throws IOException {
        Path out = dir.finalCheckpoint();
        if (step != options.steps() || !Files.isDirectory(out)) {
            return Optional.empty();
        }
        CheckpointManifest manifest;
        try {
            manifest = CheckpointStore.verify(out);
        } catch (IOException | RuntimeException e) {
            log.printf(Locale.ROOT, "%s: the final checkpoint does not verify (%s); writing it again%n", stage.name(),
                    e.getMessage());
            return Optional.empty();
        }
        if (!manifest.version().equals(options.version()) || manifest.provenance().steps() != options.steps()) {
            return Optional.empty();
        }
        log.printf(Locale.ROOT, "%s: already finished: %d steps, final checkpoint %s (%s); metrics %s. Delete it to "
                        + "draw the samples and evaluate again.%n", stage.name(), step, out, manifest.version(),
                manifest.metrics());
        return Optional.of(new Outcome(step, step, true, (System.nanoTime() - t0) / 1e9, trainSeconds,
                manifest.metrics(), out));
    }

    private interface IoAction {
        void run() throws IOException;
    }

    private static void withEma(Ema ema, IoAction action) throws IOException {
        if (ema != null) {
            ema.swap();
        }
        try {
            action.run();
        } finally {
            if (ema != null) {
                ema.swap();
            }
        }
    }

    private ProgressBar progressBar(long step) {
        if (options.progress() != ProgressMode.BAR) {
            return null;
        }
        return new ProgressBarBuilder().setTaskName(stage.name()).setInitialMax(options.steps())
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(1000).setUnit(" steps", 1)
                .showSpeed(new java.text.DecimalFormat("0.00")).startsFrom(step, Duration.ZERO)
                .continuousUpdate().build();
    }

    private void report(ProgressBar bar, long step, Map<String, Double> l, double secs) {
        String first = l.entrySet().iterator().next().getKey();
        String msg = String.format(Locale.ROOT, "%s %.4f", first, l.get(first));
        if (bar != null) {
            bar.stepTo(step);
            bar.setExtraMessage(msg);
        } else if (options.progress() == ProgressMode.LINES
                && (step % Math.max(1, options.checkpointEvery() / 5) == 0 || step == options.steps())) {
            log.printf(Locale.ROOT, "%s: step %d/%d %s %.2f s/step%n", stage.name(), step, options.steps(), msg, secs);
        }
    }

    private void save(RunDirectory dir, long step, double trainSeconds, AdamW opt, Ema ema) throws IOException {
        Path tmp = dir.begin(step);
        CheckpointStore.save(tmp, manifest(stage.name() + "-step-" + step, Map.of(), step), blocks());
        opt.save(tmp.resolve("optimizer.ndlist"));
        if (ema != null) {
            ema.save(tmp.resolve("ema.ndlist"));
        }
        TrainState st = new TrainState(stage.name(), step, options.seed(), stage.dataPosition(), trainSeconds);
        RunDirectory.JSON.writeValue(tmp.resolve("state.json").toFile(), st);
        dir.commit(tmp, step, Math.max(1, options.keepCheckpoints()));
    }

    private TrainState restore(Path ckpt, NDManager manager, AdamW opt, Ema ema) throws IOException {
        TrainState st = RunDirectory.JSON.readValue(ckpt.resolve("state.json").toFile(), TrainState.class);
        if (!st.stage().equals(stage.name()) || st.seed() != options.seed()) {
            throw new IOException(ckpt + " belongs to stage " + st.stage() + " with seed " + st.seed()
                    + ", not " + stage.name() + " with seed " + options.seed() + "; use another --run-dir");
        }
        CheckpointStore.load(ckpt, manager, blocks());
        // loading replaces the parameter arrays; the new ones must record gradients again
        stage.parameters().values().forEach(p -> p.getArray().setRequiresGradient(true));
        opt.load(ckpt.resolve("optimizer.ndlist"));
        if (ema != null) {
            ema.load(ckpt.resolve("ema.ndlist"));
        }
        stage.seek(st.dataPosition());
        return st;
    }

    private Map<String, Block> blocks() {
        Map<String, Block> out = new LinkedHashMap<>();
        stage.trainable().forEach(out::put);
        return out;
    }

    private void writeFinal(Path out, Map<String, Double> metrics) throws IOException {
        if (Files.exists(out)) {
            RunDirectory.deleteTree(out);
        }
        Map<String, Block> published = new LinkedHashMap<>();
        stage.published().forEach(published::put);
        CheckpointStore.save(out, manifest(options.version(), metrics, options.steps()), published);
    }

    private CheckpointManifest manifest(String version, Map<String, Double> metrics, long steps) {
        ArchitectureSpec arch = stage instanceof Architected a ? a.architecture()
                : new ArchitectureSpec(stage.name(), JsonNodeFactory.instance.objectNode());
        TrainingProvenance prov = new TrainingProvenance(options.command() == null ? "" : options.command(),
                List.of(options.seed()), stage instanceof Architected a ? a.dataDescription() : "", steps,
                GitCommit.current());
        return CheckpointManifest.of(version, arch, stage instanceof Architected a ? a.editCatalog() : Map.of(), prov,
                metrics);
    }

    /** Stages that describe their architecture and data for the checkpoint manifest. */
    public interface Architected {
        ArchitectureSpec architecture();

        String dataDescription();

        /** The edit directions the output serves (MCDM checkpoints), by id. */
        default Map<String, io.likeness.mcdm.checkpoint.EditDirection> editCatalog() {
            return Map.of();
        }
    }
}
