package io.likeness.mcdm.testing;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import io.likeness.mcdm.model.EpsilonModel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A deterministic, linear stand-in for the UNet that counts its calls:
 * ε(x, t, ctx) = zCoef·z + 0.1 + c_s + R⊙ctx[:, 0, 0] + ctx[:, textTokens, 0] + tCoef·t/1000, elementwise, where
 * z = x[:, :4] and c_s = x[:, 4:] (for an 8-channel model). Text token 0 and image token 0 therefore add their
 * first feature, which lets tests tell the guidance rows apart; R is an optional spatial text region (default 1).
 */
public final class FakeEpsilonModel implements EpsilonModel {

    private final int inChannels;
    private final int textTokens;
    private final double zCoef;
    private final double tCoef;
    private final List<Long> batchSizes = Collections.synchronizedList(new ArrayList<>());
    private float[] textRegion;
    private int regionHeight;
    private int regionWidth;
    private boolean nonlinearText;

    public FakeEpsilonModel(int inChannels, int textTokens, double zCoef, double tCoef) {
        this.inChannels = inChannels;
        this.textTokens = textTokens;
        this.zCoef = zCoef;
        this.tCoef = tCoef;
    }

    /**
     * Makes the text term spatial: it is multiplied by this (h × w) weight map, so prompts differ only where the
     * weight is non-zero (an "edit region" for mask tests).
     */
    public FakeEpsilonModel withTextRegion(int h, int w, float[] weights) {
        this.regionHeight = h;
        this.regionWidth = w;
        this.textRegion = weights.clone();
        return this;
    }

    /** Multiplies the text term by (1 + 0.5·tanh(z)), so prompt differences depend on the noisy latent. */
    public FakeEpsilonModel withNonlinearText() {
        this.nonlinearText = true;
        return this;
    }

    @Override
    public NDArray predict(NDArray x, NDArray t, NDArray context) {
        long n = x.getShape().get(0);
        batchSizes.add(n);
        if (t.getShape().get(0) != n || context.getShape().get(0) != n) {
            throw new IllegalArgumentException("batch mismatch: x " + x.getShape() + ", t " + t.getShape()
                    + ", context " + context.getShape());
        }
        NDArray z = x.get(new NDIndex(":, 0:4"));
        NDArray out = z.mul(zCoef).add(0.1);
        if (inChannels > 4) {
            out.addi(x.get(new NDIndex(":, 4:")));
        }
        NDArray text = context.get(new NDIndex(":, 0, 0")).reshape(n, 1, 1, 1);
        if (nonlinearText) {
            text = z.tanh().mul(0.5).add(1.0).mul(text);
        }
        if (textRegion != null) {
            out.addi(text.mul(x.getManager().create(textRegion, new ai.djl.ndarray.types.Shape(1, 1, regionHeight,
                    regionWidth))));
        } else {
            out.addi(text);
        }
        NDArray cond = x.getManager().zeros(new ai.djl.ndarray.types.Shape(n));
        if (context.getShape().get(1) > textTokens) {
            cond = cond.add(context.get(new NDIndex(":, {}, 0", textTokens)));
        }
        cond = cond.add(t.mul(tCoef / 1000.0));
        out.addi(cond.reshape(n, 1, 1, 1));
        return out;
    }

    @Override
    public int inChannels() {
        return inChannels;
    }

    public int calls() {
        return batchSizes.size();
    }

    public List<Long> batchSizes() {
        return List.copyOf(batchSizes);
    }

    public void reset() {
        batchSizes.clear();
    }
}
