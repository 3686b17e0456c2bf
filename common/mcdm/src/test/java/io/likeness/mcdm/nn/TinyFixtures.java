package io.likeness.mcdm.nn;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.likeness.mcdm.nn.unet.UNetConfig;
import java.util.List;

/** Shared tiny fixtures for the network tests. */
final class TinyFixtures {

    private TinyFixtures() {
    }

    static NDManager manager(long seed) {
        Engine.getInstance().setRandomSeed((int) seed);
        return NDManager.newBaseManager("PyTorch");
    }

    /**
     * The tiny UNet topology without LDM zero-init, so a fresh network has a non-trivial output (with zero-init
     * every fresh output is 0 and equality tests would prove nothing).
     */
    static UNetConfig tinyUNet(int inChannels) {
        UNetConfig t = UNetConfig.tiny(inChannels);
        return new UNetConfig(inChannels, t.outChannels(), t.blockOutChannels(), t.crossAttention(),
                t.layersPerBlock(), t.attentionHeads(), t.crossAttentionDim(), t.normGroups(), false);
    }

    /** A smaller UNet (2 levels, 1 resnet) for tests that run many forwards. */
    static UNetConfig microUNet(int inChannels) {
        return new UNetConfig(inChannels, 4, List.of(32, 64), List.of(true, true), 1, 2, 64, 8, false);
    }

    static NDArray normal(NDManager m, long... shape) {
        return m.randomNormal(new Shape(shape));
    }

    static boolean bitIdentical(NDArray a, NDArray b) {
        float[] x = a.toFloatArray();
        float[] y = b.toFloatArray();
        if (x.length != y.length) {
            return false;
        }
        for (int i = 0; i < x.length; i++) {
            if (Float.floatToRawIntBits(x[i]) != Float.floatToRawIntBits(y[i])) {
                return false;
            }
        }
        return true;
    }

    static float maxAbs(NDArray a) {
        return a.abs().max().getFloat();
    }
}
