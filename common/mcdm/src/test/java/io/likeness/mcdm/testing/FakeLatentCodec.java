package io.likeness.mcdm.testing;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import io.likeness.mcdm.model.LatentCodec;

/**
 * A deterministic toy autoencoder: encode = f×f average pooling of RGB plus their mean as a 4th channel (×0.5);
 * decode = nearest upsampling of the first three channels (×2). Sampling equals the mean.
 */
public final class FakeLatentCodec implements LatentCodec {

    private final int factor;

    public FakeLatentCodec(int factor) {
        this.factor = factor;
    }

    @Override
    public NDArray encodeMean(NDArray images) {
        long[] s = images.getShape().getShape();
        long h = s[2] / factor;
        long w = s[3] / factor;
        NDArray pooled = images.reshape(s[0], 3, h, factor, w, factor).mean(new int[] {5}).mean(new int[] {3});
        NDArray grey = pooled.mean(new int[] {1}, true);
        return NDArrays.concat(new NDList(pooled, grey), 1).mul(0.5);
    }

    @Override
    public NDArray encodeSample(NDArray images) {
        return encodeMean(images);
    }

    @Override
    public NDArray decode(NDArray latents) {
        return latents.get(new NDIndex(":, 0:3")).mul(2.0).repeat(2, factor).repeat(3, factor);
    }

    @Override
    public int downsampling() {
        return factor;
    }

    @Override
    public int latentChannels() {
        return 4;
    }
}
