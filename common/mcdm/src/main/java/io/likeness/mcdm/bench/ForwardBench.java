package io.likeness.mcdm.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.likeness.mcdm.nn.McdmModelSet;
import io.likeness.mcdm.nn.clip.WordTokenizer;
import io.likeness.mcdm.nn.unet.UNet2DConditionModel;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Forward-pass benchmark of the tiny MCDM networks (not a test): tiny UNet (8 in) at batch 1/5/20, VAE encode and
 * decode at batch 1, the cost of one batch-5 forward vs five batch-1 forwards, and the text/vision towers.
 * Medians of N runs after warm-up, each run in its own sub-manager. Arguments: [runs] (default 15).
 * Threads: {@code -Dai.djl.pytorch.num_threads=N}.
 */
public final class ForwardBench {

    private ForwardBench() {
    }

    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        Engine.getInstance().setRandomSeed(1);
        Runtime rt = Runtime.getRuntime();
        System.out.printf(Locale.ROOT, "engine %s %s, threads=%s, availableProcessors=%d, java %s%n",
                Engine.getInstance().getEngineName(), Engine.getInstance().getVersion(),
                System.getProperty("ai.djl.pytorch.num_threads", "default"), rt.availableProcessors(),
                System.getProperty("java.version"));
        try (NDManager model = NDManager.newBaseManager("PyTorch")) {
            WordTokenizer tok = WordTokenizer.fromCorpus(WordTokenizer.defaultPortraitWords(), 24);
            McdmModelSet set = McdmModelSet.createTiny(tok, model);
            UNet2DConditionModel unet = set.unet();
            int ctxTokens = set.contextTokens();
            System.out.printf(Locale.ROOT, "tiny UNet %,d params, VAE %,d, text %,d, vision %,d, context %d tokens%n",
                    unet.parameterCount(), set.vae().parameterCount(), set.text().parameterCount(),
                    set.vision().parameterCount(), ctxTokens);
            System.out.printf(Locale.ROOT, "load average before: %s%n", loadAverage());
            // global warm-up: JIT, allocator and oneDNN primitive caches for the shapes below
            median(model, 10, m -> unet.predict(m.randomNormal(new Shape(1, 8, 16, 16)), m.full(new Shape(1), 500f),
                    m.randomNormal(new Shape(1, ctxTokens, 256))));
            double[] unetMs = new double[3];
            int[] batches = {1, 5, 20};
            for (int i = 0; i < batches.length; i++) {
                int b = batches[i];
                unetMs[i] = median(model, runs, m -> unet.predict(m.randomNormal(new Shape(b, 8, 16, 16)),
                        m.full(new Shape(b), 500f), m.randomNormal(new Shape(b, ctxTokens, 256))));
                System.out.printf(Locale.ROOT, "unet batch %2d: %8.1f ms  (%.1f ms/row)%n", b, unetMs[i],
                        unetMs[i] / b);
            }
            double fiveSingles = median(model, runs, m -> {
                for (int k = 0; k < 5; k++) {
                    unet.predict(m.randomNormal(new Shape(1, 8, 16, 16)), m.full(new Shape(1), 500f),
                            m.randomNormal(new Shape(1, ctxTokens, 256)));
                }
            });
            System.out.printf(Locale.ROOT, "5 × batch-1: %8.1f ms; one batch-5 / five batch-1 = %.2f%n", fiveSingles,
                    unetMs[1] / fiveSingles);
            double enc = median(model, runs, m -> set.vae().encodeMean(m.randomUniform(-1f, 1f,
                    new Shape(1, 3, 128, 128))));
            double dec = median(model, runs, m -> set.vae().decode(m.randomNormal(new Shape(1, 4, 16, 16))));
            System.out.printf(Locale.ROOT, "vae encode batch 1: %.1f ms, decode batch 1: %.1f ms%n", enc, dec);
            double txt = median(model, runs, m -> set.textConditioner().encode(m, java.util.List.of(
                    "a woman, santa claus costume")));
            double img = median(model, runs, m -> {
                NDArray x = m.randomUniform(-1f, 1f, new Shape(1, 3, 128, 128));
                set.imageConditioner().encode(x, m.randomNormal(new Shape(1, 4, 16, 16)));
            });
            System.out.printf(Locale.ROOT, "text encode batch 1: %.1f ms, image condition batch 1: %.1f ms%n", txt, img);
            System.out.printf(Locale.ROOT, "rss %d MB, load average after: %s%n", rssMb(), loadAverage());
        }
    }

    private static double median(NDManager parent, int runs, Consumer<NDManager> body) {
        for (int i = 0; i < 3; i++) {
            try (NDManager m = parent.newSubManager()) {
                body.accept(m);
            }
        }
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            try (NDManager m = parent.newSubManager()) {
                long t0 = System.nanoTime();
                body.accept(m);
                ms[i] = (System.nanoTime() - t0) / 1e6;
            }
        }
        Arrays.sort(ms);
        return ms[runs / 2];
    }

    static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "n/a";
        }
    }

    static long rssMb() {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D+", "")) / 1024;
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
