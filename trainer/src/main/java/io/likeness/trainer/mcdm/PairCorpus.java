package io.likeness.trainer.mcdm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import io.likeness.mcdm.nn.clip.ClipVisionModel;
import io.likeness.mcdm.nn.vae.AutoencoderKL;
import io.likeness.trainer.dataset.Sample;
import io.likeness.trainer.dataset.ShardReader;
import io.likeness.trainer.dataset.ShardSource;
import io.likeness.trainer.train.Batches;
import io.likeness.trainer.train.FloatRows;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The MCDM's training corpus: every generated pair with the frozen networks' views of it computed once and cached —
 * the scaled VAE means of x_A and x_B and the image tower's last hidden state of x_A (what the adapter reads) —
 * plus its captions p_a, p_b and subject word.
 */
final class PairCorpus {

    record Pair(String key, String direction, String subject, String sourcePrompt, String targetPrompt) {
    }

    private final List<Pair> pairs;
    private final float[][] za;
    private final float[][] zb;
    private final float[][] tokens;
    private final Shape latentShape;
    private final Shape tokenShape;

    private PairCorpus(List<Pair> pairs, float[][] za, float[][] zb, float[][] tokens, Shape latentShape,
                       Shape tokenShape) {
        this.pairs = pairs;
        this.za = za;
        this.zb = zb;
        this.tokens = tokens;
        this.latentShape = latentShape;
        this.tokenShape = tokenShape;
    }

    int size() {
        return pairs.size();
    }

    Pair pair(int i) {
        return pairs.get(i);
    }

    NDArray sourceLatents(NDManager m, int[] idx) {
        return FloatRows.stack(m, za, idx, latentShape);
    }

    NDArray targetLatents(NDManager m, int[] idx) {
        return FloatRows.stack(m, zb, idx, latentShape);
    }

    NDArray sourceTokens(NDManager m, int[] idx) {
        return FloatRows.stack(m, tokens, idx, tokenShape);
    }


    static PairCorpus load(Path dataset, Path cache, AutoencoderKL vae, ClipVisionModel vision, PrintStream log)
            throws IOException {
        List<Pair> pairs = new ArrayList<>();
        List<BufferedImage[]> images = new ArrayList<>();
        boolean cached = Files.exists(cache);
        ShardReader r = ShardReader.sequential(ShardSource.directory(dataset));
        while (r.hasNext()) {
            Sample s = r.next();
            JsonNode j = s.json();
            JsonNode c = j.get("captions");
            pairs.add(new Pair(s.key(), j.get("direction").asText(), j.get("subject").asText(),
                    c.get("p_a").asText(), c.get("p_b").asText()));
            if (!cached) {
                images.add(new BufferedImage[] {s.image("a.png"), s.image("b.png")});
            }
        }
        try (NDManager m = NDManager.newBaseManager()) {
            if (cached) {
                NDList l = NDList.decode(m, Files.readAllBytes(cache));
                return new PairCorpus(pairs, FloatRows.rows(l.get(0)), FloatRows.rows(l.get(1)),
                        FloatRows.rows(l.get(2)), FloatRows.tail(l.get(0)), FloatRows.tail(l.get(2)));
            }
            long t0 = System.nanoTime();
            int n = pairs.size();
            float[][] za = new float[n][];
            float[][] zb = new float[n][];
            float[][] tk = new float[n][];
            Shape ls = null;
            Shape ts = null;
            for (int i = 0; i < n; i += 32) {
                int end = Math.min(n, i + 32);
                try (NDManager step = m.newSubManager()) {
                    List<BufferedImage> a = new ArrayList<>();
                    List<BufferedImage> b = new ArrayList<>();
                    for (int k = i; k < end; k++) {
                        a.add(images.get(k)[0]);
                        b.add(images.get(k)[1]);
                    }
                    NDArray xa = Batches.images(step, a);
                    NDArray zA = vae.encodeMean(xa);
                    NDArray zB = vae.encodeMean(Batches.images(step, b));
                    NDArray t = vision.lastHiddenState(xa);
                    ls = FloatRows.tail(zA);
                    ts = FloatRows.tail(t);
                    for (int k = i; k < end; k++) {
                        za[k] = zA.get(k - i).toFloatArray();
                        zb[k] = zB.get(k - i).toFloatArray();
                        tk[k] = t.get(k - i).toFloatArray();
                    }
                }
                if ((i / 32) % 20 == 0) {
                    log.printf(Locale.ROOT, "mcdm corpus: encoded %d / %d pairs (%.0f s)%n", end, n,
                            (System.nanoTime() - t0) / 1e9);
                }
            }
            NDList out = new NDList(m.create(FloatRows.flat(za), FloatRows.prepend(n, ls)),
                    m.create(FloatRows.flat(zb), FloatRows.prepend(n, ls)),
                    m.create(FloatRows.flat(tk), FloatRows.prepend(n, ts)));
            Files.createDirectories(cache.toAbsolutePath().getParent());
            // a private temporary file: two processes building the same cache at once waste work but never mix bytes
            Path tmp = Files.createTempFile(cache.toAbsolutePath().getParent(), cache.getFileName() + ".", ".tmp");
            Files.write(tmp, out.encode());
            Files.move(tmp, cache, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return new PairCorpus(pairs, za, zb, tk, ls, ts);
        }
    }




}
