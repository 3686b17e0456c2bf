package io.likeness.trainer.foundation;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import io.likeness.mcdm.checkpoint.CheckpointStore;
import io.likeness.trainer.dataset.Sample;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Latents a diffusion model generated, each with the studio render it should decode to: training data for a decoder
 * that must draw generated latents, not only the encoder's. A decoder fine-tuned on the encoder's posterior alone
 * decodes sharper round trips but draws the smoother, off-manifold latents a sampler ends on as mottled texture
 * (measured on the MCDM's edits, docs/training.md). This set is the base model's SDEdit of training renders (Meng et
 * al., 2022): each render's latent noised to a strength and denoised back with its own caption, identity words and
 * pose, so the truth is the render itself. The same idea as OpenAI's consistency decoder, which decodes the latents
 * Stable Diffusion generates.
 *
 * @param truths      the renders, 128 px
 * @param faces       their face regions (null where the keypoints show none)
 * @param latents     (N, 4, h, w), scaled as {@code AutoencoderKL.decode} takes them
 * @param description for the checkpoint's provenance
 */
public record GeneratedLatents(List<BufferedImage> truths, List<FaceRegion> faces, NDArray latents,
                               String description) {

    /** SDEdit strengths the renders are spread over, in turn: how far from the render each latent was redrawn. */
    static final double[] STRENGTHS = {0.3, 0.45, 0.6};

    /** DDIM steps of the whole schedule (a strength of 0.45 runs 9 of them), guidance {@link BaseSampler#GUIDANCE}. */
    static final int DDIM_STEPS = 20;

    public GeneratedLatents {
        if (truths.size() != faces.size() || truths.size() != latents.getShape().get(0)) {
            throw new IllegalArgumentException("generated latents: " + truths.size() + " truths, " + faces.size()
                    + " faces, " + latents.getShape() + " latents");
        }
        if (truths.isEmpty()) {
            throw new IllegalArgumentException("generated latents: none");
        }
    }

    public int size() {
        return truths.size();
    }

    /**
     * The base model's SDEdit of view a of the first {@code count} training samples, read from {@code cache} when an
     * earlier run (or the same run before a restart) wrote it, so a resumed fine-tune trains on the same latents;
     * otherwise generated (about half a second a latent on 2 cores) and written there.
     *
     * @param vae the autoencoder whose decoder is fine-tuned: the base must have been trained on its latents
     */
    public static GeneratedLatents denoisedByBase(Path train, Path base, Path vae, Path clip, Path identity, int count,
                                                  long seed, Path cache, NDManager manager, PrintStream log)
            throws IOException {
        List<Sample> samples = ViewStream.firstSamples(train, count);
        if (samples.size() < count) {
            throw new IllegalArgumentException("generated latents: " + train + " holds " + samples.size()
                    + " samples, fewer than the " + count + " asked for");
        }
        List<BufferedImage> truths = new ArrayList<>();
        List<FaceRegion> faces = new ArrayList<>();
        for (Sample s : samples) {
            truths.add(s.image("a.png"));
            faces.add(FaceRegion.fromKeypoints(s.json().get("keypoints_a")));
        }
        String version = CheckpointStore.readManifest(base).version();
        String description = count + " latents " + version + " denoised from training renders (SDEdit, strengths "
                + STRENGTHS[0] + ".." + STRENGTHS[STRENGTHS.length - 1] + ", DDIM " + DDIM_STEPS + ", guidance "
                + BaseSampler.GUIDANCE + ")";
        if (cache != null && Files.isRegularFile(cache)) {
            NDList l = NDList.decode(manager, Files.readAllBytes(cache));
            if (l.size() == 1 && l.get(0).getShape().get(0) == count) {
                log.println("generated latents: read " + count + " from " + cache.getFileName());
                return new GeneratedLatents(truths, faces, l.get(0), description);
            }
            log.println("generated latents: " + cache.getFileName() + " holds another count; generating again");
        }
        long started = System.nanoTime();
        NDArray latents;
        try (BaseStage stage = BaseStage.forSampling(train, vae, clip, identity, base, seed)) {
            BaseSampler sampler = new BaseSampler(stage, DDIM_STEPS);
            NDArray[] rows = new NDArray[count];
            int done = 0;
            for (int k = 0; k < STRENGTHS.length; k++) {
                List<BaseSampler.Cell> cells = new ArrayList<>();
                List<Integer> at = new ArrayList<>();
                for (int i = k; i < count; i += STRENGTHS.length) {
                    cells.add(cell(samples.get(i), i));
                    at.add(i);
                }
                if (cells.isEmpty()) {
                    continue;
                }
                NDArray z = sampler.latentsAll(cells, seed, STRENGTHS[k], manager);
                for (int j = 0; j < at.size(); j++) {
                    rows[at.get(j)] = z.get(j);
                }
                done += at.size();
                log.printf("generated latents: %d of %d (the last %d at strength %.2f), %.0f s%n", done, count, at.size(),
                        STRENGTHS[k], (System.nanoTime() - started) / 1e9);
            }
            latents = ai.djl.ndarray.NDArrays.stack(new NDList(rows), 0);
        }
        if (cache != null) {
            Files.createDirectories(cache.getParent());
            Path tmp = cache.resolveSibling(cache.getFileName() + ".tmp");
            Files.write(tmp, new NDList(latents).encode());
            Files.move(tmp, cache, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        return new GeneratedLatents(truths, faces, latents, description);
    }

    /** The render's view a as it was made: its caption, its own identity words (from view b) and pose map. */
    private static BaseSampler.Cell cell(Sample s, int index) {
        JsonNode j = s.json();
        String gender = j.get("description").asText().startsWith("a woman") ? "woman" : "man";
        BaseSampler.Person person = new BaseSampler.Person(s.image("b.png"), s.image("a.pose.png"), gender);
        return new BaseSampler.Cell(j.get("caption_a").asText(), person, true, true, index, s.image("a.png"));
    }
}
