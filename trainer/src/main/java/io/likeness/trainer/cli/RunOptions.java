package io.likeness.trainer.cli;

import io.likeness.trainer.train.DirectoryLock;
import io.likeness.trainer.train.RunDirectory;
import io.likeness.trainer.train.TrainingLoop;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/** Options every training stage shares. */
final class RunOptions {

    @Option(names = "--run-dir", required = true,
            description = "Run directory: checkpoints, losses, samples, final checkpoint. Re-running with the same "
                    + "directory resumes.")
    Path runDir;

    @Option(names = "--steps", description = "Total optimizer steps of the stage (default: the stage's).")
    Long steps;

    @Option(names = "--checkpoint-every", defaultValue = "200",
            description = "Steps between checkpoints (default ${DEFAULT-VALUE}).")
    int checkpointEvery;

    @Option(names = "--sample-every", defaultValue = "1000",
            description = "Steps between sample pictures, 0 for only at the end (default ${DEFAULT-VALUE}).")
    int sampleEvery;

    @Option(names = "--budget-minutes", description = "Stop (after a checkpoint) when this wall time is used; "
            + "run again to resume.")
    Double budgetMinutes;

    @Option(names = "--seed", defaultValue = "1", description = "Run seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--progress", defaultValue = "bar",
            description = "bar (progress bar with ETA), lines (a log line now and then) or none "
                    + "(default ${DEFAULT-VALUE}).")
    String progress;

    @Option(names = "--keep-checkpoints", defaultValue = "2",
            description = "Checkpoints kept on disk (default ${DEFAULT-VALUE}).")
    int keep;

    @Option(names = "--cooldown-steps", defaultValue = "0",
            description = "Let the learning rate fall to zero over the last N of --steps (1 - sqrt, as in "
                    + "warmup-stable-decay schedules); a run trained at a constant rate can be continued this way from "
                    + "a checkpoint copied into a new --run-dir. 0 = constant (default ${DEFAULT-VALUE}).")
    long cooldownSteps;

    @Option(names = "--branch-from",
            description = "Start a new --run-dir from this checkpoint of another run (a checkpoints/step-NNNNNN "
                    + "directory): it is copied in and training resumes from it, e.g. to give a run a "
                    + "--cooldown-steps while the original stays as it was. Ignored once the new run has checkpoints "
                    + "of its own, so the same command resumes.")
    Path branchFrom;

    @Option(names = "--version-name", description = "Version of the final checkpoint (default <stage>-<seed>-<steps>).")
    String version;

    /** Carries out {@code --branch-from} if given and the run directory has no checkpoint yet. */
    void branchIfAsked(java.io.PrintStream log) throws java.io.IOException {
        if (branchFrom == null) {
            return;
        }
        RunDirectory dir = new RunDirectory(runDir);
        try (DirectoryLock held = dir.lock()) {
            if (dir.latest().isPresent()) {
                log.println("--branch-from ignored: " + runDir + " has checkpoints of its own; resuming those");
                return;
            }
            long step = dir.branchFrom(branchFrom);
            log.println("branched " + runDir + " from " + branchFrom + " at step " + step);
        }
    }

    TrainingLoop.Options loopOptions(String stage, long defaultSteps, String command) {
        long total = steps == null ? defaultSteps : steps;
        return new TrainingLoop.Options(runDir, total, checkpointEvery, sampleEvery,
                budgetMinutes == null ? null : Duration.ofMillis((long) (budgetMinutes * 60_000)), seed,
                TrainingLoop.ProgressMode.valueOf(progress.toUpperCase(java.util.Locale.ROOT)),
                version == null ? stage + "-s" + seed + "-" + total : version, command, keep, cooldownSteps);
    }
}
