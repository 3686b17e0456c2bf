package io.likeness.mcdm.nn.identity;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import io.likeness.mcdm.nn.clip.ClipTextModel;
import io.likeness.mcdm.nn.clip.ClipVisionModel;
import io.likeness.mcdm.nn.clip.WordTokenizer;
import io.likeness.mcdm.nn.layers.Scope;
import java.util.List;

/**
 * Text encoding with identity words (paper supplementary §1.1): the mapper turns an identity portrait into k word
 * embeddings that are inserted into the token-embedding sequence right before the subject word
 * ("man"/"woman"/"person"); following tokens shift right and the sequence is truncated back to its length,
 * then the text transformer runs. Prompts without a subject word are encoded unchanged.
 */
public final class IdentityTextConditioner {

    private final WordTokenizer tokenizer;
    private final ClipTextModel text;
    private final ClipVisionModel vision;
    private final IdentityMapper mapper;

    public IdentityTextConditioner(WordTokenizer tokenizer, ClipTextModel text, ClipVisionModel vision,
                                   IdentityMapper mapper) {
        this.tokenizer = tokenizer;
        this.text = text;
        this.vision = vision;
        this.mapper = mapper;
    }

    /** Identity words (B, k, textWidth) of portraits (B, 3, H, W) in [-1, 1]. */
    public NDArray identityWords(NDArray portraits) {
        try (Scope sc = Scope.of(portraits)) {
            return sc.keep(mapper.forward(vision.hiddenStates(portraits)));
        }
    }

    /**
     * @param manager   caller's manager (result lands there)
     * @param prompts   B prompts
     * @param words     (B, k, textWidth) identity words, e.g. from {@link #identityWords}
     * @return (B, L, textWidth)
     */
    public NDArray encode(NDManager manager, List<String> prompts, NDArray words) {
        try (NDArray embeddings = embeddings(manager, prompts, words)) {
            return text.forwardEmbeddings(embeddings);
        }
    }

    /**
     * The token embeddings {@link #encode} runs the text tower on: the prompts' own, with the identity words
     * inserted. For a model with the word path, which reads them as well as the tower's output
     * ({@link io.likeness.mcdm.nn.clip.TextContext}).
     *
     * @return (B, L, textWidth), on {@code manager}
     */
    public NDArray embeddings(NDManager manager, List<String> prompts, NDArray words) {
        long[][] ids = tokenizer.encode(prompts);
        try (NDArray idArray = manager.create(ids); Scope sc = Scope.of(idArray, words)) {
            return sc.keep(insert(text.tokenEmbeddings(idArray), words, ids));
        }
    }

    /**
     * Inserts each row's k words before its subject word (if any), shifting the rest right and truncating to L.
     * Intermediates land on {@code tokenEmbeddings}' manager.
     */
    public NDArray insert(NDArray tokenEmbeddings, NDArray words, long[][] ids) {
        long l = tokenEmbeddings.getShape().get(1);
        long k = words.getShape().get(1);
        NDList rows = new NDList();
        for (int b = 0; b < ids.length; b++) {
            NDArray row = tokenEmbeddings.get(new NDIndex("{}, :, :", b));
            int at = tokenizer.subjectPosition(ids[b]);
            if (at < 0) {
                rows.add(row);
                continue;
            }
            NDArray w = words.get(new NDIndex("{}, :, :", b));
            long keepTail = Math.max(0, l - at - k);
            NDList parts = new NDList();
            parts.add(row.get(new NDIndex("0:{}, :", at)));
            parts.add(w.get(new NDIndex("0:{}, :", Math.min(k, l - at))));
            if (keepTail > 0) {
                parts.add(row.get(new NDIndex("{}:{}, :", at, at + keepTail)));
            }
            rows.add(NDArrays.concat(parts, 0));
        }
        return NDArrays.stack(rows, 0);
    }

    /** Where each row's {@code <end>} token ends up after insertion (for the pooled output). */
    public int[] endPositions(long[][] ids) {
        int[] out = new int[ids.length];
        for (int b = 0; b < ids.length; b++) {
            int end = WordTokenizer.endPosition(ids[b]);
            int shift = tokenizer.subjectPosition(ids[b]) >= 0 ? mapper.words() : 0;
            out[b] = Math.min(end + shift, tokenizer.maxTokens() - 1);
        }
        return out;
    }

    public IdentityMapper mapper() {
        return mapper;
    }
}
