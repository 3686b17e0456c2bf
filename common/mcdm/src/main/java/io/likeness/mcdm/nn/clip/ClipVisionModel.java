package io.likeness.mcdm.nn.clip;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Parameter;
import io.likeness.mcdm.nn.layers.Conv2d;
import io.likeness.mcdm.nn.layers.Init;
import io.likeness.mcdm.nn.layers.LayerNorm;
import io.likeness.mcdm.nn.layers.Linear;
import io.likeness.mcdm.nn.layers.NnBlock;
import io.likeness.mcdm.nn.layers.Scope;
import java.util.ArrayList;
import java.util.List;

/**
 * CLIP-like ViT (transformers {@code CLIPVisionModelWithProjection} names): {@code vision_model.embeddings.
 * {class_embedding, patch_embedding (conv, no bias), position_embedding}}, {@code vision_model.pre_layrnorm},
 * {@code vision_model.encoder}, {@code vision_model.post_layernorm} (CLS only), {@code visual_projection}.
 * Images come in [-1, 1] and are normalised with CLIP's mean/std internally.
 */
public final class ClipVisionModel extends NnBlock {

    private static final float[] MEAN = {0.48145466f, 0.4578275f, 0.40821073f};
    private static final float[] STD = {0.26862954f, 0.26130258f, 0.27577711f};

    private final ClipConfig config;
    private final VisionTransformer visionModel;
    private final Linear projection;

    public ClipVisionModel(ClipConfig cfg) {
        this.config = cfg;
        this.visionModel = child("vision_model", new VisionTransformer(cfg));
        this.projection = child("visual_projection", new Linear(cfg.width(), cfg.projectionDim(), false));
    }

    public ClipConfig config() {
        return config;
    }

    /**
     * Hidden states: the pre-LN embeddings followed by every layer's output (depth + 1 arrays of (B, T, width),
     * T = CLS + patches); the last is {@code last_hidden_state} (no post-LN).
     */
    public List<NDArray> hiddenStates(NDArray images) {
        long side = images.getShape().get(2);
        if (side != config.imageSize() || images.getShape().get(3) != config.imageSize()) {
            throw new IllegalArgumentException("vision tower expects " + config.imageSize() + "² images, got "
                    + images.getShape());
        }
        try (Scope sc = Scope.of(images)) {
            NDArray mean = sc.manager().create(MEAN).reshape(1, 3, 1, 1);
            NDArray std = sc.manager().create(STD).reshape(1, 3, 1, 1);
            NDArray x = images.add(1f).mul(0.5f).sub(mean).div(std);
            NDArray p = visionModel.patchEmbedding.forward(x); // (B, W, g, g)
            long b = p.getShape().get(0);
            long w = p.getShape().get(1);
            p = p.reshape(b, w, -1).transpose(0, 2, 1); // (B, g², W)
            NDArray cls = p.get(new NDIndex(":, 0:1, :")).zerosLike().add(visionModel.classEmbedding.getArray());
            NDArray tokens = cls.concat(p, 1);
            long t = tokens.getShape().get(1);
            NDArray pos = sc.manager().arange(0, (int) t, 1, DataType.INT64);
            tokens = tokens.add(ai.djl.nn.core.Embedding.embedding(pos, visionModel.positionEmbedding.getArray(),
                    SparseFormat.DENSE).singletonOrThrow());
            NDArray h = visionModel.preNorm.forward(tokens);
            List<NDArray> states = visionModel.encoder.forward(h, null);
            List<NDArray> kept = new ArrayList<>();
            for (NDArray s : states) {
                kept.add(sc.keep(s));
            }
            return kept;
        }
    }

    /** {@code last_hidden_state} (B, T, width): the token sequence the MCDM adapter consumes. */
    public NDArray lastHiddenState(NDArray images) {
        try (Scope sc = Scope.of(images)) {
            List<NDArray> s = hiddenStates(images);
            return sc.keep(s.get(s.size() - 1));
        }
    }

    /** Pooled projection (B, projectionDim): visual_projection(post_layernorm(CLS)). */
    public NDArray pooled(NDArray lastHidden) {
        try (Scope sc = Scope.of(lastHidden)) {
            NDArray cls = lastHidden.get(new NDIndex(":, 0, :"));
            return sc.keep(projection.forward(visionModel.postNorm.forward(cls)));
        }
    }

    public int tokens() {
        return config.visionTokens();
    }

    /** Inputs: images; output: last_hidden_state. */
    @Override
    protected NDList forwardList(NDList inputs) {
        return new NDList(lastHiddenState(inputs.head()));
    }

    static final class VisionTransformer extends NnBlock {
        final Parameter classEmbedding;
        final Conv2d patchEmbedding;
        final Parameter positionEmbedding;
        final LayerNorm preNorm;
        final ClipEncoder encoder;
        final LayerNorm postNorm;

        VisionTransformer(ClipConfig cfg) {
            Embeddings emb = child("embeddings", new Embeddings(cfg));
            this.classEmbedding = emb.classEmbedding;
            this.patchEmbedding = emb.patch;
            this.positionEmbedding = emb.position;
            this.preNorm = child("pre_layrnorm", new LayerNorm(cfg.width(), 1e-5f));
            this.encoder = child("encoder", new ClipEncoder(cfg));
            this.postNorm = child("post_layernorm", new LayerNorm(cfg.width(), 1e-5f));
        }

        @Override
        protected NDList forwardList(NDList inputs) {
            throw new UnsupportedOperationException("called through ClipVisionModel");
        }
    }

    static final class Embeddings extends NnBlock {
        final Parameter classEmbedding;
        final Conv2d patch;
        final Parameter position;

        Embeddings(ClipConfig cfg) {
            float scale = (float) Math.pow(cfg.width(), -0.5);
            this.classEmbedding = param("class_embedding", new Shape(cfg.width()), Init.normal(scale),
                    Parameter.Type.WEIGHT);
            this.patch = child("patch_embedding", new Conv2d(3, cfg.width(), cfg.patchSize(), cfg.patchSize(), 0,
                    false, false));
            this.position = child("position_embedding",
                    new ClipTextModel.Weight(new Shape(cfg.visionTokens(), cfg.width()), scale)).weight;
        }

        @Override
        protected NDList forwardList(NDList inputs) {
            throw new UnsupportedOperationException("called through ClipVisionModel");
        }
    }
}
