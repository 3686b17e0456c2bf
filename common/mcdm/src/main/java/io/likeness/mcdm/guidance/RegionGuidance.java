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
 * ε̄ = s'_d·ε(c_p) + s'_a·M'_a⊙ε(c_pa) + s'_b·M'_b⊙ε(c_pb), with M'_a = 1 on the left half of the latent columns
 * and M'_b = 1 − M'_a; then CFG ε̂ = ε(∅) + w·(ε̄ − ε(∅)). Four rows [∅, c_p, c_pa, c_pb] in one batched call.
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
            NDArray bar = e[1].mul(weights.joint());
            bar.attach(scratch);
            try (NDArray a = e[2].mul(left); NDArray b = e[3].mul(right)) {
                bar.addi(a.muli(weights.left()));
                bar.addi(b.muli(weights.right()));
            }
            // ε̂ = ε(∅) + w·(ε̄ − ε(∅))
            NDArray out = bar.sub(e[0]).muli(weights.cfgScale()).addi(e[0]);
            out.attach(target);
            return out;
        }
    }
}
