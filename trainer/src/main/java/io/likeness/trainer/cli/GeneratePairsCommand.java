package io.likeness.trainer.cli;

import io.likeness.mcdm.guidance.RegionWeights;
import io.likeness.trainer.dataset.DatasetManifest;
import io.likeness.trainer.pairs.DiffusionPairGenerator;
import io.likeness.trainer.pairs.GeneratedPairs;
import io.likeness.trainer.pairs.PairConditions;
import io.likeness.trainer.pairs.PairQuality;
import io.likeness.trainer.pairs.PairSheet;
import io.likeness.trainer.pairs.PairSynthesizer;
import io.likeness.trainer.studio.Direction;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code pairs generate|quality}: paired-data generation with the base model (paper §3.2) and its quality. */
@Command(name = "pairs", mixinStandardHelpOptions = true,
        description = "Generate paired data with the foundation models and measure its quality against studio truth.",
        subcommands = {GeneratePairsCommand.Generate.class, GeneratePairsCommand.Quality.class,
            GeneratePairsCommand.Sheet.class,
            CommandLine.HelpCommand.class})
public final class GeneratePairsCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** The foundation checkpoints. */
    static final class Foundation {
        @Option(names = "--foundation", defaultValue = "var/train/runs",
                description = "Directory with vae/, clip/, identity/, base/ runs (default ${DEFAULT-VALUE}).")
        Path runs;

        Path stage(String name) {
            return runs.resolve(name).resolve("final");
        }
    }

    @Command(name = "generate", mixinStandardHelpOptions = true,
            description = "Generate N pairs per direction (the paper's eight unless --direction is given).")
    static final class Generate implements Callable<Integer> {
        @CommandLine.Mixin
        Foundation foundation;
        @Option(names = "--out", required = true)
        Path out;
        @Option(names = "--per-direction", defaultValue = "150")
        int perDirection;
        @Option(names = "--direction", description = "Direction ids (default: all eight).")
        List<String> directions;
        @Option(names = "--conditions", defaultValue = "full", description = "full, no-pose or no-identity.")
        String conditions;
        @Option(names = "--seed", defaultValue = "7")
        long seed;
        @Option(names = "--batch", defaultValue = "4", description = "Canvases per forward (×4 guidance rows).")
        int batch;
        @Option(names = "--guidance", defaultValue = "7.5", description = "Classifier-free guidance scale on each "
                + "term of Eq. 2 (default ${DEFAULT-VALUE}, the paper's; the tiny base draws expressions from text "
                + "better at 2).")
        double guidance;

        @Override
        public Integer call() throws Exception {
            List<GeneratedPairs.DirectionSpec> specs = new ArrayList<>();
            for (Direction d : Direction.edits()) {
                if (directions == null || directions.contains(d.id())) {
                    specs.add(GeneratedPairs.DirectionSpec.of(d));
                }
            }
            PairConditions c = PairConditions.of(conditions);
            long t0 = System.nanoTime();
            int total = specs.size() * perDirection;
            try (PairSynthesizer synth = DiffusionPairGenerator.open(foundation.runs,
                    RegionWeights.paper().withCfgScale(guidance))) {
                DatasetManifest m = GeneratedPairs.generate(synth, specs, perDirection, seed, c, batch, out,
                        n -> System.err.printf(Locale.ROOT, "  %d / %d pairs (%.1f s/pair)%n", n, total,
                                (System.nanoTime() - t0) / 1e9 / n));
                System.out.printf(Locale.ROOT, "%s: %d pairs (%s, guidance %.1f) at %s in %.0f s%n", m.kind(),
                        m.count(), c.id(), guidance, out, (System.nanoTime() - t0) / 1e9);
            }
            return 0;
        }
    }

    @Command(name = "quality", mixinStandardHelpOptions = true,
            description = "Pair quality of generated datasets against studio truth (one row per dataset).")
    static final class Quality implements Callable<Integer> {
        @CommandLine.Mixin
        Foundation foundation;
        @CommandLine.Parameters(description = "Generated pair datasets.")
        List<Path> datasets;
        @Option(names = "--limit", description = "Only the first N pairs of each dataset (datasets of the same seed "
                + "share person, pose and noise pair by pair: the fair comparison with a smaller ablation).")
        Integer limit;

        @Override
        public Integer call() throws Exception {
            try (PairQuality q = new PairQuality(foundation.stage("clip"), foundation.stage("identity"))) {
                boolean header = true;
                for (Path d : datasets) {
                    Map<String, Double> m = q.measure(d, limit == null ? Integer.MAX_VALUE : limit);
                    if (header) {
                        System.out.println("| dataset | " + String.join(" | ", m.keySet()) + " |");
                        System.out.println("|---" + "|---".repeat(m.size()) + "|");
                        header = false;
                    }
                    StringBuilder b = new StringBuilder("| " + d.getFileName() + " |");
                    m.values().forEach(v -> b.append(String.format(Locale.ROOT, " %.3f |", v)));
                    System.out.println(b);
                }
            }
            return 0;
        }
    }

    @Command(name = "sheet", mixinStandardHelpOptions = true,
            description = "Figure 3 as a picture: the same pairs (same seed) from several datasets side by side, "
                    + "with the reference, the pose map and the studio truth.")
    static final class Sheet implements Callable<Integer> {
        @Option(names = "--out", required = true, description = "Output PNG.")
        Path out;
        @Option(names = "--rows", defaultValue = "16", description = "Pairs from the start of the first dataset "
                + "(default ${DEFAULT-VALUE}: two per direction of the paper's eight).")
        int rows;
        @CommandLine.Parameters(description = "Generated pair datasets, one column pair each, e.g. full no-pose "
                + "no-identity.")
        List<Path> datasets;

        @Override
        public Integer call() throws Exception {
            int n = PairSheet.write(out, datasets, rows);
            System.out.println("wrote " + out + " (" + n + " pairs x " + datasets.size() + " datasets)");
            return 0;
        }
    }
}
