package io.likeness.trainer.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code studio}: the synthetic portrait studio's command group. Plain picocli (no Quarkus), so it can be run by
 * {@link StudioMain} or mounted as a subcommand of the trainer's main command.
 */
@Command(name = "studio", mixinStandardHelpOptions = true,
        description = "Synthetic portrait studio: render corpora, exact validation pairs, contact sheets; benchmark.",
        subcommands = {RenderCommand.class, PairsCommand.class, SheetCommand.class, BenchCommand.class,
            CommandLine.HelpCommand.class})
public final class StudioCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
