package io.likeness.trainer.foundation;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.likeness.mcdm.checkpoint.ArchitectureSpec;
import io.likeness.mcdm.nn.TinyPresets;
import io.likeness.mcdm.nn.clip.ClipTextModel;
import io.likeness.mcdm.nn.clip.ClipVisionModel;
import io.likeness.mcdm.nn.clip.WordTokenizer;
import io.likeness.mcdm.nn.layers.NnBlock;
import io.likeness.trainer.dataset.Sample;
import io.likeness.trainer.dataset.Split;
import io.likeness.trainer.studio.Captions;
import io.likeness.trainer.studio.Direction;
import io.likeness.trainer.studio.Identity;
import io.likeness.trainer.studio.IdentitySampler;
import io.likeness.trainer.studio.Pose;
import io.likeness.trainer.studio.PoseSampler;
import io.likeness.trainer.studio.PortraitRenderer;
import io.likeness.trainer.train.AdamW;
import io.likeness.trainer.train.Batches;
import io.likeness.trainer.train.StepRandom;
import io.likeness.trainer.train.TrainingLoop;
import io.likeness.trainer.train.TrainingStage;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The CLIP-like text and image encoders, trained contrastively on (render, caption) pairs of studio views. Half
 * the captions are the short prompts the diffusion models use ("a man, Santa Claus costume"), half add the
 * identity description, so the image tower learns both what is worn and who wears it. Identical captions in a
 * batch are all positives (soft targets), as short captions repeat. The image tower's last hidden state is what
 * the MCDM image adapter consumes; its hidden states feed the identity mapper.
 */
public final class ClipStage implements TrainingStage, TrainingLoop.Architected {

    public static final String NAME = "clip";

    /**
     * Hyper-parameters.
     *
     * @param expressionGroups per step, this many extra train-split people rendered on the fly with a neutral face
     *                         and each of the four expressions, same pose, short captions: hard negatives that
     *                         differ only in the expression (0 = none, as the shipped encoders were trained)
     */
    public record Settings(int batchSamples, double learningRate, float logitScale, int validationSamples,
                           int expressionGroups) {
        public Settings(int batchSamples, double learningRate, float logitScale, int validationSamples) {
            this(batchSamples, learningRate, logitScale, validationSamples, 0);
        }

        public static Settings defaults() {
            return new Settings(32, 5e-4, 20f, 256);
        }

        public Settings withExpressionGroups(int groups) {
            if (groups < 0) {
                throw new IllegalArgumentException("expression groups must be 0 or more, not " + groups);
            }
            return new Settings(batchSamples, learningRate, logitScale, validationSamples, groups);
        }
    }

    private final Settings settings;
    private final long seed;
    private final NDManager manager;
    private final WordTokenizer tokenizer;
    private final ClipTextModel text;
    private final ClipVisionModel vision;
    private final ViewStream stream;
    private final List<Sample> validation;
    private final String data;

    public ClipStage(Path train, Path validationSet, long seed, Settings settings) throws IOException {
        this.settings = settings;
        this.seed = seed;
        this.manager = NDManager.newBaseManager();
        io.likeness.trainer.train.Seeding.initialWeights(seed, NAME);
        this.tokenizer = StudioVocabulary.tokenizer();
        this.text = TinyPresets.textTower(tokenizer, manager);
        this.vision = TinyPresets.visionTower(manager);
        this.stream = new ViewStream(train, seed);
        this.validation = ViewStream.firstSamples(validationSet, settings.validationSamples());
        this.data = "studio views " + train.getFileName() + " (train), " + validationSet.getFileName()
                + " (validation)";
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, NnBlock> trainable() {
        Map<String, NnBlock> m = new LinkedHashMap<>();
        m.put("text", text);
        m.put("vision", vision);
        return m;
    }

    @Override
    public AdamW.Settings optimizer() {
        return AdamW.Settings.of(settings.learningRate(), 100).withWeightDecay(0.05);
    }

    @Override
    public Map<String, Double> step(NDManager m, long step) {
        SplittableRandom r = StepRandom.of(seed, step, 1);
        List<BufferedImage> images = new ArrayList<>();
        List<String> captions = new ArrayList<>();
        for (Sample s : stream.next(settings.batchSamples())) {
            JsonNode j = s.json();
            for (String view : List.of("a", "b")) {
                images.add(s.image(view + ".png"));
                String caption = j.get("caption_" + view).asText();
                captions.add(r.nextBoolean() ? caption
                        : StudioVocabulary.longCaption(caption, j.get("description").asText()));
            }
        }
        addExpressionGroups(settings.expressionGroups(), r, images, captions);
        NDArray x = Batches.images(m, images);
        long[][] ids = tokenizer.encode(captions);
        NDArray idArray = m.create(ids);
        NDArray targets = softTargets(m, captions);
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray img = normalize(vision.pooled(vision.lastHiddenState(x)));
            NDArray txt = normalize(text.pooled(text.forward(idArray), ends(ids)));
            NDArray logits = img.matMul(txt.transpose()).mul(settings.logitScale());
            NDArray lossI = logits.logSoftmax(1).mul(targets).sum(new int[] {1}).neg().mean();
            NDArray lossT = logits.transpose().logSoftmax(1).mul(targets.transpose()).sum(new int[] {1}).neg().mean();
            NDArray loss = lossI.add(lossT).mul(0.5f);
            gc.backward(loss);
            NDArray hits = logits.argMax(1).toType(ai.djl.ndarray.types.DataType.INT64, false);
            long[] h = hits.toLongArray();
            int correct = 0;
            for (int i = 0; i < h.length; i++) {
                correct += captions.get((int) h[i]).equals(captions.get(i)) ? 1 : 0;
            }
            Map<String, Double> out = new LinkedHashMap<>();
            out.put("loss", (double) loss.getFloat());
            out.put("batch_top1", correct / (double) h.length);
            return out;
        }
    }

    /**
     * {@code groups} ({@link Settings#expressionGroups()}) train-split people, each rendered in one pose with a neutral face and
     * with each of the four expressions, captioned "a man, neutral expression", "a man, angry", …: in the
     * contrastive loss they are told apart only by the expression, which the views alone teach too weakly (the
     * text tower then gives the four expressions nearly the same context, {@link TextSeparation}).
     */
    static void addExpressionGroups(int groups, SplittableRandom r, List<BufferedImage> images,
                                    List<String> captions) {
        for (int g = 0; g < groups; g++) {
            Identity id;
            do {
                id = IdentitySampler.sample(r.nextLong());
            } while (Split.of(id) != Split.TRAIN);
            Pose pose = PoseSampler.sample(r.nextLong());
            for (Direction d : Direction.values()) {
                if (d == Direction.SOURCE || d.kind() == Direction.Kind.EXPRESSION) {
                    images.add(PortraitRenderer.render(id, pose, d, PortraitRenderer.DEFAULT_SIZE));
                    captions.add(Captions.forImage(id, d, false));
                }
            }
        }
    }

    /** Row i: uniform over the items whose caption equals caption i. */
    static NDArray softTargets(NDManager m, List<String> captions) {
        int n = captions.size();
        float[] t = new float[n * n];
        for (int i = 0; i < n; i++) {
            int same = 0;
            for (int j = 0; j < n; j++) {
                same += captions.get(i).equals(captions.get(j)) ? 1 : 0;
            }
            for (int j = 0; j < n; j++) {
                t[i * n + j] = captions.get(i).equals(captions.get(j)) ? 1f / same : 0f;
            }
        }
        return m.create(t, new ai.djl.ndarray.types.Shape(n, n));
    }

    static NDArray normalize(NDArray v) {
        return v.div(v.square().sum(new int[] {1}, true).add(1e-12f).sqrt());
    }

    static int[] ends(long[][] ids) {
        int[] e = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            e[i] = WordTokenizer.endPosition(ids[i]);
        }
        return e;
    }

    @Override
    public JsonNode dataPosition() {
        return stream.position();
    }

    @Override
    public void seek(JsonNode position) throws IOException {
        stream.seek(position);
    }

    /** Normalised image embeddings of images, in chunks. */
    private float[][] imageEmbeddings(List<BufferedImage> images) {
        float[][] out = new float[images.size()][];
        for (int i = 0; i < images.size(); i += 32) {
            try (NDManager m = manager.newSubManager()) {
                NDArray x = Batches.images(m, images.subList(i, Math.min(images.size(), i + 32)));
                NDArray e = normalize(vision.pooled(vision.lastHiddenState(x)));
                for (int k = 0; k < e.getShape().get(0); k++) {
                    out[i + k] = e.get(k).toFloatArray();
                }
            }
        }
        return out;
    }

    private float[][] textEmbeddings(List<String> captions) {
        float[][] out = new float[captions.size()][];
        for (int i = 0; i < captions.size(); i += 64) {
            try (NDManager m = manager.newSubManager()) {
                long[][] ids = tokenizer.encode(captions.subList(i, Math.min(captions.size(), i + 64)));
                NDArray e = normalize(text.pooled(text.forward(m.create(ids)), ends(ids)));
                for (int k = 0; k < e.getShape().get(0); k++) {
                    out[i + k] = e.get(k).toFloatArray();
                }
            }
        }
        return out;
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /**
     * Retrieval on validation identities (view a with its long caption, N candidates): caption → render and
     * render → caption top-1; and zero-shot direction accuracy over both views ({@link DirectionClassifier}: the direction prompt, "a man,
     * laughing", the source domain by its two phrases, with the highest similarity); how far apart the text
     * tower puts the directions' prompts ({@link TextSeparation}).
     */
    @Override
    public Map<String, Double> evaluate() {
        List<BufferedImage> images = new ArrayList<>();
        List<String> captions = new ArrayList<>();
        List<BufferedImage> allViews = new ArrayList<>();
        List<String> directions = new ArrayList<>();
        List<String> genders = new ArrayList<>();
        for (Sample s : validation) {
            JsonNode j = s.json();
            images.add(s.image("a.png"));
            captions.add(StudioVocabulary.longCaption(j.get("caption_a").asText(), j.get("description").asText()));
            for (String view : List.of("a", "b")) {
                allViews.add(s.image(view + ".png"));
                directions.add(j.get("direction_" + view).asText());
                genders.add(j.get("caption_" + view).asText().startsWith("a woman") ? "woman" : "man");
            }
        }
        float[][] ie = imageEmbeddings(images);
        float[][] te = textEmbeddings(captions);
        int t2i = 0;
        int i2t = 0;
        int n = ie.length;
        for (int i = 0; i < n; i++) {
            int bestImage = 0;
            int bestText = 0;
            for (int j = 0; j < n; j++) {
                if (dot(te[i], ie[j]) > dot(te[i], ie[bestImage])) {
                    bestImage = j;
                }
                if (dot(ie[i], te[j]) > dot(ie[i], te[bestText])) {
                    bestText = j;
                }
            }
            t2i += captions.get(bestImage).equals(captions.get(i)) ? 1 : 0;
            i2t += captions.get(bestText).equals(captions.get(i)) ? 1 : 0;
        }
        List<Direction> predicted = new DirectionClassifier(tokenizer, text, vision, manager).classify(allViews, genders);
        int zeroShot = 0;
        for (int i = 0; i < predicted.size(); i++) {
            zeroShot += predicted.get(i).id().equals(directions.get(i)) ? 1 : 0;
        }
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("val_caption_to_render_top1", t2i / (double) n);
        out.put("val_render_to_caption_top1", i2t / (double) n);
        out.put("val_candidates", (double) n);
        out.put("val_zero_shot_direction_acc", zeroShot / (double) predicted.size());
        TextSeparation separation = TextSeparation.of(tokenizer, text, manager);
        out.put("val_text_distance_costumes", separation.costumes());
        out.put("val_text_distance_expressions", separation.expressions());
        return out;
    }

    @Override
    public ArchitectureSpec architecture() {
        ObjectNode h = FoundationCheckpoints.clipHyperParameters(tokenizer, text, vision);
        h.put("logit_scale", settings.logitScale());
        if (settings.expressionGroups() > 0) {
            h.put("expression_groups", settings.expressionGroups());
        }
        return new ArchitectureSpec("clip-tiny", h);
    }

    @Override
    public String dataDescription() {
        return data + "; batch " + (2 * settings.batchSamples()) + " renders, short or long captions 50/50"
                + (settings.expressionGroups() == 0 ? "" : "; plus " + settings.expressionGroups()
                + " people a step rendered neutral and in the four expressions (short captions)");
    }

    @Override
    public void close() {
        manager.close();
    }
}
