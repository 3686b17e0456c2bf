package io.likeness.trainer.cli;

import io.likeness.contracts.model.PromotionGate;
import io.likeness.mcdm.checkpoint.CheckpointManifest;
import io.likeness.mcdm.checkpoint.CheckpointStore;
import io.likeness.mcdm.engine.EditorModelsFactory;
import io.likeness.mcdm.engine.TinyMcdmModelsFactory;
import io.likeness.trainer.mcdm.EditSheet;
import io.likeness.trainer.mcdm.McdmEvaluation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code eval}: MCDM checkpoints on held-out studio people (test split, exact ground truth), with and without mask
 * guidance; prints a Markdown table (one row per checkpoint and mode).
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Evaluate product checkpoints on held-out studio people, with and without mask guidance.")
public final class EvalCommand implements Callable<Integer> {

    @Parameters(description = "Product checkpoint directories (mcdm-tiny).")
    List<Path> checkpoints;

    @Option(names = "--foundation", defaultValue = "var/train/runs",
            description = "Directory with the clip/ and identity/ runs, the judges (default ${DEFAULT-VALUE}).")
    Path foundation;

    @Option(names = "--people", defaultValue = "8", description = "Held-out people (× 8 directions).")
    int people;

    @Option(names = "--seed", defaultValue = "11")
    long seed;

    @Option(names = "--sheet", description = "Also write the contact sheet of the first checkpoint's masked edits "
            + "(rows per person: edits, edits with the editing mask, exact x_B with the exact mask) to this PNG.")
    Path sheet;

    @Option(names = "--steps", description = "Denoising steps per edit (default: the product's, ${DEFAULT-VALUE}).",
            defaultValue = "" + io.likeness.mcdm.edit.EditRequest.DEFAULT_STEPS)
    int steps;

    @Option(names = "--record", description = "Write the first checkpoint's numbers into its manifest's metrics "
            + "(masked mode under their own names, unmasked with the suffix _no_mask), where publishing's promotion "
            + "gate and the shipped default read them.")
    boolean record;

    @Override
    public Integer call() throws Exception {
        List<String> rows = new ArrayList<>();
        Map<String, Double> recorded = new TreeMap<>();
        List<String> header = null;
        try (McdmEvaluation eval = new McdmEvaluation(foundation, people, seed, steps)) {
            for (Path dir : checkpoints) {
                boolean first = dir == checkpoints.get(0);
                CheckpointManifest m = CheckpointStore.verify(dir);
                try (EditorModelsFactory.LoadedModels models = new TinyMcdmModelsFactory().load(dir, m)) {
                    for (boolean mask : List.of(true, false)) {
                        long t0 = System.nanoTime();
                        McdmEvaluation.Outputs o = eval.run(models, mask, seed, null);
                        if (sheet != null && mask && first) {
                            EditSheet.write(sheet, eval.cases(), o);
                        }
                        Map<String, Double> s = new LinkedHashMap<>(eval.score(o));
                        s.putIfAbsent("mask_iou", Double.NaN);
                        s.put("seconds_per_edit", (System.nanoTime() - t0) / 1e9 / o.images().size());
                        if (header == null) {
                            header = new ArrayList<>(s.keySet());
                        }
                        StringBuilder b = new StringBuilder("| " + m.version() + " | " + (mask ? "mask" : "no mask")
                                + " |");
                        for (String k : header) {
                            b.append(String.format(Locale.ROOT, " %.3f |", s.get(k)));
                        }
                        rows.add(b.toString());
                        if (record && first) {
                            recorded.putAll(recordable(s, mask ? "" : "_no_mask"));
                        }
                        System.err.println(b);
                        StringBuilder e = new StringBuilder("  expressions read (" + (mask ? "mask" : "no mask") + "):");
                        eval.expressions(o).perDirection().forEach((d, v) -> e.append(String.format(Locale.ROOT,
                                " %s %.2f", d.id(), v)));
                        System.err.println(e);
                    }
                }
            }
        }
        if (record) {
            Path dir = checkpoints.get(0);
            recorded.put("eval_people", (double) people);
            recorded.put("eval_seed", (double) seed);
            recorded.put("eval_steps", (double) steps);
            CheckpointStore.writeManifest(dir, CheckpointStore.readManifest(dir).withMetrics(recorded));
            System.err.println("recorded " + recorded.size() + " metrics in " + dir.resolve("manifest.json"));
        }
        System.out.println("| checkpoint | mode | " + String.join(" | ", header) + " |");
        System.out.println("|---|---" + "|---".repeat(header.size()) + "|");
        rows.forEach(System.out::println);
        return 0;
    }

    /** The finite numbers of one mode that the promotion gate compares (timings and counts are not the model's). */
    static Map<String, Double> recordable(Map<String, Double> scores, String suffix) {
        Map<String, Double> out = new TreeMap<>();
        scores.forEach((k, v) -> {
            if (Double.isFinite(v) && PromotionGate.higherIsBetter(k)) {
                out.put(k + suffix, v);
            }
        });
        return out;
    }
}
