package io.likeness.trainer.foundation;

import ai.djl.nn.Parameter;
import io.likeness.mcdm.nn.layers.NnBlock;

/** Marks a pretrained block as frozen: its parameters stop recording gradients (no wasted backward work). */
final class Frozen {

    private Frozen() {
    }

    static <B extends NnBlock> B freeze(B block) {
        for (Parameter p : block.namedParameters().values()) {
            p.getArray().setRequiresGradient(false);
        }
        return block;
    }
}
