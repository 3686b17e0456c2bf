package io.likeness.mcdm.nn.clip;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Parameter;
import io.likeness.mcdm.nn.layers.Init;
import io.likeness.mcdm.nn.layers.LayerNorm;
import io.likeness.mcdm.nn.layers.Linear;
import io.likeness.mcdm.nn.layers.NnBlock;
import io.likeness.mcdm.nn.layers.Scope;
import java.util.List;

/**
 * CLIP-like text tower (transformers {@code CLIPTextModelWithProjection} names): {@code text_model.embeddings.
 * {token,position}_embedding}, pre-LN causal transformer {@code text_model.encoder}, {@code
 * text_model.final_layer_norm}, {@code text_projection} (no bias) on the {@code <end>} token for the pooled output.
 */
public final class ClipTextModel extends NnBlock {

    private final ClipConfig config;
    private final TextTransformer textModel;
    private final Linear projection;

    public ClipTextModel(ClipConfig cfg) {
        this.config = cfg;
        this.textModel = child("text_model", new TextTransformer(cfg));
        this.projection = child("text_projection", new Linear(cfg.width(), cfg.projectionDim(), false));
    }

    public ClipConfig config() {
        return config;
    }

    /** Token embeddings (B, L, width) of ids (B, L) int64, on ids' manager (before positions). */
    public NDArray tokenEmbeddings(NDArray ids) {
        return ai.djl.nn.core.Embedding.embedding(ids.toType(DataType.INT64, false),
                textModel.tokenEmbedding.getArray(), SparseFormat.DENSE).singletonOrThrow();
    }

    /** last_hidden_state (B, L, width) after the final LayerNorm, for ids (B, L). */
    public NDArray forward(NDArray ids) {
        try (Scope sc = Scope.of(ids)) {
            return sc.keep(forwardEmbeddings(tokenEmbeddings(ids)));
        }
    }

    /**
     * Runs the transformer on already-built token embeddings (B, L, width) — the entry for identity words inserted
     * into the sequence: position embeddings are added here.
     */
    public NDArray forwardEmbeddings(NDArray tokenEmbeddings) {
        try (Scope sc = Scope.of(tokenEmbeddings)) {
            long l = tokenEmbeddings.getShape().get(1);
            NDArray pos = sc.manager().arange(0, (int) l, 1, DataType.INT64);
            NDArray posEmb = ai.djl.nn.core.Embedding.embedding(pos, textModel.positionEmbedding.getArray(),
                    SparseFormat.DENSE).singletonOrThrow();
            NDArray h = tokenEmbeddings.add(posEmb);
            NDArray mask = causalMask(sc.manager(), (int) l);
            List<NDArray> states = textModel.encoder.forward(h, mask);
            return sc.keep(textModel.finalNorm.forward(states.get(states.size() - 1)));
        }
    }

    /** Pooled projection (B, projectionDim): the hidden state at each row's {@code <end>} position, projected. */
    public NDArray pooled(NDArray lastHidden, int[] endPositions) {
        try (Scope sc = Scope.of(lastHidden)) {
            NDList rows = new NDList();
            for (int b = 0; b < endPositions.length; b++) {
                rows.add(lastHidden.get(new NDIndex("{}, {}, :", b, endPositions[b])));
            }
            return sc.keep(projection.forward(NDArrays.stack(rows, 0)));
        }
    }

    /** Additive causal mask (L, L): 0 on and below the diagonal, −∞ (large negative) above. */
    static NDArray causalMask(NDManager m, int l) {
        float[] v = new float[l * l];
        for (int i = 0; i < l; i++) {
            for (int j = i + 1; j < l; j++) {
                v[i * l + j] = -1e9f;
            }
        }
        return m.create(v, new Shape(l, l));
    }

    /** Inputs: ids (B, L); output: last_hidden_state. */
    @Override
    protected NDList forwardList(NDList inputs) {
        return new NDList(forward(inputs.head()));
    }

    /** {@code text_model}: embeddings, encoder, final_layer_norm. */
    static final class TextTransformer extends NnBlock {
        final Parameter tokenEmbedding;
        final Parameter positionEmbedding;
        final ClipEncoder encoder;
        final LayerNorm finalNorm;

        TextTransformer(ClipConfig cfg) {
            Embeddings emb = child("embeddings", new Embeddings(cfg));
            this.tokenEmbedding = emb.token;
            this.positionEmbedding = emb.position;
            this.encoder = child("encoder", new ClipEncoder(cfg));
            this.finalNorm = child("final_layer_norm", new LayerNorm(cfg.width(), 1e-5f));
        }

        @Override
        protected NDList forwardList(NDList inputs) {
            throw new UnsupportedOperationException("called through ClipTextModel");
        }
    }

    static final class Embeddings extends NnBlock {
        final Parameter token;
        final Parameter position;

        Embeddings(ClipConfig cfg) {
            this.token = holder("token_embedding", new Shape(cfg.vocabSize(), cfg.width()), 0.02f);
            this.position = holder("position_embedding", new Shape(cfg.maxTokens(), cfg.width()), 0.01f);
        }

        private Parameter holder(String name, Shape shape, float std) {
            return child(name, new Weight(shape, std)).weight;
        }

        @Override
        protected NDList forwardList(NDList inputs) {
            throw new UnsupportedOperationException("called through ClipTextModel");
        }
    }

    /** A module holding one {@code weight} (nn.Embedding). */
    static final class Weight extends NnBlock {
        final Parameter weight;

        Weight(Shape shape, float std) {
            this.weight = param("weight", shape, Init.normal(std), Parameter.Type.WEIGHT);
        }

        @Override
        protected NDList forwardList(NDList inputs) {
            return new NDList(ai.djl.nn.core.Embedding.embedding(inputs.head(), weight.getArray(),
                    SparseFormat.DENSE).singletonOrThrow());
        }
    }
}
