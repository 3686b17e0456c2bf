package io.likeness.mcdm.nn.clip;

import ai.djl.ndarray.NDArray;

/**
 * The cross-attention text context a diffusion model reads, from a prompt's token embeddings (identity words
 * already inserted, if any): the text tower's output, plus the word path's term when the model was trained with one
 * ({@link WordContext}: {@code tower(e) + W · LayerNorm(e)}).
 *
 * <p>Why one class: a model conditioned on the word path must get exactly the context it was trained on wherever it
 * runs — base training and sampling, pair generation, MCDM training, the product's editor. Each of them builds the
 * token embeddings its own way (identity words, per-row choices); this is the rest, written once.
 *
 * <p>Training splits it in two: {@link #tokens} runs the frozen tower (no gradient needed, so it can run before the
 * gradient collector opens) and {@link #of(Tokens)} adds the trained word path inside it.
 */
public final class TextContext {

    /** The text tower's output and the token embeddings it ran on. */
    public record Tokens(NDArray tower, NDArray embeddings) {
    }

    private final ClipTextModel text;
    private final WordContext words;

    /**
     * @param text  the text tower
     * @param words the word path, or null for a model conditioned on the tower's output alone
     */
    public TextContext(ClipTextModel text, WordContext words) {
        if (words != null && words.width() != text.config().width()) {
            throw new IllegalArgumentException("the word path is " + words.width() + " wide, the text tower "
                    + text.config().width() + ": they come from different models");
        }
        this.text = text;
        this.words = words;
    }

    /** The tower's output on token embeddings (B, L, width), before positions; results on their manager. */
    public Tokens tokens(NDArray embeddings) {
        return new Tokens(text.forwardEmbeddings(embeddings), embeddings);
    }

    /** The context (B, L, width) of already-computed tokens: the tower's output, plus the word path's term. */
    public NDArray of(Tokens tokens) {
        return words == null ? tokens.tower() : words.apply(tokens.tower(), tokens.embeddings());
    }

    /** The context (B, L, width) of token embeddings (B, L, width). */
    public NDArray of(NDArray embeddings) {
        return of(tokens(embeddings));
    }

    /** The context (B, L, width) of token ids (B, L). */
    public NDArray ofIds(NDArray ids) {
        return of(text.tokenEmbeddings(ids));
    }

    /** Whether the word path is part of the context. */
    public boolean hasWords() {
        return words != null;
    }
}
