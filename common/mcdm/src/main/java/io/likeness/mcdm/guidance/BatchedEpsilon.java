package io.likeness.mcdm.guidance;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.likeness.mcdm.model.EpsilonModel;
import java.util.List;

/**
 * Evaluates several condition rows with exactly one {@link EpsilonModel#predict} call: rows are stacked row-major
 * along the batch axis ([row0 × B, row1 × B, …]) and the output is split back. All intermediates live on a
 * scratch sub-manager that is closed before returning; the results are on the manager of {@code z}. Condition
 * arrays are only read (copied into the scratch manager), so they may live on a long-lived manager.
 */
public final class BatchedEpsilon {

    private BatchedEpsilon() {
    }

    /** @return one ε̂ (B, 4, h, w) per row, in row order */
    public static NDArray[] evaluate(EpsilonModel model, NDArray z, double t, List<ConditionRow> rows) {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("no condition rows");
        }
        NDManager target = z.getManager();
        long b = z.getShape().get(0);
        int r = rows.size();
        NDArray[] out = new NDArray[r];
        try (NDManager scratch = target.newSubManager()) {
            NDArray zl = local(z, scratch);
            NDList inputs = new NDList(r);
            NDList contexts = new NDList(r);
            for (ConditionRow row : rows) {
                if (row.spatial() == null) {
                    inputs.add(zl);
                } else {
                    NDArray s = expand(local(row.spatial(), scratch), b);
                    inputs.add(NDArrays.concat(new NDList(zl, s), 1));
                }
                contexts.add(expand(local(row.context(), scratch), b));
            }
            NDArray x = r == 1 ? inputs.head() : NDArrays.concat(inputs, 0);
            NDArray ctx = r == 1 ? contexts.head() : NDArrays.concat(contexts, 0);
            if (x.getShape().get(1) != model.inChannels()) {
                throw new IllegalArgumentException("the model expects " + model.inChannels()
                        + " input channels, the rows give " + x.getShape().get(1));
            }
            NDArray ts = scratch.full(new Shape(r * b), (float) t, DataType.FLOAT32);
            NDArray eps = model.predict(x, ts, ctx);
            NDList parts = eps.split(r, 0);
            for (int i = 0; i < r; i++) {
                out[i] = parts.get(i);
                out[i].attach(target);
            }
        }
        return out;
    }

    private static NDArray local(NDArray a, NDManager scratch) {
        NDArray c = a.duplicate();
        c.attach(scratch);
        return c;
    }

    private static NDArray expand(NDArray a, long batch) {
        long ab = a.getShape().get(0);
        if (ab == batch) {
            return a;
        }
        if (ab != 1) {
            throw new IllegalArgumentException("condition batch " + ab + " does not match latent batch " + batch);
        }
        return a.repeat(0, batch);
    }
}
