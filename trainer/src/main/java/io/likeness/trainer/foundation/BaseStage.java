package io.likeness.trainer.foundation;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.likeness.mcdm.checkpoint.ArchitectureSpec;
import io.likeness.mcdm.nn.TinyPresets;
import io.likeness.mcdm.nn.clip.ClipTextModel;
import io.likeness.mcdm.nn.clip.ClipVisionModel;
import io.likeness.mcdm.nn.clip.TextContext;
import io.likeness.mcdm.nn.clip.WordContext;
import io.likeness.mcdm.nn.clip.WordTokenizer;
import io.likeness.mcdm.nn.identity.IdentityMapper;
import io.likeness.mcdm.nn.identity.IdentityTextConditioner;
import io.likeness.mcdm.nn.layers.NnBlock;
import io.likeness.mcdm.nn.pose.PoseControlNet;
import io.likeness.mcdm.nn.unet.UNet2DConditionModel;
import io.likeness.mcdm.nn.vae.AutoencoderKL;
import io.likeness.mcdm.schedule.NoiseSchedule;
import io.likeness.trainer.train.AdamW;
import io.likeness.trainer.train.EpochOrder;
import io.likeness.trainer.train.StepRandom;
import io.likeness.trainer.train.TrainingLoop;
import io.likeness.trainer.train.TrainingStage;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The base text-to-image latent diffusion model (our Stable Diffusion + OpenPose ControlNet): the tiny UNet on
 * 16×16×4 latents of single studio renders (never pairs), conditioned on the frozen text tower's tokens — with the
 * frozen identity mapper's words inserted before the subject word — and on the pose map through a ControlNet-style
 * branch whose residuals start at zero. Both are trained together from scratch, with condition dropout so
 * classifier-free guidance works: 10 % of the prompts are empty, 40 % of the remaining ones carry no identity
 * words, 15 % of the pose maps are blank. ε-prediction with Min-SNR-5 weighting (Hang et al., 2023) for faster
 * convergence; EMA 0.999 of both networks is what the stage publishes. Optionally ({@code --face-weight}) the loss
 * on the face's latent cells ({@link FaceRegion}) weighs more than the rest, so the few cells an expression is drawn
 * in get a share of the gradient closer to their share of what a viewer looks at.
 */
public final class BaseStage implements TrainingStage, TrainingLoop.Architected {

    public static final String NAME = "base";

    /** Hyper-parameters. */
    static final int EVALUATION_PEOPLE = 16;

    /**
     * @param faceWeight  weight of the loss on the face's latent cells against the rest (1: unweighted)
     * @param wordContext condition on the prompt's word embeddings as well as on the tower's output
     *                    ({@link WordContext}, trained with the UNet); false: the tower's output alone
     */
    public record Settings(int batch, double learningRate, double emptyPrompt, double noIdentity, double noPose,
                           double minSnrGamma, double ema, int sampleSteps, double faceWeight, boolean wordContext) {
        public static Settings defaults() {
            return new Settings(16, 2e-4, 0.10, 0.40, 0.15, 5.0, 0.999, BaseSampleGrid.STEPS, 1.0, false);
        }

        /** Settings without the word path (as the shipped base was trained). */
        public Settings(int batch, double learningRate, double emptyPrompt, double noIdentity, double noPose,
                        double minSnrGamma, double ema, int sampleSteps, double faceWeight) {
            this(batch, learningRate, emptyPrompt, noIdentity, noPose, minSnrGamma, ema, sampleSteps, faceWeight,
                    false);
        }

        /** These settings with or without the word path ({@link WordContext}). */
        public Settings withWordContext(boolean on) {
            return new Settings(batch, learningRate, emptyPrompt, noIdentity, noPose, minSnrGamma, ema, sampleSteps,
                    faceWeight, on);
        }

        /**
         * These settings with {@code share} of the captioned renders trained without their identity tokens (the
         * text-only path the grid's "text" columns sample); the rest carry them.
         */
        public Settings withTextOnlyShare(double share) {
            if (!(share >= 0 && share <= 1)) {
                throw new IllegalArgumentException("the text-only share must be between 0 and 1, not " + share);
            }
            return new Settings(batch, learningRate, emptyPrompt, share, noPose, minSnrGamma, ema, sampleSteps,
                    faceWeight, wordContext);
        }

        /** These settings with the loss on the face's latent cells weighted {@code weight} × ({@link FaceRegion}). */
        public Settings withFaceWeight(double weight) {
            if (!(weight >= 1)) {
                throw new IllegalArgumentException("the face weight must be at least 1, not " + weight);
            }
            return new Settings(batch, learningRate, emptyPrompt, noIdentity, noPose, minSnrGamma, ema, sampleSteps,
                    weight, wordContext);
        }
    }

    private final Settings settings;
    private final long seed;
    private final NDManager manager;
    private final WordTokenizer tokenizer;
    private final ClipTextModel text;
    private final IdentityMapper mapper;
    private final IdentityTextConditioner conditioner;
    private final AutoencoderKL vae;
    private final UNet2DConditionModel unet;
    private final PoseControlNet pose;
    private final WordContext words;
    private final TextContext textContext;
    private final NoiseSchedule schedule = NoiseSchedule.stableDiffusion();
    private final BaseCorpus corpus;
    private final BaseSampleGrid grid;
    private final Path validation;
    private final FoundationCheckpoints.Clip clip;
    private final String data;
    private final EpochOrder order;

    public BaseStage(Path train, Path validation, Path vaeCheckpoint, Path clipCheckpoint, Path identityCheckpoint,
                     Path cache, long seed, Settings settings, PrintStream log) throws IOException {
        this(train, validation, vaeCheckpoint, clipCheckpoint, identityCheckpoint, cache, seed, settings, log, null);
    }

    /**
     * The trained base model for sampling and probing only ({@link BaseProbe}): the frozen encoders and autoencoder,
     * the UNet and pose branch loaded from {@code baseCheckpoint}, no training corpus; {@link #step} refuses.
     */
    public static BaseStage forSampling(Path validation, Path vaeCheckpoint, Path clipCheckpoint,
                                        Path identityCheckpoint, Path baseCheckpoint, long seed) throws IOException {
        boolean wordPath = FoundationCheckpoints.hasWordContext(
                io.likeness.mcdm.checkpoint.CheckpointStore.readManifest(baseCheckpoint));
        BaseStage stage = new BaseStage(null, validation, vaeCheckpoint, clipCheckpoint, identityCheckpoint, null,
                seed, Settings.defaults().withWordContext(wordPath), null, baseCheckpoint);
        io.likeness.mcdm.checkpoint.CheckpointStore.load(baseCheckpoint, stage.manager,
                new LinkedHashMap<String, ai.djl.nn.Block>(stage.trainable()));
        return stage;
    }

    private BaseStage(Path train, Path validation, Path vaeCheckpoint, Path clipCheckpoint, Path identityCheckpoint,
                      Path cache, long seed, Settings settings, PrintStream log, Path samplingFrom)
            throws IOException {
        this.settings = settings;
        this.seed = seed;
        this.manager = NDManager.newBaseManager();
        io.likeness.trainer.train.Seeding.initialWeights(seed, NAME);
        this.clip = FoundationCheckpoints.clip(clipCheckpoint, manager);
        this.validation = validation;
        this.tokenizer = clip.tokenizer();
        this.text = Frozen.freeze(clip.text());
        ClipVisionModel vision = Frozen.freeze(clip.vision());
        this.mapper = Frozen.freeze(FoundationCheckpoints.identityMapper(identityCheckpoint, manager));
        this.conditioner = new IdentityTextConditioner(tokenizer, text, vision, mapper);
        this.vae = Frozen.freeze(FoundationCheckpoints.vae(vaeCheckpoint, manager));
        this.unet = TinyPresets.baseUNet(manager);
        this.pose = TinyPresets.poseBranch(unet, manager);
        this.words = settings.wordContext() ? TinyPresets.wordContext(text.config().width(), manager) : null;
        this.textContext = new TextContext(text, words);
        this.grid = new BaseSampleGrid(validation, this, settings.sampleSteps());
        if (samplingFrom != null) {
            this.corpus = null;
            this.order = null;
            this.data = "sampling from " + samplingFrom;
            return;
        }
        this.corpus = BaseCorpus.load(train, cache, vae, vision, mapper, log);
        this.order = new EpochOrder(corpus.size(), seed, 0xE0C0L);
        this.data = "studio views " + train.getFileName() + " (" + corpus.size() + " renders); frozen "
                + clip.manifest().version() + ", " + vaeCheckpoint.getParent().getFileName() + ", "
                + identityCheckpoint.getParent().getFileName();
    }

    WordTokenizer tokenizer() {
        return tokenizer;
    }

    NDManager manager() {
        return manager;
    }

    AutoencoderKL vae() {
        return vae;
    }

    UNet2DConditionModel unet() {
        return unet;
    }

    PoseControlNet pose() {
        return pose;
    }

    FoundationCheckpoints.Clip clip() {
        return clip;
    }

    IdentityMapper mapper() {
        return mapper;
    }

    IdentityTextConditioner conditioner() {
        return conditioner;
    }

    /** Whether the context includes the word path ({@link WordContext}). */
    boolean hasWordContext() {
        return words != null;
    }

    NoiseSchedule schedule() {
        return schedule;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, NnBlock> trainable() {
        Map<String, NnBlock> m = new LinkedHashMap<>();
        m.put("unet", unet);
        m.put("pose", pose);
        if (words != null) {
            m.put(FoundationCheckpoints.WORDS, words);
        }
        return m;
    }

    @Override
    public AdamW.Settings optimizer() {
        return AdamW.Settings.of(settings.learningRate(), 200).withWeightDecay(0.01);
    }

    @Override
    public double emaDecay() {
        return settings.ema();
    }

    /**
     * Cross-attention context for prompts: rows with {@code withIdentity[i]} get identity words {@code identity[i]}
     * inserted before their subject word; with the word path, its projection of the word embeddings is added.
     */
    NDArray context(NDManager m, List<String> prompts, NDArray identity, boolean[] withIdentity) {
        return contextOf(textTokens(m, prompts, identity, withIdentity));
    }

    /**
     * The context from the frozen part: the tower's output, plus the word path's term if the stage has one (the
     * computation pair generation and the MCDM share, {@link TextContext}).
     */
    private NDArray contextOf(TextContext.Tokens t) {
        return textContext.of(t);
    }

    /**
     * The frozen part of {@link #context}: the tower's output and the token embeddings it ran on (identity words
     * inserted); no gradient is recorded.
     */
    private TextContext.Tokens textTokens(NDManager m, List<String> prompts, NDArray identity, boolean[] withIdentity) {
        long[][] ids = tokenizer.encode(prompts);
        NDArray embeddings = text.tokenEmbeddings(m.create(ids));
        if (identity != null) {
            NDArray inserted = conditioner.insert(embeddings, identity, ids);
            NDList rows = new NDList();
            for (int i = 0; i < prompts.size(); i++) {
                rows.add((withIdentity[i] ? inserted : embeddings).get(i));
            }
            embeddings = NDArrays.stack(rows, 0);
        }
        return textContext.tokens(embeddings);
    }

    @Override
    public Map<String, Double> step(NDManager m, long step) {
        if (corpus == null) {
            throw new IllegalStateException("this base model was loaded for sampling only: " + data);
        }
        int b = settings.batch();
        int[] idx = order.next(b);
        SplittableRandom r = StepRandom.of(seed, step, 1);
        List<String> prompts = new ArrayList<>();
        boolean[] withIdentity = new boolean[b];
        List<BufferedImage> poses = new ArrayList<>();
        boolean[] noPose = new boolean[b];
        float[] t = new float[b];
        float[] a = new float[b];
        float[] s = new float[b];
        float[] w = new float[b];
        List<FaceRegion> faces = new ArrayList<>();
        for (int i = 0; i < b; i++) {
            BaseCorpus.Item item = corpus.item(idx[i]);
            boolean empty = r.nextDouble() < settings.emptyPrompt();
            prompts.add(empty ? "" : item.caption());
            withIdentity[i] = !empty && r.nextDouble() >= settings.noIdentity();
            noPose[i] = r.nextDouble() < settings.noPose();
            poses.add(item.pose());
            faces.add(item.face());
            int ti = r.nextInt(schedule.trainSteps());
            t[i] = ti;
            a[i] = (float) schedule.alpha(ti);
            s[i] = (float) schedule.sigma(ti);
            double snr = schedule.alphaBar(ti) / (1 - schedule.alphaBar(ti));
            w[i] = (float) (Math.min(snr, settings.minSnrGamma()) / snr);
        }
        NDArray x0 = corpus.latents(m, idx);
        NDArray noise = StepRandom.normal(m, StepRandom.of(seed, step, 2), x0.getShape());
        Shape col = new Shape(b, 1, 1, 1);
        NDArray xt = x0.mul(m.create(a, col)).add(noise.mul(m.create(s, col)));
        TextContext.Tokens tokens = textTokens(m, prompts, corpus.words(m, idx), withIdentity);
        NDArray poseImages = PoseImages.batch(m, poses, noPose);
        NDArray tt = m.create(t);
        NDArray weights = m.create(w);
        NDArray cells = faceWeights(m, faces, x0.getShape(), poses.get(0).getWidth());
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray ctx = contextOf(tokens);
            PoseControlNet.Residuals res = pose.forward(xt, tt, ctx, poseImages, 1f);
            NDArray eps = unet.forward(xt, tt, ctx, res.down(), res.mid());
            NDArray squared = eps.sub(noise).square();
            if (cells != null) {
                squared = squared.mul(cells);
            }
            NDArray perSample = squared.reshape(b, -1).mean(new int[] {1});
            NDArray loss = perSample.mul(weights).mean();
            gc.backward(loss);
            Map<String, Double> out = new LinkedHashMap<>();
            out.put("loss", (double) loss.getFloat());
            out.put("mse", (double) perSample.mean().getFloat());
            return out;
        }
    }

    /** (B, 1, h, w) per-cell loss weights towards each item's face, or null when the face weight is 1. */
    private NDArray faceWeights(NDManager m, List<FaceRegion> faces, Shape latent, int imagePixels) {
        if (settings.faceWeight() == 1.0) {
            return null;
        }
        int h = (int) latent.get(2);
        int wd = (int) latent.get(3);
        float[] all = new float[faces.size() * h * wd];
        for (int i = 0; i < faces.size(); i++) {
            float[] one = FaceRegion.latentWeights(faces.get(i), h, wd, (double) imagePixels / wd,
                    settings.faceWeight());
            System.arraycopy(one, 0, all, i * h * wd, one.length);
        }
        return m.create(all, new Shape(faces.size(), 1, h, wd));
    }

    @Override
    public JsonNode dataPosition() {
        return order.position();
    }

    @Override
    public void seek(JsonNode position) {
        order.seek(position);
    }

    @Override
    public void writeSamples(Path png, long step) throws IOException {
        grid.write(png, seed);
    }

    /** Direction accuracy and identity carry-over of samples of 16 validation people ({@link BaseEvaluation}). */
    @Override
    public Map<String, Double> evaluate() throws IOException {
        return new BaseEvaluation(validation, this, EVALUATION_PEOPLE, settings.sampleSteps()).run(seed);
    }

    @Override
    public ArchitectureSpec architecture() {
        ObjectNode h = JsonNodeFactory.instance.objectNode();
        h.put("unet", "UNetConfig.tiny(4)");
        h.put("pose", "PoseConfig.tiny()");
        h.put("prediction", "epsilon");
        h.put("schedule", "scaled_linear 0.00085..0.012, 1000 steps");
        h.put("latent_scale_factor", vae.config().scaleFactor());
        if (settings.faceWeight() != 1.0) {
            h.put("face_loss_weight", settings.faceWeight());
        }
        if (words != null) {
            h.put(FoundationCheckpoints.WORD_CONTEXT, "tower + projection of LayerNorm(word embeddings)");
        }
        return new ArchitectureSpec("base-t2i-tiny", h);
    }

    @Override
    public String dataDescription() {
        return data;
    }

    @Override
    public void close() {
        manager.close();
    }
}
