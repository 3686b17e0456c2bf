package io.likeness.trainer.cli;

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

    @Override
    public Integer call() throws Exception {
        List<String> rows = new ArrayList<>();
        List<String> header = null;
        try (McdmEvaluation eval = new McdmEvaluation(foundation, people, seed)) {
            for (Path dir : checkpoints) {
                CheckpointManifest m = CheckpointStore.verify(dir);
                try (EditorModelsFactory.LoadedModels models = new TinyMcdmModelsFactory().load(dir, m)) {
                    for (boolean mask : List.of(true, false)) {
                        long t0 = System.nanoTime();
                        McdmEvaluation.Outputs o = eval.run(models, mask, seed, null);
                        if (sheet != null && mask && dir.equals(checkpoints.get(0))) {
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
                        System.err.println(b);
                    }
                }
            }
        }
        System.out.println("| checkpoint | mode | " + String.join(" | ", header) + " |");
        System.out.println("|---|---" + "|---".repeat(header.size()) + "|");
        rows.forEach(System.out::println);
        return 0;
    }
}
