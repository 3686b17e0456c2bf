package io.likeness.mcdm.edit;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.likeness.mcdm.model.TextConditioner;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A source image encoded once for any number of edits: z_A = c_s, the image tokens c_im, the null conditions, and a
 * cache of text tokens per prompt. Owns an NDManager released by {@link #close()}. Use from one thread at a time.
 */
public final class PreparedImage implements AutoCloseable {

    private final NDManager manager;
    private final TextConditioner text;
    private final NDArray latent;
    private final NDArray latentNull;
    private final NDArray imageTokens;
    private final NDArray imageTokensNull;
    private final int width;
    private final int height;
    private final Map<String, NDArray> textCache = Collections.synchronizedMap(new java.util.HashMap<>());

    PreparedImage(NDManager manager, TextConditioner text, NDArray latent, NDArray latentNull, NDArray imageTokens,
            NDArray imageTokensNull, int width, int height) {
        this.manager = manager;
        this.text = text;
        this.latent = latent;
        this.latentNull = latentNull;
        this.imageTokens = imageTokens;
        this.imageTokensNull = imageTokensNull;
        this.width = width;
        this.height = height;
    }

    NDManager manager() {
        return manager;
    }

    /** z_A = c_s, (1, 4, h, w). */
    public NDArray latent() {
        return latent;
    }

    NDArray latentNull() {
        return latentNull;
    }

    NDArray imageTokens() {
        return imageTokens;
    }

    NDArray imageTokensNull() {
        return imageTokensNull;
    }

    /** Text tokens of a prompt, computed once per prompt and kept until close. */
    NDArray textTokens(String prompt) {
        synchronized (textCache) {
            NDArray cached = textCache.get(prompt);
            if (cached == null) {
                cached = text.encode(manager, List.of(prompt));
                cached.attach(manager);
                textCache.put(prompt, cached);
            }
            return cached;
        }
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public int latentHeight() {
        return (int) latent.getShape().get(2);
    }

    public int latentWidth() {
        return (int) latent.getShape().get(3);
    }

    /** Number of prompts whose tokens are cached. */
    public int cachedPrompts() {
        return textCache.size();
    }

    @Override
    public void close() {
        textCache.clear();
        manager.close();
    }
}
