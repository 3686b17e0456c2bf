package io.likeness.trainer.mcdm;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import com.fasterxml.jackson.databind.JsonNode;
import io.likeness.mcdm.checkpoint.ArchitectureSpec;
import io.likeness.mcdm.edit.EditorModels;
import io.likeness.mcdm.engine.TinyMcdmModelsFactory;
import io.likeness.mcdm.nn.McdmModelSet;
import io.likeness.mcdm.nn.adapter.ImageAdapter;
import io.likeness.mcdm.nn.clip.ClipTextModel;
import io.likeness.mcdm.nn.clip.TextContext;
import io.likeness.mcdm.nn.clip.WordContext;
import io.likeness.mcdm.nn.layers.NnBlock;
import io.likeness.mcdm.nn.unet.UNet2DConditionModel;
import io.likeness.mcdm.schedule.NoiseSchedule;
import io.likeness.trainer.foundation.FoundationCheckpoints;
import io.likeness.trainer.train.AdamW;
import io.likeness.trainer.train.EpochOrder;
import io.likeness.trainer.train.Seeding;
import io.likeness.trainer.train.StepRandom;
import io.likeness.trainer.train.TrainingLoop;
import io.likeness.trainer.train.TrainingStage;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * MCDM training (paper §3.3): the 8-channel UNet initialised from the base UNet (the four c_s input channels
 * zero-initialised, {@code UNets.widenInput}) and the image adapter are trained on generated pairs to predict the
 * noise of z_B given c_s = z_A (concatenated to z_t), c_im = Adapter(image tokens of x_A, z_A) and c_p = the target
 * prompt p_b; the text tower, image tower and autoencoder stay frozen. 5 % of the samples are reconstructions (x_B =
 * x_A with the source prompt p_a); condition dropout with the null values the product's editor uses
 * ({@code NullConditionPolicy.INFERENCE}: c_s = 0, c_im = Adapter(black image), c_p = ""), 5 % each of c_s, c_im,
 * c_p and 5 % all three. Half of the prompts say "person" instead of "man"/"woman", the product's default subject.
 * ε-prediction with Min-SNR-5 weights; EMA 0.999 is published.
 *
 * <p>A base with the word path ({@code train base --word-context}) passes it on: the MCDM's c_p is then the base's
 * context ({@link TextContext}: tower output plus the word path's term), its word path starts as a copy of the
 * base's and is trained with the UNet and adapter (the tower stays frozen, as in the base), and the product
 * checkpoint carries it as the block {@value WordContext#BLOCK} with {@value WordContext#HYPER_PARAMETER} recorded,
 * so the workers' factory builds the same context. Without the word path the tower's output would be a context the
 * base UNet was never trained on.
 */
public final class McdmStage implements TrainingStage, TrainingLoop.Architected {

    public static final String NAME = "mcdm";

    /** Hyper-parameters. */
    public record Settings(int batch, double learningRate, double reconstruction, double dropEach, double dropAll,
                           double personSubject, double minSnrGamma, double ema, int sampleSteps) {
        public static Settings defaults() {
            return new Settings(16, 1e-4, 0.05, 0.05, 0.05, 0.5, 5.0, 0.999,
                    io.likeness.mcdm.edit.EditRequest.DEFAULT_STEPS);
        }
    }

    private final Settings settings;
    private final long seed;
    private final NDManager manager;
    private final McdmModelSet set;
    private final TextContext textContext;
    private final NoiseSchedule schedule = NoiseSchedule.stableDiffusion();
    private final PairCorpus corpus;
    private final NDArray blackTokens;
    private final NDArray blackLatent;
    private final McdmSamples samples;
    private final String data;
    private final EpochOrder order;

    public McdmStage(Path pairs, Path foundation, Path cache, long seed, Settings settings,
                     PrintStream log) throws IOException {
        this.settings = settings;
        this.seed = seed;
        this.manager = NDManager.newBaseManager();
        Seeding.initialWeights(seed, NAME);
        FoundationCheckpoints.Clip clip = FoundationCheckpoints.clip(foundation.resolve("clip/final"), manager);
        var vae = FoundationCheckpoints.vae(foundation.resolve("vae/final"), manager);
        FoundationCheckpoints.Base base = FoundationCheckpoints.base(foundation.resolve("base/final"), manager);
        McdmModelSet fresh = McdmModelSet.tinyFromBase(clip.tokenizer(), vae.config(), base.unet(), manager);
        // the fresh set's text, vision and VAE are replaced by the trained, frozen foundation networks
        WordContext words = base.words() == null ? null : base.words().copy(manager);
        this.set = new McdmModelSet(clip.tokenizer(), freeze(clip.text()), freeze(clip.vision()), fresh.adapter(),
                freeze(vae), fresh.unet(), words);
        this.textContext = new TextContext(set.text(), set.words());
        this.corpus = PairCorpus.load(pairs, cache, vae, clip.vision(), log);
        NDArray black = io.likeness.mcdm.edit.ImageTensors.constant(manager, 128, 128, -1f);
        this.blackTokens = clip.vision().lastHiddenState(black);
        this.blackLatent = vae.encodeMean(black);
        this.samples = new McdmSamples(this, settings.sampleSteps());
        this.order = new EpochOrder(corpus.size(), seed, 0x3CD3L);
        this.data = "generated pairs " + pairs.getFileName() + " (" + corpus.size() + "); base "
                + base.manifest().version() + (words == null ? "" : " (word path)") + ", frozen "
                + clip.manifest().version();
    }

    private static <B extends NnBlock> B freeze(B block) {
        block.namedParameters().values().forEach(p -> p.getArray().setRequiresGradient(false));
        return block;
    }

    McdmModelSet modelSet() {
        return set;
    }

    NDManager manager() {
        return manager;
    }

    /** The networks as the product's editor drives them (live weights). */
    public EditorModels editorModels() {
        return set.editorModels();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, NnBlock> trainable() {
        Map<String, NnBlock> m = new LinkedHashMap<>();
        m.put("unet", set.unet());
        m.put("adapter", set.adapter());
        if (set.words() != null) {
            m.put(WordContext.BLOCK, set.words());
        }
        return m;
    }

    @Override
    public Map<String, NnBlock> published() {
        Map<String, NnBlock> m = new LinkedHashMap<>();
        TinyMcdmModelsFactory.blocks(set).forEach((k, v) -> m.put(k, (NnBlock) v));
        return m;
    }

    @Override
    public Map<String, io.likeness.mcdm.checkpoint.EditDirection> editCatalog() {
        Map<String, io.likeness.mcdm.checkpoint.EditDirection> c = new LinkedHashMap<>();
        io.likeness.trainer.publish.PaperCatalog.directions().forEach(d -> c.put(d.id(),
                new io.likeness.mcdm.checkpoint.EditDirection(d.sourcePrompt(), d.targetPrompt(), d.maskThreshold())));
        return c;
    }

    @Override
    public AdamW.Settings optimizer() {
        return AdamW.Settings.of(settings.learningRate(), 200).withWeightDecay(0.01);
    }

    @Override
    public double emaDecay() {
        return settings.ema();
    }

    @Override
    public Map<String, Double> step(NDManager m, long step) {
        int b = settings.batch();
        int[] idx = order.next(b);
        SplittableRandom r = StepRandom.of(seed, step, 1);
        List<String> prompts = new ArrayList<>();
        float[] keepSpatial = new float[b];
        boolean[] nullImage = new boolean[b];
        boolean[] reconstruction = new boolean[b];
        float[] t = new float[b];
        float[] a = new float[b];
        float[] s = new float[b];
        float[] w = new float[b];
        for (int i = 0; i < b; i++) {
            PairCorpus.Pair p = corpus.pair(idx[i]);
            reconstruction[i] = r.nextDouble() < settings.reconstruction();
            String prompt = reconstruction[i] ? p.sourcePrompt() : p.targetPrompt();
            if (r.nextDouble() < settings.personSubject()) {
                prompt = prompt.replaceFirst("\\b" + p.subject() + "\\b", "person");
            }
            double u = r.nextDouble();
            boolean dropS = u < settings.dropEach() || (u >= 3 * settings.dropEach()
                    && u < 3 * settings.dropEach() + settings.dropAll());
            boolean dropI = (u >= settings.dropEach() && u < 2 * settings.dropEach()) || (u >= 3 * settings.dropEach()
                    && u < 3 * settings.dropEach() + settings.dropAll());
            boolean dropP = (u >= 2 * settings.dropEach() && u < 3 * settings.dropEach())
                    || (u >= 3 * settings.dropEach() && u < 3 * settings.dropEach() + settings.dropAll());
            keepSpatial[i] = dropS ? 0f : 1f;
            nullImage[i] = dropI;
            prompts.add(dropP ? "" : prompt);
            int ti = r.nextInt(schedule.trainSteps());
            t[i] = ti;
            a[i] = (float) schedule.alpha(ti);
            s[i] = (float) schedule.sigma(ti);
            double snr = schedule.alphaBar(ti) / (1 - schedule.alphaBar(ti));
            w[i] = (float) (Math.min(snr, settings.minSnrGamma()) / snr);
        }
        NDArray zA = corpus.sourceLatents(m, idx);
        NDArray zB = corpus.targetLatents(m, idx);
        NDArray rec = m.create(toFloat(reconstruction), new Shape(b, 1, 1, 1));
        NDArray target = zB.mul(rec.neg().add(1f)).add(zA.mul(rec));
        NDArray noise = StepRandom.normal(m, StepRandom.of(seed, step, 2), target.getShape());
        Shape col = new Shape(b, 1, 1, 1);
        NDArray xt = target.mul(m.create(a, col)).add(noise.mul(m.create(s, col)));
        NDArray spatial = zA.mul(m.create(keepSpatial, col));
        NDArray input = xt.concat(spatial, 1);
        NDArray tokens = corpus.sourceTokens(m, idx);
        NDList tokenRows = new NDList();
        NDList latentRows = new NDList();
        for (int i = 0; i < b; i++) {
            tokenRows.add(nullImage[i] ? blackTokens.get(0) : tokens.get(i));
            latentRows.add(nullImage[i] ? blackLatent.get(0) : zA.get(i));
        }
        NDArray imgTokens = NDArrays.stack(tokenRows, 0);
        NDArray imgLatents = NDArrays.stack(latentRows, 0);
        ClipTextModel text = set.text();
        // the frozen tower outside the collector; the word path, trained, inside it
        TextContext.Tokens textTokens = textContext.tokens(text.tokenEmbeddings(m.create(set.tokenizer()
                .encode(prompts))));
        NDArray tt = m.create(t);
        NDArray weights = m.create(w);
        ImageAdapter adapter = set.adapter();
        UNet2DConditionModel unet = set.unet();
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray cIm = adapter.forward(imgTokens, imgLatents);
            NDArray eps = unet.predict(input, tt, textContext.of(textTokens).concat(cIm, 1));
            NDArray perSample = eps.sub(noise).square().reshape(b, -1).mean(new int[] {1});
            NDArray loss = perSample.mul(weights).mean();
            gc.backward(loss);
            Map<String, Double> out = new LinkedHashMap<>();
            out.put("loss", (double) loss.getFloat());
            out.put("mse", (double) perSample.mean().getFloat());
            return out;
        }
    }

    private static float[] toFloat(boolean[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = v[i] ? 1f : 0f;
        }
        return f;
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
        samples.write(png, seed);
    }

    /** The product checkpoint's architecture: preset mcdm-tiny with vocabulary, autoencoder, word path if any. */
    @Override
    public ArchitectureSpec architecture() {
        return TinyMcdmModelsFactory.architecture(set.tokenizer(), set.vae().config(), set.words() != null);
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
