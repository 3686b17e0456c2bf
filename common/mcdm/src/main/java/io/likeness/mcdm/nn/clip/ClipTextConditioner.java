package io.likeness.mcdm.nn.clip;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.likeness.mcdm.model.TextConditioner;
import io.likeness.mcdm.nn.layers.Scope;
import java.util.List;

/**
 * {@link TextConditioner} = {@link WordTokenizer} + {@link ClipTextModel} (last_hidden_state), plus the word path
 * ({@link WordContext}) when the model was trained with one: then the context is {@code words.apply(tower(e), e)},
 * as in training ({@link TextContext}).
 */
public final class ClipTextConditioner implements TextConditioner {

    private final WordTokenizer tokenizer;
    private final ClipTextModel model;
    private final TextContext context;

    public ClipTextConditioner(WordTokenizer tokenizer, ClipTextModel model) {
        this(tokenizer, model, null);
    }

    /** @param words the word path, or null for the tower's output alone */
    public ClipTextConditioner(WordTokenizer tokenizer, ClipTextModel model, WordContext words) {
        if (tokenizer.maxTokens() != model.config().maxTokens()) {
            throw new IllegalArgumentException("tokenizer length " + tokenizer.maxTokens() + " ≠ model "
                    + model.config().maxTokens());
        }
        this.tokenizer = tokenizer;
        this.model = model;
        this.context = new TextContext(model, words);
    }

    @Override
    public NDArray encode(NDManager manager, List<String> prompts) {
        try (NDArray ids = manager.create(tokenizer.encode(prompts)); Scope sc = Scope.of(ids)) {
            return sc.keep(context.ofIds(ids));
        }
    }

    public WordTokenizer tokenizer() {
        return tokenizer;
    }

    public ClipTextModel model() {
        return model;
    }

    /** Whether the context includes the word path. */
    public boolean hasWords() {
        return context.hasWords();
    }

    @Override
    public int maxTokens() {
        return tokenizer.maxTokens();
    }

    @Override
    public int width() {
        return model.config().width();
    }
}
