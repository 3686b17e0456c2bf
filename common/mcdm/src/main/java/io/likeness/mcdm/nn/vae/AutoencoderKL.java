package io.likeness.mcdm.nn.vae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.likeness.mcdm.model.LatentCodec;
import io.likeness.mcdm.nn.layers.Conv2d;
import io.likeness.mcdm.nn.layers.NnBlock;
import io.likeness.mcdm.nn.layers.Scope;

/**
 * diffusers {@code AutoencoderKL}: encoder, quant_conv (1×1, 2L → 2L), post_quant_conv (1×1, L → L), decoder.
 * As a {@link LatentCodec} it applies the scale factor: z = scale · E(x), x = D(z / scale).
 */
public final class AutoencoderKL extends NnBlock implements LatentCodec {

    private final VaeConfig config;
    private final VaeEncoder encoder;
    private final VaeDecoder decoder;
    private final Conv2d quantConv;
    private final Conv2d postQuantConv;

    public AutoencoderKL(VaeConfig cfg) {
        this.config = cfg;
        this.encoder = child("encoder", new VaeEncoder(cfg));
        this.decoder = child("decoder", new VaeDecoder(cfg));
        int l = cfg.latentChannels();
        this.quantConv = child("quant_conv", new Conv2d(2 * l, 2 * l, 1, 1, 0));
        this.postQuantConv = child("post_quant_conv", new Conv2d(l, l, 1, 1, 0));
    }

    /** A freshly initialised autoencoder on {@code manager}. */
    public static AutoencoderKL create(VaeConfig cfg, NDManager manager) {
        AutoencoderKL vae = new AutoencoderKL(cfg);
        vae.initialize(manager);
        return vae;
    }

    public VaeConfig config() {
        return config;
    }

    /** Unscaled posterior (mean, logvar), each (B, L, H/f, W/f), for training (KL term). */
    public NDList moments(NDArray images) {
        try (Scope sc = Scope.of(images)) {
            NDArray m = quantConv.forward(encoder.forward(images));
            NDList parts = m.split(2, 1);
            return new NDList(sc.keep(parts.get(0)), sc.keep(parts.get(1)));
        }
    }

    @Override
    public NDArray encodeMean(NDArray images) {
        try (Scope sc = Scope.of(images)) {
            return sc.keep(moments(images).get(0).mul(config.scaleFactor()));
        }
    }

    @Override
    public NDArray encodeSample(NDArray images) {
        try (Scope sc = Scope.of(images)) {
            NDList mv = moments(images);
            NDArray noise = sc.manager().randomNormal(0f, 1f, mv.get(0).getShape(), DataType.FLOAT32);
            return sc.keep(sample(mv, noise).mul(config.scaleFactor()));
        }
    }

    /** Scaled posterior sample with caller-supplied N(0, 1) noise (reproducible across runs). */
    public NDArray encodeSample(NDArray images, NDArray noise) {
        try (Scope sc = Scope.of(images, noise)) {
            return sc.keep(sample(moments(images), noise).mul(config.scaleFactor()));
        }
    }

    /** mean + exp(0.5·clamp(logvar, −30, 20))·noise (unscaled). */
    private static NDArray sample(NDList meanLogvar, NDArray noise) {
        NDArray std = meanLogvar.get(1).clip(-30f, 20f).mul(0.5f).exp();
        return meanLogvar.get(0).add(std.mul(noise));
    }

    @Override
    public NDArray decode(NDArray latents) {
        try (Scope sc = Scope.of(latents)) {
            NDArray z = postQuantConv.forward(latents.div(config.scaleFactor()));
            return sc.keep(decoder.forward(z));
        }
    }

    @Override
    public int downsampling() {
        return config.downsampling();
    }

    @Override
    public int latentChannels() {
        return config.latentChannels();
    }

    /** Inputs: images; output: reconstruction D(mean) (deterministic autoencoding). */
    @Override
    protected NDList forwardList(NDList inputs) {
        NDArray x = inputs.head();
        try (Scope sc = Scope.of(x)) {
            return new NDList(sc.keep(decode(encodeMean(x))));
        }
    }
}
