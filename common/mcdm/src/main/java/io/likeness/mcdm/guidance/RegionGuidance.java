package io.likeness.mcdm.guidance;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.likeness.mcdm.model.EpsilonModel;
import io.likeness.mcdm.sampling.NoisePredictor;
import java.util.List;

/**
 * Composable region guidance on an H×2W canvas (paper Eq. 2, ALGORITHMS.md §7), used to generate paired data:
 * ε̂ = s'_d·ε̃(c_p) + s'_a·M'_a⊙ε̃(c_pa) + s'_b·M'_b⊙ε̃(c_pb), with M'_a = 1 on the left half of the latent columns,
 * M'_b = 1 − M'_a, and ε̃(c) = ε(∅) + w·(ε(c) − ε(∅)) the classifier-free guided estimate (w = 7.5). With the
 * paper's weights (0.1 + 0.9 = 1 on every pixel) this equals CFG applied to the convex combination of the conditional
 * estimates. Four rows [∅, c_p, c_pa, c_pb] in one batched call.
 */
public final class RegionGuidance implements NoisePredictor {

    private final EpsilonModel model;
    private final List<ConditionRow> rows;
    private final RegionWeights weights;

    /** Rows: unconditional, whole-canvas prompt, left-half prompt, right-half prompt (read, never closed). */
    public RegionGuidance(EpsilonModel model, ConditionRow unconditional, ConditionRow joint, ConditionRow left,
            ConditionRow right, RegionWeights weights) {
        this.model = model;
        this.rows = List.of(unconditional, joint, left, right);
        this.weights = weights;
    }

    /** ε(∅) + w·(e − ε(∅)) on the scratch manager. */
    private static NDArray guided(NDArray e, NDArray uncond, double cfg, NDManager scratch) {
        NDArray d = e.sub(uncond);
        d.attach(scratch);
        return d.muli(cfg).addi(uncond);
    }

    @Override
    public NDArray predict(NDArray z, double t) {
        NDManager target = z.getManager();
        NDArray[] e = BatchedEpsilon.evaluate(model, z, t, rows);
        try (NDList closer = new NDList(e); NDManager scratch = target.newSubManager()) {
            long w = z.getShape().get(3);
            long h = z.getShape().get(2);
            NDArray left = scratch.zeros(new Shape(1, 1, h, w), DataType.FLOAT32);
            left.set(new NDIndex(":, :, :, :{}", w / 2), 1f);
            NDArray right = left.neg().add(1f);
            // each term is a CFG result ε̃_i = ε(∅) + w·(e_i − ε(∅)) (paper Eq. 2 "combines three classifier-free
            // guidance results"); Σ_i W_i⊙ε̃_i with per-pixel weights W_i
            double cfg = weights.cfgScale();
            NDArray out = guided(e[1], e[0], cfg, scratch).muli(weights.joint());
            try (NDArray a = guided(e[2], e[0], cfg, scratch); NDArray b = guided(e[3], e[0], cfg, scratch)) {
                a.muli(left).muli(weights.left());
                b.muli(right).muli(weights.right());
                out.addi(a).addi(b);
            }
            out.attach(target);
            return out;
        }
    }
}
