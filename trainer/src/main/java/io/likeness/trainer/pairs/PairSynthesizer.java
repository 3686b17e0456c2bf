package io.likeness.trainer.pairs;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.likeness.mcdm.guidance.ConditionRow;
import io.likeness.mcdm.guidance.RegionGuidance;
import io.likeness.mcdm.guidance.RegionWeights;
import io.likeness.mcdm.model.EpsilonModel;
import io.likeness.mcdm.nn.clip.TextContext;
import io.likeness.mcdm.nn.clip.WordTokenizer;
import io.likeness.mcdm.nn.identity.IdentityTextConditioner;
import io.likeness.mcdm.nn.pose.PoseControlNet;
import io.likeness.mcdm.nn.unet.UNet2DConditionModel;
import io.likeness.mcdm.nn.vae.AutoencoderKL;
import io.likeness.mcdm.sampling.KarrasEdmSampler;
import io.likeness.mcdm.sampling.NoiseSource;
import io.likeness.mcdm.schedule.NoiseSchedule;
import io.likeness.trainer.foundation.FoundationCheckpoints;
import io.likeness.trainer.foundation.PoseImages;
import io.likeness.trainer.train.Batches;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Paired-data generation (paper §3.2): both portraits are generated at once on an H×2W canvas by the base model,
 * with Eq. 2 — ε̂ = s'_d·ε̃(c_p) + s'_a·M'_a⊙ε̃(c_pa) + s'_b·M'_b⊙ε̃(c_pb), (s'_d, s'_a, s'_b) = (0.1, 0.9, 0.9),
 * classifier-free guidance on each term ({@link RegionGuidance}; the paper's 7.5 unless {@link RegionWeights} say
 * otherwise) — identity words from a held-out render of the person inserted before the subject word of every
 * prompt, the pose map duplicated left and right into the pose branch, and the stochastic Karras/EDM sampler
 * (Heun, 20 steps, S_churn 40, S_tmin 0.05, S_tmax 50, S_noise 1.003, over the schedule's σ range). The four
 * guidance rows of every canvas in a batch go through one forward. A base with the word path
 * ({@code train base --word-context}) gets the context it was trained on: its word path on the same token
 * embeddings, identity words inserted ({@link TextContext}).
 */
public final class PairSynthesizer implements PairSource, AutoCloseable {

    public static final int STEPS = 20;

    /** The paper's stochastic sampler for pair generation: Karras/EDM Heun with S_churn 40 (and the base probe's). */
    public static KarrasEdmSampler sampler(io.likeness.mcdm.schedule.NoiseSchedule schedule) {
        return KarrasEdmSampler.forSchedule(schedule).withChurn(40, 0.05, 50, 1.003);
    }

    private final NDManager manager;
    private final WordTokenizer tokenizer;
    private final IdentityTextConditioner identity;
    private final io.likeness.mcdm.nn.clip.ClipTextModel text;
    private final TextContext context;
    private final AutoencoderKL vae;
    private final UNet2DConditionModel unet;
    private final PoseControlNet pose;
    private final NoiseSchedule schedule = NoiseSchedule.stableDiffusion();
    private final KarrasEdmSampler sampler;
    private final String baseVersion;
    private final RegionWeights weights;

    /** With the paper's weights ({@link RegionWeights#paper()}: guidance 7.5). */
    public PairSynthesizer(Path vaeCheckpoint, Path clipCheckpoint, Path identityCheckpoint, Path baseCheckpoint)
            throws IOException {
        this(vaeCheckpoint, clipCheckpoint, identityCheckpoint, baseCheckpoint, RegionWeights.paper());
    }

    public PairSynthesizer(Path vaeCheckpoint, Path clipCheckpoint, Path identityCheckpoint, Path baseCheckpoint,
                           RegionWeights weights) throws IOException {
        if (!(weights.cfgScale() >= 1)) {
            throw new IllegalArgumentException("the guidance scale must be at least 1 (1 = no guidance): "
                    + weights.cfgScale());
        }
        this.weights = weights;
        this.manager = NDManager.newBaseManager();
        FoundationCheckpoints.Clip clip = FoundationCheckpoints.clip(clipCheckpoint, manager);
        this.tokenizer = clip.tokenizer();
        this.text = clip.text();
        this.identity = new IdentityTextConditioner(tokenizer, clip.text(), clip.vision(),
                FoundationCheckpoints.identityMapper(identityCheckpoint, manager));
        this.vae = FoundationCheckpoints.vae(vaeCheckpoint, manager);
        FoundationCheckpoints.Base base = FoundationCheckpoints.base(baseCheckpoint, manager);
        this.unet = base.unet();
        this.pose = base.pose();
        this.context = base.textContext(text);
        this.baseVersion = base.manifest().version();
        this.sampler = sampler(schedule);
    }

    @Override
    public String baseVersion() {
        return baseVersion;
    }

    @Override
    public double guidance() {
        return weights.cfgScale();
    }

    /** Generates the pairs of {@code specs} together (one batch): their four guidance rows go through one forward. */
    @Override
    public List<Generated> generate(List<PairSpec> specs, PairConditions conditions) {
        int n = specs.size();
        try (NDManager m = manager.newSubManager()) {
            List<BufferedImage> refs = new ArrayList<>();
            List<BufferedImage> canvases = new ArrayList<>();
            List<String> joint = new ArrayList<>();
            List<String> left = new ArrayList<>();
            List<String> right = new ArrayList<>();
            List<String> empty = new ArrayList<>();
            for (PairSpec s : specs) {
                refs.add(s.reference());
                canvases.add(sideBySide(s.poseMap()));
                joint.add(s.jointPrompt());
                left.add(s.sourcePrompt());
                right.add(s.targetPrompt());
                empty.add("");
            }
            NDArray words = conditions.identity() ? identity.identityWords(Batches.images(m, refs)) : null;
            ConditionRow uncond = new ConditionRow(null, encode(m, empty, null));
            ConditionRow rowP = new ConditionRow(null, encode(m, joint, words));
            ConditionRow rowA = new ConditionRow(null, encode(m, left, words));
            ConditionRow rowB = new ConditionRow(null, encode(m, right, words));
            boolean[] blank = new boolean[n];
            java.util.Arrays.fill(blank, !conditions.pose());
            NDArray poseCanvas = PoseImages.batch(m, canvases, blank);
            NDArray poseRows = NDArrays.concat(new NDList(poseCanvas, poseCanvas, poseCanvas, poseCanvas), 0);
            EpsilonModel model = new EpsilonModel() {
                @Override
                public NDArray predict(NDArray x, NDArray t, NDArray context) {
                    PoseControlNet.Residuals r = pose.forward(x, t, context, poseRows, 1f);
                    return unet.forward(x, t, context, r.down(), r.mid());
                }

                @Override
                public int inChannels() {
                    return unet.inChannels();
                }
            };
            RegionGuidance guidance = new RegionGuidance(model, uncond, rowP, rowA, rowB, weights);
            long seed = specs.get(0).seed();
            int side = (int) (canvases.get(0).getHeight() / vae.downsampling());
            float[] noise = new float[n * 4 * side * 2 * side];
            for (int i = 0; i < n; i++) {
                float[] z = io.likeness.mcdm.sampling.GaussianNoise.sample(m, new Shape(4, side, 2L * side),
                        new java.util.SplittableRandom(specs.get(i).seed())).toFloatArray();
                System.arraycopy(z, 0, noise, i * z.length, z.length);
            }
            NDArray unit = m.create(noise, new Shape(n, 4, side, 2L * side));
            NDArray z0 = sampler.sampleLatent(guidance, schedule, unit, STEPS, NoiseSource.seeded(seed ^ 0x5EEDL));
            List<BufferedImage> decoded = Batches.toImages(vae.decode(z0).clip(-1f, 1f));
            List<Generated> out = new ArrayList<>();
            for (BufferedImage img : decoded) {
                int w = img.getWidth() / 2;
                out.add(new Generated(copy(img.getSubimage(0, 0, w, img.getHeight())),
                        copy(img.getSubimage(w, 0, w, img.getHeight()))));
            }
            return out;
        }
    }

    /**
     * The base's context of prompts, with identity words inserted before the subject word when {@code words} is
     * given: the tower's output on those token embeddings, plus the word path's term if the base has one.
     */
    private NDArray encode(NDManager m, List<String> prompts, NDArray words) {
        NDArray embeddings = words != null ? identity.embeddings(m, prompts, words)
                : text.tokenEmbeddings(m.create(tokenizer.encode(prompts)));
        return context.of(embeddings);
    }

    private static BufferedImage sideBySide(BufferedImage poseMap) {
        BufferedImage c = new BufferedImage(poseMap.getWidth() * 2, poseMap.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = c.createGraphics();
        g.drawImage(poseMap, 0, 0, null);
        g.drawImage(poseMap, poseMap.getWidth(), 0, null);
        g.dispose();
        return c;
    }

    private static BufferedImage copy(BufferedImage sub) {
        BufferedImage c = new BufferedImage(sub.getWidth(), sub.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = c.createGraphics();
        g.drawImage(sub, 0, 0, null);
        g.dispose();
        return c;
    }

    @Override
    public void close() {
        manager.close();
    }
}
