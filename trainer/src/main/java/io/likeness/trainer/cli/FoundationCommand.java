package io.likeness.trainer.cli;

import io.likeness.trainer.foundation.FoundationChain;
import io.likeness.trainer.train.TrainingLoop;
import java.nio.file.Path;
import java.time.Duration;
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

    @Option(names = "--plan", defaultValue = "shipped",
            description = "shipped (the sizes the shipped models used) or toy (8 people, 2 steps a stage: a smoke test).")
    String plan;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!FoundationChain.STAGES.contains(until)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--until must be one of "
                    + FoundationChain.STAGES);
        }
        FoundationChain.Plan p = switch (plan) {
            case "shipped" -> FoundationChain.Plan.shipped();
            case "toy" -> FoundationChain.Plan.toy();
            default -> throw new CommandLine.ParameterException(spec.commandLine(), "--plan must be shipped or toy");
        };
        FoundationChain chain = new FoundationChain(work, seed, p);
        FoundationChain.Outcome out = chain.run(until,
                budgetMinutes == null ? null : Duration.ofMillis((long) (budgetMinutes * 60_000)),
                TrainingLoop.ProgressMode.valueOf(progress.toUpperCase(Locale.ROOT)),
                "likeness-trainer " + String.join(" ", spec.commandLine().getParseResult().originalArgs()), System.out,
                Progress.every(p.trainViews()),
                (stage, dir) -> System.out.printf(Locale.ROOT, "%s: done (%s)%n", stage, dir), true);
        return out.finished() ? 0 : 3;
    }
}
