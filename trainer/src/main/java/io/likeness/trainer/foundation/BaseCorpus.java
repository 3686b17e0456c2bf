package io.likeness.trainer.foundation;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import io.likeness.mcdm.nn.clip.ClipVisionModel;
import io.likeness.mcdm.nn.identity.IdentityMapper;
import io.likeness.mcdm.nn.vae.AutoencoderKL;
import io.likeness.trainer.dataset.Sample;
import io.likeness.trainer.dataset.ShardReader;
import io.likeness.trainer.dataset.ShardSource;
import io.likeness.trainer.train.Batches;
import io.likeness.trainer.train.FloatRows;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * The base model's training corpus: every view of a studio views dataset as one item — its caption, its pose map,
 * its VAE latent, and the identity words of the <em>other</em> render of the same person (so the words can carry
 * who it is but not the pose, costume or expression of the image being learnt). Latents and words come from the
 * frozen autoencoder and mapper and are computed once, then cached next to the run.
 */
public final class BaseCorpus {

    /** One training item; {@code face} is null when the render's face keypoints are not all visible. */
    public record Item(String key, String caption, byte[] posePng, FaceRegion face) {
        public BufferedImage pose() {
            try {
                return ImageIO.read(new ByteArrayInputStream(posePng));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private final List<Item> items;
    private final float[][] latents;
    private final float[][] words;
    private final Shape latentShape;
    private final Shape wordShape;

    private BaseCorpus(List<Item> items, float[][] latents, float[][] words, Shape latentShape, Shape wordShape) {
        this.items = items;
        this.latents = latents;
        this.words = words;
        this.latentShape = latentShape;
        this.wordShape = wordShape;
    }

    public int size() {
        return items.size();
    }

    public Item item(int i) {
        return items.get(i);
    }

    /** Scaled latents of the given items, (B, C, h, w). */
    public NDArray latents(NDManager m, int[] idx) {
        return FloatRows.stack(m, latents, idx, latentShape);
    }

    /** Identity words of the given items, (B, k, width). */
    public NDArray words(NDManager m, int[] idx) {
        return FloatRows.stack(m, words, idx, wordShape);
    }


    /** Reads the dataset; loads the cached latents and words from {@code cache} or computes and writes them. */
    public static BaseCorpus load(Path dataset, Path cache, AutoencoderKL vae, ClipVisionModel vision,
                                  IdentityMapper mapper, PrintStream log) throws IOException {
        List<Item> items = new ArrayList<>();
        List<BufferedImage[]> images = new ArrayList<>();
        boolean cached = Files.exists(cache);
        ShardReader reader = ShardReader.sequential(ShardSource.directory(dataset));
        while (reader.hasNext()) {
            Sample s = reader.next();
            JsonNode j = s.json();
            for (String view : List.of("a", "b")) {
                String other = view.equals("a") ? "b" : "a";
                items.add(new Item(s.key() + "." + view, j.get("caption_" + view).asText(),
                        s.part(view + ".pose.png"), FaceRegion.fromKeypoints(j.get("keypoints_" + view))));
                if (!cached) {
                    images.add(new BufferedImage[] {s.image(view + ".png"), s.image(other + ".png")});
                }
            }
        }
        try (NDManager m = NDManager.newBaseManager()) {
            if (cached) {
                NDList l = NDList.decode(m, Files.readAllBytes(cache));
                return new BaseCorpus(items, FloatRows.rows(l.get(0)), FloatRows.rows(l.get(1)),
                        FloatRows.tail(l.get(0)), FloatRows.tail(l.get(1)));
            }
            long t0 = System.nanoTime();
            float[][] lat = new float[items.size()][];
            float[][] wds = new float[items.size()][];
            Shape ls = null;
            Shape ws = null;
            int chunk = 32;
            for (int i = 0; i < items.size(); i += chunk) {
                int end = Math.min(items.size(), i + chunk);
                try (NDManager step = m.newSubManager()) {
                    List<BufferedImage> self = new ArrayList<>();
                    List<BufferedImage> other = new ArrayList<>();
                    for (int k = i; k < end; k++) {
                        self.add(images.get(k)[0]);
                        other.add(images.get(k)[1]);
                    }
                    NDArray z = vae.encodeMean(Batches.images(step, self));
                    NDArray w = mapper.forward(vision.hiddenStates(Batches.images(step, other)));
                    ls = FloatRows.tail(z);
                    ws = FloatRows.tail(w);
                    for (int k = i; k < end; k++) {
                        lat[k] = z.get(k - i).toFloatArray();
                        wds[k] = w.get(k - i).toFloatArray();
                    }
                }
                if ((i / chunk) % 50 == 0) {
                    log.printf(Locale.ROOT, "base corpus: encoded %d / %d views (%.0f s)%n", end, items.size(),
                            (System.nanoTime() - t0) / 1e9);
                }
            }
            NDList out = new NDList(m.create(FloatRows.flat(lat), FloatRows.prepend(items.size(), ls)),
                    m.create(FloatRows.flat(wds), FloatRows.prepend(items.size(), ws)));
            Files.createDirectories(cache.toAbsolutePath().getParent());
            // a private temporary file: two processes building the same cache at once waste work but never mix bytes
            Path tmp = Files.createTempFile(cache.toAbsolutePath().getParent(), cache.getFileName() + ".", ".tmp");
            Files.write(tmp, out.encode());
            Files.move(tmp, cache, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return new BaseCorpus(items, lat, wds, ls, ws);
        }
    }




}
