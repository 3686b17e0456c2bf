package io.likeness.mcdm.guidance;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.likeness.mcdm.model.EpsilonModel;
import io.likeness.mcdm.sampling.LinearCombination;
import io.likeness.mcdm.sampling.NoisePredictor;
import java.util.List;

/**
 * MCDM guidance as a {@link NoisePredictor}: one batched {@link EpsilonModel} call per evaluation.
 *
 * <p>Three-condition form (paper Eq. 1, order c_im → c_s → c_p), 4 rows laid out as the released code
 * (ALGORITHMS.md §5.3): row 0 = e0 (all null), row 1 = e3 (all present), row 2 = e1 (c_im), row 3 = e2 (c_im, c_s);
 * ε̃ = e0 + s1(e1 − e0) + s2(e2 − e1) + s3(e3 − e2).
 *
 * <p>Mask-guided form (paper Eq. 3, §5.4), 5 rows: the same 4 with the target prompt p_b in row 1, plus row 4 =
 * e3 with the source prompt p_a; ε̂ = [e0 + s1(e1 − e0) + s2(e2 − e1) − s3·e2] + s3·(M⊙e3(p_b) + (1 − M)⊙e3(p_a)).
 *
 * <p>The cross-attention contexts [text ; image tokens] are built once, on a sub-manager released by
 * {@link #close()}.
 */
public final class McdmGuidance implements NoisePredictor, AutoCloseable {

    private final EpsilonModel model;
    private final NDManager own;
    private final GuidanceScales scales;
    private final List<ConditionRow> rows;
    private final NDArray mask;
    private final boolean pair;

    private McdmGuidance(EpsilonModel model, NDManager parent, McdmConditions c, GuidanceScales scales,
            NDArray mask, boolean pair) {
        this.pair = pair;
        this.model = model;
        this.scales = scales;
        this.own = parent.newSubManager();
        NDArray ctxNull = context(c.nullText(), c.imageTokensNull());
        NDArray ctxFull = context(c.targetText(), c.imageTokens());
        NDArray ctxImage = context(c.nullText(), c.imageTokens());
        if (mask == null && !pair) {
            this.rows = List.of(new ConditionRow(c.spatialNull(), ctxNull), new ConditionRow(c.spatial(), ctxFull),
                    new ConditionRow(c.spatialNull(), ctxImage), new ConditionRow(c.spatial(), ctxImage));
            this.mask = null;
        } else {
            if (c.sourceText() == null) {
                throw new IllegalArgumentException("mask-guided guidance needs the source prompt's text tokens");
            }
            NDArray ctxSource = context(c.sourceText(), c.imageTokens());
            this.rows = List.of(new ConditionRow(c.spatialNull(), ctxNull), new ConditionRow(c.spatial(), ctxFull),
                    new ConditionRow(c.spatialNull(), ctxImage), new ConditionRow(c.spatial(), ctxImage),
                    new ConditionRow(c.spatial(), ctxSource));
            if (mask == null) {
                this.mask = null;
            } else {
                NDArray m = mask.duplicate();
                m.attach(own);
                long[] s = m.getShape().getShape();
                this.mask = s.length == 2 ? m.reshape(1, 1, s[0], s[1]) : m;
            }
        }
    }

    /** The 3-condition nested guidance (4 rows per evaluation). */
    public static McdmGuidance threeCondition(EpsilonModel model, NDManager manager, McdmConditions conditions,
            GuidanceScales scales) {
        return new McdmGuidance(model, manager, conditions, scales, null, false);
    }

    /**
     * The mask-guided form (5 rows per evaluation).
     *
     * @param mask editing mask M at latent resolution, (h, w) or (B|1, 1, h, w), values in [0, 1]: 1 selects the
     *             target prompt's estimate
     */
    public static McdmGuidance maskGuided(EpsilonModel model, NDManager manager, McdmConditions conditions,
            GuidanceScales scales, NDArray mask) {
        if (mask == null) {
            throw new IllegalArgumentException("mask-guided guidance needs a mask");
        }
        return new McdmGuidance(model, manager, conditions, scales, mask, false);
    }

    /**
     * The prompt-pair form used by the editing mask: the 5 rows of the mask-guided form, evaluated by
     * {@link #predictPair} into the 3-condition estimates for the source and the target prompt.
     */
    public static McdmGuidance promptPair(EpsilonModel model, NDManager manager, McdmConditions conditions,
            GuidanceScales scales) {
        return new McdmGuidance(model, manager, conditions, scales, null, true);
    }

    /**
     * One batched call (5 rows) giving {ε̃(p_a), ε̃(p_b)}, the 3-condition estimates with the source and the target
     * prompt; only for {@link #promptPair} and {@link #maskGuided} instances. Results on the manager of z.
     */
    public NDArray[] predictPair(NDArray z, double t) {
        if (rows.size() != 5) {
            throw new IllegalStateException("predictPair needs the 5-row form");
        }
        NDArray[] e = BatchedEpsilon.evaluate(model, z, t, rows);
        try (NDList closer = new NDList(e)) {
            NestedGuidance nested = scales.nested();
            NDManager target = z.getManager();
            return new NDArray[] {nested.combine(target, e[0], e[2], e[3], e[4]),
                nested.combine(target, e[0], e[2], e[3], e[1])};
        }
    }

    /** Rows per evaluation: 4, or 5 with a mask. */
    public int rows() {
        return rows.size();
    }

    /** The row list in batch order (for callers that batch several latents, e.g. the mask computation). */
    public List<ConditionRow> conditionRows() {
        return rows;
    }

    @Override
    public NDArray predict(NDArray z, double t) {
        if (pair) {
            throw new IllegalStateException("a prompt-pair guidance has no single estimate; use predictPair");
        }
        return combine(z.getManager(), BatchedEpsilon.evaluate(model, z, t, rows));
    }

    /** Combines the row predictions (in {@link #conditionRows()} order) and closes them. */
    public NDArray combine(NDManager target, NDArray[] e) {
        try (NDList closer = new NDList(e)) {
            double s1 = scales.image();
            double s2 = scales.spatial();
            double s3 = scales.text();
            if (mask == null) {
                return scales.nested().combine(target, e[0], e[2], e[3], e[1]);
            }
            // base + s3·e3(p_a) + s3·M⊙(e3(p_b) − e3(p_a))
            NDArray out = LinearCombination.of(target, new double[] {1 - s1, s1 - s2, s2 - s3, s3},
                    e[0], e[2], e[3], e[4]);
            try (NDArray diff = e[1].sub(e[4]); NDArray masked = diff.mul(mask)) {
                masked.muli(s3);
                out.addi(masked);
            }
            return out;
        }
    }

    private NDArray context(NDArray text, NDArray image) {
        NDArray t = text.duplicate();
        t.attach(own);
        NDArray i = image.duplicate();
        i.attach(own);
        if (t.getShape().get(0) != i.getShape().get(0)) {
            long b = Math.max(t.getShape().get(0), i.getShape().get(0));
            t = t.getShape().get(0) == b ? t : t.repeat(0, b);
            i = i.getShape().get(0) == b ? i : i.repeat(0, b);
        }
        return NDArrays.concat(new NDList(t, i), 1);
    }

    @Override
    public void close() {
        own.close();
    }
}
