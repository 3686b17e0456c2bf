package io.likeness.mcdm.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import io.likeness.mcdm.edit.EditRequest;
import io.likeness.mcdm.edit.Editor;
import io.likeness.mcdm.edit.EditorConfig;
import io.likeness.mcdm.edit.EditorModels;
import io.likeness.mcdm.edit.PreparedImage;
import io.likeness.mcdm.nn.McdmModelSet;
import io.likeness.mcdm.nn.TinyPresets;
import io.likeness.mcdm.schedule.NoiseSchedule;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * End-to-end edit benchmark on the tiny MCDM networks (not a test): one full edit (20 UniPC steps, 5-row
 * mask-guided rows per step, auto mask with 10 seeds) with the guidance rows batched into one forward per step
 * versus evaluated row by row; the mask pass alone; prepare (VAE encode + image tokens). Medians of N runs.
 * Arguments: [runs] (default 3). Threads: {@code -Dai.djl.pytorch.num_threads=N}.
 */
public final class EditBench {

    private EditBench() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        Engine.getInstance().setRandomSeed(1);
        System.out.printf(Locale.ROOT, "engine %s %s, threads=%s, java %s, load average %s%n",
                Engine.getInstance().getEngineName(), Engine.getInstance().getVersion(),
                System.getProperty("ai.djl.pytorch.num_threads", "default"), System.getProperty("java.version"), load());
        try (NDManager model = NDManager.newBaseManager("PyTorch")) {
            McdmModelSet set = McdmModelSet.createTiny(TinyPresets.defaultTokenizer(), model);
            EditorModels batched = set.editorModels();
            EditorModels rowByRow = new EditorModels(new RowByRowModel(set.unet()), set.vae(), set.textConditioner(),
                    set.imageConditioner());
            Editor fast = new Editor(batched, NoiseSchedule.stableDiffusion(), EditorConfig.defaults("bench"));
            Editor slow = new Editor(rowByRow, NoiseSchedule.stableDiffusion(), EditorConfig.defaults("bench"));
            BufferedImage image = portrait();
            String src = "a person, normal costume";
            String dst = "a person, Santa Claus costume";

            double prepare = median(runs, () -> {
                try (PreparedImage p = fast.prepare(image)) {
                    return p.width();
                }
            });
            try (PreparedImage p = fast.prepare(image); PreparedImage q = slow.prepare(image)) {
                fast.edit(p, EditRequest.builder(dst).sourcePrompt(src).autoMask(0.2).seed(1).steps(20).build()); // warm-up
                double maskBatched = median(runs, () -> fast.mask(p, src, dst, 0.2, 3));
                double maskRows = median(runs, () -> slow.mask(q, src, dst, 0.2, 3));
                double editBatched = median(runs, () -> fast.edit(p, EditRequest.builder(dst).sourcePrompt(src)
                        .autoMask(0.2).seed(2).steps(20).build()));
                double editRows = median(runs, () -> slow.edit(q, EditRequest.builder(dst).sourcePrompt(src)
                        .autoMask(0.2).seed(2).steps(20).build()));
                double editNoMask = median(runs, () -> fast.edit(p, EditRequest.builder(dst).noMask().seed(2).steps(20).build()));
                System.out.printf(Locale.ROOT, "prepare (VAE encode + image tokens): %8.0f ms%n", prepare);
                System.out.printf(Locale.ROOT, "mask, 10 seeds × 5 rows: batched %8.0f ms, row by row %8.0f ms, ratio %.2f%n",
                        maskBatched, maskRows, maskBatched / maskRows);
                System.out.printf(Locale.ROOT, "edit, auto mask + 20 steps × 5 rows: batched %8.0f ms, row by row %8.0f ms, ratio %.2f%n",
                        editBatched, editRows, editBatched / editRows);
                System.out.printf(Locale.ROOT, "edit, no mask, 20 steps × 4 rows, batched: %8.0f ms%n", editNoMask);
            }
            System.out.printf(Locale.ROOT, "load average after: %s%n", load());
        }
    }

    private static double median(int runs, Supplier<?> work) {
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            work.get();
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        return ms[runs / 2];
    }

    private static BufferedImage portrait() {
        BufferedImage image = new BufferedImage(128, 128, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(170, 190, 210));
        g.fillRect(0, 0, 128, 128);
        g.setColor(new Color(225, 185, 150));
        g.fillOval(40, 24, 48, 60);
        g.dispose();
        return image;
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (Exception e) {
            return "n/a";
        }
    }
}
