package io.likeness.trainer.foundation;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.likeness.mcdm.nn.clip.ClipTextModel;
import io.likeness.mcdm.nn.clip.ClipVisionModel;
import io.likeness.mcdm.nn.clip.WordTokenizer;
import io.likeness.trainer.studio.Captions;
import io.likeness.trainer.studio.Direction;
import io.likeness.trainer.train.Batches;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Which direction a portrait shows, by the contrastive encoders trained on studio renders (zero-shot over the
 * direction prompts "a man, laughing", …; the source domain by both of its phrases). The edit-fidelity judge of
 * pair quality and of the MCDM evaluation.
 */
public final class DirectionClassifier {

    private final WordTokenizer tokenizer;
    private final ClipTextModel text;
    private final ClipVisionModel vision;
    private final NDManager manager;
    private final List<Direction> classes = new ArrayList<>();
    private final float[][][] prompts = new float[2][][];

    public DirectionClassifier(WordTokenizer tokenizer, ClipTextModel text, ClipVisionModel vision,
                               NDManager manager) {
        this.tokenizer = tokenizer;
        this.text = text;
        this.vision = vision;
        this.manager = manager;
        List<String> man = new ArrayList<>();
        List<String> woman = new ArrayList<>();
        for (Direction d : Direction.values()) {
            List<String> phrases = d == Direction.SOURCE
                    ? List.of(Direction.Kind.COSTUME.sourcePhrase(), Direction.Kind.EXPRESSION.sourcePhrase())
                    : List.of(d.phrase());
            for (String phrase : phrases) {
                classes.add(d);
                man.add(Captions.single("man", phrase));
                woman.add(Captions.single("woman", phrase));
            }
        }
        prompts[0] = embedText(man);
        prompts[1] = embedText(woman);
    }

    public static DirectionClassifier of(FoundationCheckpoints.Clip clip, NDManager manager) {
        return new DirectionClassifier(clip.tokenizer(), clip.text(), clip.vision(), manager);
    }

    private float[][] embedText(List<String> p) {
        try (NDManager m = manager.newSubManager()) {
            long[][] ids = tokenizer.encode(p);
            NDArray e = ClipStage.normalize(text.pooled(text.forward(m.create(ids)), ClipStage.ends(ids)));
            float[][] out = new float[p.size()][];
            for (int i = 0; i < out.length; i++) {
                out[i] = e.get(i).toFloatArray();
            }
            return out;
        }
    }

    /** The most likely direction of each image, given each person's subject word ("man"/"woman"). */
    public List<Direction> classify(List<BufferedImage> images, List<String> subjects) {
        List<Direction> out = new ArrayList<>();
        for (int i = 0; i < images.size(); i += 32) {
            try (NDManager m = manager.newSubManager()) {
                List<BufferedImage> chunk = images.subList(i, Math.min(images.size(), i + 32));
                NDArray e = ClipStage.normalize(vision.pooled(vision.lastHiddenState(Batches.images(m, chunk))));
                for (int k = 0; k < chunk.size(); k++) {
                    float[] v = e.get(k).toFloatArray();
                    float[][] p = prompts["woman".equals(subjects.get(i + k)) ? 1 : 0];
                    int best = 0;
                    double bestScore = Double.NEGATIVE_INFINITY;
                    for (int c = 0; c < p.length; c++) {
                        double s = 0;
                        for (int d = 0; d < v.length; d++) {
                            s += v[d] * p[c][d];
                        }
                        if (s > bestScore) {
                            bestScore = s;
                            best = c;
                        }
                    }
                    out.add(classes.get(best));
                }
            }
        }
        return out;
    }
}
