package io.likeness.trainer.cli;

import io.likeness.trainer.foundation.BaseProbe;
import io.likeness.trainer.foundation.BaseStage;
import io.likeness.trainer.foundation.VaeProbe;
import io.likeness.trainer.studio.Direction;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code probe base}: does a trained base model follow the pose map, say the prompted direction and carry the
 * identity? Measured against the studio's exact renders of the same person, pose and direction ({@link BaseProbe}).
 */
@Command(name = "probe", mixinStandardHelpOptions = true,
        description = "Measure what a trained foundation model does with its conditions.",
        subcommands = {ProbeCommand.Base.class, ProbeCommand.Grid.class, ProbeCommand.Vae.class})
public final class ProbeCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(name = "base", mixinStandardHelpOptions = true,
            description = "Pose following, direction and identity of a base checkpoint on validation people, "
                    + "against the studio's exact renders; prints the numbers and a per-direction table.")
    static final class Base implements Callable<Integer> {
        @Mixin
        BaseSamplingOptions sampling;

        @Option(names = "--people", defaultValue = "8", description = "Validation people (× 8 directions × 3).")
        int people;

        @Option(names = "--sdedit", defaultValue = "0.5", description = "Strength of the SDEdit column of the "
                + "picture (the truth noised this far and denoised by the model); 0 = no such column.")
        double sdedit;

        @Option(names = "--without-identity", description = "Prompt without the person's identity words: what text "
                + "and pose alone draw (the sample grid's text-only columns). The identity cosines are then the "
                + "control. Default: with them, as pair generation samples.")
        boolean withoutIdentity;

        @Option(names = "--reader-renders", defaultValue = "1200", description = "Studio renders the expression "
                + "reader is trained on (default ${DEFAULT-VALUE}).")
        int readerRenders;

        @Option(names = "--reader-steps", defaultValue = "250", description = "Training steps of the expression "
                + "reader, batch 32 (default ${DEFAULT-VALUE}).")
        int readerSteps;

        @Option(names = "--sheet", description = "Write the picture of the first --sheet-people people here (PNG).")
        Path sheet;

        @Option(names = "--sheet-people", defaultValue = "2")
        int sheetPeople;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            if (readerRenders < 8 || readerSteps < 1) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        "--reader-renders must be at least 8 and --reader-steps at least 1");
            }
            boolean stochastic = sampling.stochastic(spec);
            int steps = sampling.steps(stochastic, spec);
            long t0 = System.nanoTime();
            try (BaseStage stage = sampling.open()) {
                BaseProbe.Result r = new BaseProbe(stage, sampling.validation, people, steps,
                        sampling.guidance, stochastic, sdedit,
                        new BaseProbe.ReaderSize(readerRenders, readerSteps, 32, Math.max(8, readerRenders / 6)),
                        !withoutIdentity)
                        .run(sampling.seed, sheet, sheetPeople);
                System.out.printf(Locale.ROOT,
                        "probe of %s (guidance %.1f, %s, seed %d, %s identity words) in %.0f s%n",
                        sampling.checkpoint, sampling.guidance, sampling.describe(stochastic, steps), sampling.seed,
                        withoutIdentity ? "without" : "with", (System.nanoTime() - t0) / 1e9);
                for (Map.Entry<String, Double> e : r.metrics().entrySet()) {
                    System.out.printf(Locale.ROOT, "  %-32s %.3f%n", e.getKey(), e.getValue());
                }
                System.out.println("| direction | zero-shot judge: samples | studio truth "
                        + "| expression reader: samples | studio truth |");
                System.out.println("|---|---|---|---|---|");
                for (BaseProbe.DirectionRow row : r.directions()) {
                    System.out.printf(Locale.ROOT, "| %s | %.2f | %.2f | %s | %s |%n", row.direction().id(),
                            row.samples(), row.truth(), cell(row.expressionSamples()), cell(row.expressionTruth()));
                }
                if (sheet != null) {
                    System.out.println("sheet: " + sheet);
                }
            }
            return 0;
        }

        private static String cell(double v) {
            return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.2f", v);
        }
    }

    @Command(name = "grid", mixinStandardHelpOptions = true,
            description = "The sample grid of a base checkpoint (the eight directions × text only, + pose, "
                    + "+ identity words, + both, for two validation people), with a chosen sampler and seed; with "
                    + "the defaults it is the grid the training wrote at its end.")
    static final class Grid implements Callable<Integer> {
        @Mixin
        BaseSamplingOptions sampling;

        @Option(names = "--out", required = true, description = "PNG to write.")
        Path out;

        @Option(names = "--negative-source", description = "Guide each row away from its task's source caption "
                + "(\"a man, neutral expression\", …) instead of from the unconditional prediction: a "
                + "negative prompt.")
        boolean negativeSource;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            boolean stochastic = sampling.stochastic(spec);
            int steps = sampling.steps(stochastic, spec);
            long t0 = System.nanoTime();
            try (BaseStage stage = sampling.open()) {
                io.likeness.trainer.foundation.BaseSampleGrid.write(stage, sampling.validation, steps,
                        sampling.guidance, stochastic, negativeSource, out, sampling.seed);
            }
            System.out.printf(Locale.ROOT, "grid of %s (guidance %.1f%s, %s, seed %d) in %.0f s: %s%n",
                    sampling.checkpoint, sampling.guidance, negativeSource ? " against the source captions" : "",
                    sampling.describe(stochastic, steps), sampling.seed, (System.nanoTime() - t0) / 1e9, out);
            return 0;
        }
    }

    @Command(name = "vae", mixinStandardHelpOptions = true,
            description = "What one or more autoencoders keep of a face: validation people neutral and in the four "
                    + "expressions round-tripped through each; PSNR of the render and of the face, and the share "
                    + "of expressions an expression reader still reads (the ceiling of any latent model's samples).")
    static final class Vae implements Callable<Integer> {
        @Parameters(arity = "1..*", description = "vae checkpoints (e.g. var/train/runs/vae/final).")
        List<Path> checkpoints;

        @Option(names = "--validation", defaultValue = "var/train/data/views-validation",
                description = "Studio views, validation split (default: ${DEFAULT-VALUE}).")
        Path validation;

        @Option(names = "--people", defaultValue = "64", description = "Validation people (× 5 faces).")
        int people;

        @Option(names = "--seed", defaultValue = "1")
        long seed;

        @Option(names = "--sheet", description = "Write the enlarged faces of the first --sheet-people people here "
                + "(PNG): per person the render, then each checkpoint's round trip; neutral, then the expressions.")
        Path sheet;

        @Option(names = "--sheet-people", defaultValue = "3")
        int sheetPeople;

        @Override
        public Integer call() throws Exception {
            long t0 = System.nanoTime();
            VaeProbe.Result r = new VaeProbe(validation, people).run(checkpoints, seed,
                    BaseProbe.ReaderSize.standard(), sheet, sheetPeople);
            System.out.printf(Locale.ROOT, "vae probe of %d checkpoints on %d people in %.0f s; reader held out "
                    + "%.3f%n", checkpoints.size(), people, (System.nanoTime() - t0) / 1e9, r.readerHeldOutAcc());
            String names = r.truth().perExpression().keySet().stream().map(Direction::id)
                    .collect(Collectors.joining(" / "));
            System.out.println("| faces | PSNR dB | face PSNR dB | expressions read | " + names
                    + " | neutral read as none |");
            System.out.println("|---|---|---|---|---|---|");
            System.out.println(row("studio renders themselves", Double.NaN, Double.NaN, r.truth()));
            for (VaeProbe.Reading x : r.readings()) {
                System.out.println(row(x.version(), x.psnrDb(), x.facePsnrDb(), x.score()));
            }
            if (sheet != null) {
                System.out.println("sheet: " + sheet);
            }
            return 0;
        }

        /** One table row: PSNRs (– for the renders themselves), overall, per expression, neutral read as none. */
        static String row(String faces, double psnr, double facePsnr, VaeProbe.Score s) {
            String per = s.perExpression().values().stream().map(v -> String.format(Locale.ROOT, "%.2f", v))
                    .collect(Collectors.joining(" / "));
            return String.format(Locale.ROOT, "| %s | %s | %s | %.3f | %s | %.3f |", faces, db(psnr), db(facePsnr),
                    s.expressionAcc(), per, s.neutralReadAsNone());
        }

        private static String db(double v) {
            return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.2f", v);
        }
    }
}
