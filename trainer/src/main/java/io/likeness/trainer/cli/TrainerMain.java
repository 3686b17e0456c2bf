package io.likeness.trainer.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code likeness-trainer}: the trainer's command line outside Quarkus —
 * {@code java -cp … io.likeness.trainer.cli.TrainerMain train vae --run-dir …} (see {@code deploy/likeness train}).
 */
@Command(name = "likeness-trainer", mixinStandardHelpOptions = true,
        description = "Likeness trainer: the synthetic studio, the foundation models, pair generation and MCDM.",
        subcommands = {StudioCommand.class, TrainCommand.class, FoundationCommand.class,
            GeneratePairsCommand.class, EvalCommand.class, PublishCommand.class, ShipCommand.class, ExtractCommand.class,
            UntrainedCommand.class, ProbeCommand.class,
            CommandLine.HelpCommand.class})
public final class TrainerMain implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        StudioMain.configureRuntime();
        System.exit(new CommandLine(new TrainerMain()).execute(args));
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
