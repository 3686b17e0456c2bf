package io.likeness.mcdm.nn.clip;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
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
 */
public final class WordContext extends NnBlock {

    private final LayerNorm norm;
    private final Linear projection;

    public WordContext(int width) {
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

    @Override
    protected NDList forwardList(NDList inputs) {
        return new NDList(apply(inputs.get(0), inputs.get(1)));
    }
}
