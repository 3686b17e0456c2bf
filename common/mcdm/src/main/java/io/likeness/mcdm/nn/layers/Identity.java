package io.likeness.mcdm.nn.layers;

import ai.djl.ndarray.NDList;

/** A parameterless pass-through (stands where PyTorch has Dropout with p = 0), keeping module indices aligned. */
public final class Identity extends NnBlock {

    @Override
    protected NDList forwardList(NDList inputs) {
        return inputs;
    }
}
