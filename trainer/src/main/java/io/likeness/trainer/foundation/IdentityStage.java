package io.likeness.trainer.foundation;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.likeness.mcdm.checkpoint.ArchitectureSpec;
import io.likeness.mcdm.nn.TinyPresets;
import io.likeness.mcdm.nn.clip.ClipTextModel;
import io.likeness.mcdm.nn.clip.ClipVisionModel;
import io.likeness.mcdm.nn.clip.WordTokenizer;
import io.likeness.mcdm.nn.identity.IdentityMapper;
import io.likeness.mcdm.nn.identity.IdentityTextConditioner;
import io.likeness.mcdm.nn.layers.NnBlock;
import io.likeness.trainer.dataset.Sample;
import io.likeness.trainer.train.AdamW;
import io.likeness.trainer.train.Batches;
import io.likeness.trainer.train.TrainingLoop;
import io.likeness.trainer.train.TrainingStage;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ELITE-style identity mapper (paper supplementary §1.1): a portrait → k word embeddings inserted before the
 * subject word. The image and text towers are frozen. ELITE learns its mapper through the diffusion model's
 * reconstruction loss; on CPU, and before a base UNet exists, this stage trains it with two cheaper signals that
 * ask for the same property:
 * <ol>
 *   <li>consistency: the words of one render must pick out the words of another render of the same person (other
 *       pose, costume or expression) among the batch (InfoNCE, temperature 0.1);</li>
 *   <li>meaning: the text tower's pooled embedding of "a [words] man" must match that of the person's description
 *       ("a man with black curly hair, a round face, brown eyes, …"), so the words say who it is in the text
 *       tower's own language and carry nothing about costume or expression;</li>
 * </ol>
 * plus a small penalty keeping the words' norms at the norm of real token embeddings.
 */
public final class IdentityStage implements TrainingStage, TrainingLoop.Architected {

    public static final String NAME = "identity";

    /** Hyper-parameters. */
    public record Settings(int batchSamples, double learningRate, float temperature, double normWeight,
                           int validationSamples) {
        public static Settings defaults() {
            return new Settings(32, 3e-4, 0.1f, 0.1, 256);
        }
    }

    private final Settings settings;
    private final NDManager manager;
    private final WordTokenizer tokenizer;
    private final ClipTextModel text;
    private final ClipVisionModel vision;
    private final IdentityMapper mapper;
    private final IdentityTextConditioner conditioner;
    private final ViewStream stream;
    private final List<Sample> validation;
    private final float tokenNorm;
    private final String data;

    public IdentityStage(Path train, Path validationSet, Path clipCheckpoint, long seed, Settings settings)
            throws IOException {
        this.settings = settings;
        this.manager = NDManager.newBaseManager();
        io.likeness.trainer.train.Seeding.initialWeights(seed, NAME);
        FoundationCheckpoints.Clip clip = FoundationCheckpoints.clip(clipCheckpoint, manager);
        this.tokenizer = clip.tokenizer();
        this.text = Frozen.freeze(clip.text());
        this.vision = Frozen.freeze(clip.vision());
        this.mapper = TinyPresets.identityMapper(manager);
        this.conditioner = new IdentityTextConditioner(tokenizer, text, vision, mapper);
        this.stream = new ViewStream(train, seed);
        this.validation = ViewStream.firstSamples(validationSet, settings.validationSamples());
        try (NDManager m = manager.newSubManager()) {
            long[] all = new long[tokenizer.vocabularySize()];
            for (int i = 0; i < all.length; i++) {
                all[i] = i;
            }
            NDArray e = text.tokenEmbeddings(m.create(all));
            this.tokenNorm = e.square().sum(new int[] {1}).sqrt().mean().getFloat();
        }
        this.data = "studio views " + train.getFileName() + "; frozen encoders " + clip.manifest().version();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, NnBlock> trainable() {
        return Map.of("identity", mapper);
    }

    @Override
    public AdamW.Settings optimizer() {
        return AdamW.Settings.of(settings.learningRate(), 50).withWeightDecay(0.01);
    }

    private record Batch(List<BufferedImage> a, List<BufferedImage> b, List<String> subjects,
                         List<String> descriptions) {
    }

    private static Batch batch(List<Sample> samples) {
        List<BufferedImage> a = new ArrayList<>();
        List<BufferedImage> b = new ArrayList<>();
        List<String> subjects = new ArrayList<>();
        List<String> descriptions = new ArrayList<>();
        for (Sample s : samples) {
            JsonNode j = s.json();
            a.add(s.image("a.png"));
            b.add(s.image("b.png"));
            String d = j.get("description").asText();
            descriptions.add(d);
            subjects.add(d.startsWith("a woman") ? "a woman" : "a man");
        }
        return new Batch(a, b, subjects, descriptions);
    }

    @Override
    public Map<String, Double> step(NDManager m, long step) {
        Batch b = batch(stream.next(settings.batchSamples()));
        int n = b.a().size();
        List<NDArray> ha = vision.hiddenStates(Batches.images(m, b.a()));
        List<NDArray> hb = vision.hiddenStates(Batches.images(m, b.b()));
        NDArray target = pooledText(m, b.descriptions());
        List<String> subjects = new ArrayList<>(b.subjects());
        subjects.addAll(b.subjects());
        long[][] ids = tokenizer.encode(subjects);
        NDArray tokenEmb = text.tokenEmbeddings(m.create(ids));
        NDArray labels = m.arange(0, n, 1, ai.djl.ndarray.types.DataType.INT64);
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray wa = mapper.forward(ha);
            NDArray wb = mapper.forward(hb);
            NDArray fa = ClipStage.normalize(wa.reshape(n, -1));
            NDArray fb = ClipStage.normalize(wb.reshape(n, -1));
            NDArray logits = fa.matMul(fb.transpose()).div(settings.temperature());
            NDArray oneHot = labels.oneHot(n);
            NDArray consistency = logits.logSoftmax(1).mul(oneHot).sum(new int[] {1}).neg().mean()
                    .add(logits.transpose().logSoftmax(1).mul(oneHot).sum(new int[] {1}).neg().mean()).mul(0.5f);
            NDArray words = wa.concat(wb, 0);
            NDArray withWords = conditioner.insert(tokenEmb, words, ids);
            NDArray pooled = ClipStage.normalize(text.pooled(text.forwardEmbeddings(withWords),
                    conditioner.endPositions(ids)));
            NDArray meaning = pooled.mul(target.concat(target, 0)).sum(new int[] {1}).neg().add(1f).mean();
            NDArray norms = words.square().sum(new int[] {2}).sqrt();
            NDArray normPenalty = norms.sub(tokenNorm).div(tokenNorm).square().mean();
            NDArray loss = consistency.add(meaning).add(normPenalty.mul((float) settings.normWeight()));
            gc.backward(loss);
            Map<String, Double> out = new LinkedHashMap<>();
            out.put("loss", (double) loss.getFloat());
            out.put("consistency", (double) consistency.getFloat());
            out.put("meaning", (double) meaning.getFloat());
            out.put("norm", (double) normPenalty.getFloat());
            return out;
        }
    }

    /** Normalised pooled text embeddings (no gradient: the text tower is frozen). */
    private NDArray pooledText(NDManager m, List<String> prompts) {
        long[][] ids = tokenizer.encode(prompts);
        return ClipStage.normalize(text.pooled(text.forward(m.create(ids)), ClipStage.ends(ids)));
    }

    @Override
    public JsonNode dataPosition() {
        return stream.position();
    }

    @Override
    public void seek(JsonNode position) throws IOException {
        stream.seek(position);
    }

    /** Flattened, normalised identity words of images. */

    /**
     * On validation identities: mean cosine of the words of two renders of the same person vs of different people,
     * and rank-1 identification (the other render of the same person is the most similar among all N).
     */
    @Override
    public Map<String, Double> evaluate() {
        Batch b = batch(validation);
        float[][] wa = IdentityEmbeddings.of(b.a(), vision, mapper, manager);
        float[][] wb = IdentityEmbeddings.of(b.b(), vision, mapper, manager);
        int n = wa.length;
        double same = 0;
        double diff = 0;
        long diffCount = 0;
        int rank1 = 0;
        for (int i = 0; i < n; i++) {
            int best = 0;
            double bestCos = -2;
            for (int j = 0; j < n; j++) {
                double c = IdentityEmbeddings.cosine(wa[i], wb[j]);
                if (i == j) {
                    same += c;
                } else {
                    diff += c;
                    diffCount++;
                }
                if (c > bestCos) {
                    bestCos = c;
                    best = j;
                }
            }
            rank1 += best == i ? 1 : 0;
        }
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("val_same_identity_cos", same / n);
        out.put("val_different_identity_cos", diff / diffCount);
        out.put("val_rank1_identification", rank1 / (double) n);
        out.put("val_candidates", (double) n);
        return out;
    }

    @Override
    public ArchitectureSpec architecture() {
        ObjectNode h = JsonNodeFactory.instance.objectNode();
        h.put("words", mapper.words());
        h.putPOJO("depths", mapper.depths());
        h.put("token_norm", tokenNorm);
        return new ArchitectureSpec("identity-mapper-tiny", h);
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
