package io.likeness.trainer.foundation;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.likeness.mcdm.nn.clip.ClipTextModel;
import io.likeness.mcdm.nn.clip.WordTokenizer;
import io.likeness.trainer.studio.Captions;
import io.likeness.trainer.studio.Direction;
import java.util.ArrayList;
import java.util.List;

/**
 * How far apart the text tower puts the prompts of different directions, in the token sequence the diffusion
 * models cross-attend to ("a man, angry" against "a man, laughing"): the mean over pairs of ‖c_i − c_j‖ / ‖c_i‖,
 * all tokens, within the costumes and within the expressions. A diffusion model cannot draw a difference its
 * conditioning does not carry: if the expressions' contexts are a few percent apart while the costumes' are
 * about 100 %, the text tower has merged the expression words.
 */
public record TextSeparation(double costumes, double expressions) {

    public static TextSeparation of(WordTokenizer tokenizer, ClipTextModel text, NDManager manager) {
        return of((m, prompts) -> text.forward(m.create(tokenizer.encode(prompts))), manager);
    }

    /** The same for any prompts → context (B, L, width) encoder, e.g. a base model's context with its word path. */
    public static TextSeparation of(java.util.function.BiFunction<NDManager, List<String>, NDArray> encoder,
                                    NDManager manager) {
        List<Direction> directions = Direction.edits();
        List<String> prompts = new ArrayList<>();
        for (Direction d : directions) {
            prompts.add(Captions.single("man", d.phrase()));
        }
        float[][] c = new float[directions.size()][];
        try (NDManager m = manager.newSubManager()) {
            NDArray ctx = encoder.apply(m, prompts);
            for (int i = 0; i < c.length; i++) {
                c[i] = ctx.get(i).toFloatArray();
            }
        }
        return new TextSeparation(within(c, directions, Direction.Kind.COSTUME),
                within(c, directions, Direction.Kind.EXPRESSION));
    }

    /** Mean relative distance over ordered pairs of distinct directions of one kind. */
    static double within(float[][] c, List<Direction> directions, Direction.Kind kind) {
        double sum = 0;
        int pairs = 0;
        for (int i = 0; i < c.length; i++) {
            for (int j = 0; j < c.length; j++) {
                if (i != j && directions.get(i).kind() == kind && directions.get(j).kind() == kind) {
                    sum += relativeDistance(c[i], c[j]);
                    pairs++;
                }
            }
        }
        return sum / pairs;
    }

    static double relativeDistance(float[] a, float[] b) {
        double d = 0;
        double n = 0;
        for (int k = 0; k < a.length; k++) {
            double e = a[k] - b[k];
            d += e * e;
            n += (double) a[k] * a[k];
        }
        return Math.sqrt(d / n);
    }
}
