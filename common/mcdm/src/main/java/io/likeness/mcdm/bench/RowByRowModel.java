package io.likeness.mcdm.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import io.likeness.mcdm.model.EpsilonModel;

/**
 * Benchmark aid: evaluates a batched call one row at a time, to measure what batching the guidance rows (and
 * mask seeds) into one forward saves. Same results as the delegate, row by row.
 */
public final class RowByRowModel implements EpsilonModel {

    private final EpsilonModel delegate;

    public RowByRowModel(EpsilonModel delegate) {
        this.delegate = delegate;
    }

    @Override
    public NDArray predict(NDArray x, NDArray t, NDArray context) {
        long rows = x.getShape().get(0);
        NDList outputs = new NDList();
        for (long i = 0; i < rows; i++) {
            NDIndex row = new NDIndex("{}:{}", i, i + 1);
            outputs.add(delegate.predict(x.get(row), t.get(row), context.get(row)));
        }
        return NDArrays.concat(outputs, 0);
    }

    @Override
    public int inChannels() {
        return delegate.inChannels();
    }
}
