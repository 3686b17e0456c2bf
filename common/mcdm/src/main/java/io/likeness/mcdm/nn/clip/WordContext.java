package io.likeness.mcdm.nn.clip;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import io.likeness.mcdm.nn.layers.LayerNorm;
import io.likeness.mcdm.nn.layers.Linear;
import io.likeness.mcdm.nn.layers.NnBlock;

/**
 * A word path around the text tower: the cross-attention context becomes the tower's output plus a learned
 * projection of the prompt's own word embeddings at the same positions,
 * {@code context = tower(e) + W · LayerNorm(e)}, with {@code e} the token embeddings (identity words inserted) and W
 * zero-initialised, so a diffusion model trained with it starts from the plain tower context.
 *
 * <p>Why: a small contrastive text tower can merge words its image tower never learned to tell apart (here the
 * four expressions: their prompts end up 2 % apart at the tower's output and 30 % apart at its input), and then no
 * amount of diffusion training can draw the difference. The word path lets the diffusion loss itself learn what
 * each word looks like, while the frozen tower keeps what it knows. Trained with the diffusion model; the tower
 * stays frozen. Parameters: {@code norm.{weight,bias}}, {@code projection.weight}.
 *
 * <p>A model trained with it must see the same context wherever it runs (sampling, pair generation, the MCDM
 * trained from it, the product's editor): {@link TextContext} is that one computation. Checkpoints store it as the
 * block {@value #BLOCK} and say so with the architecture hyper-parameter {@value #HYPER_PARAMETER}.
 */
public final class WordContext extends NnBlock {

    /** Block (file) name of the word path in a checkpoint. */
    public static final String BLOCK = "words";

    /** Architecture hyper-parameter a checkpoint with the word path records; loaders create the block by it. */
    public static final String HYPER_PARAMETER = "word_context";

    private final int width;
    private final LayerNorm norm;
    private final Linear projection;

    public WordContext(int width) {
        this.width = width;
        this.norm = child("norm", new LayerNorm(width, 1e-5f));
        this.projection = child("projection", new Linear(width, width, false, true));
    }

    /**
     * @param towerOutput     the text tower's last hidden state (B, L, width)
     * @param tokenEmbeddings the token embeddings it was computed from (B, L, width), before positions
     * @return the context (B, L, width), on {@code towerOutput}'s manager
     */
    public NDArray apply(NDArray towerOutput, NDArray tokenEmbeddings) {
        return towerOutput.add(projection.forward(norm.forward(tokenEmbeddings)));
    }

    /** Width of the tokens it works on (the text tower's). */
    public int width() {
        return width;
    }

    /**
     * A new block on {@code manager} with this one's parameter values: a model trained further from another (the
     * MCDM from the base) gets its own copy, initialised and recording gradients like any fresh block.
     */
    public WordContext copy(NDManager manager) {
        WordContext c = new WordContext(width);
        c.initialize(manager);
        java.util.Map<String, Parameter> to = c.namedParameters();
        namedParameters().forEach((name, p) -> to.get(name).getArray().set(p.getArray().toFloatArray()));
        return c;
    }

    @Override
    protected NDList forwardList(NDList inputs) {
        return new NDList(apply(inputs.get(0), inputs.get(1)));
    }
}
