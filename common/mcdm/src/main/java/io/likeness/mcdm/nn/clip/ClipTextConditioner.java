package io.likeness.mcdm.nn.clip;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.likeness.mcdm.model.TextConditioner;
import java.util.List;

/** {@link TextConditioner} = {@link WordTokenizer} + {@link ClipTextModel} (last_hidden_state). */
public final class ClipTextConditioner implements TextConditioner {

    private final WordTokenizer tokenizer;
    private final ClipTextModel model;

    public ClipTextConditioner(WordTokenizer tokenizer, ClipTextModel model) {
        if (tokenizer.maxTokens() != model.config().maxTokens()) {
            throw new IllegalArgumentException("tokenizer length " + tokenizer.maxTokens() + " ≠ model "
                    + model.config().maxTokens());
        }
        this.tokenizer = tokenizer;
        this.model = model;
    }

    @Override
    public NDArray encode(NDManager manager, List<String> prompts) {
        try (NDArray ids = manager.create(tokenizer.encode(prompts))) {
            return model.forward(ids);
        }
    }

    public WordTokenizer tokenizer() {
        return tokenizer;
    }

    public ClipTextModel model() {
        return model;
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
