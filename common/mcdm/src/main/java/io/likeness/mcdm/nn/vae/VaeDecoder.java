package io.likeness.mcdm.nn.vae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import io.likeness.mcdm.nn.layers.Activations;
import io.likeness.mcdm.nn.layers.Conv2d;
import io.likeness.mcdm.nn.layers.GroupNorm;
import io.likeness.mcdm.nn.layers.ModuleList;
import io.likeness.mcdm.nn.layers.NnBlock;
import io.likeness.mcdm.nn.layers.ResnetBlock2D;
import io.likeness.mcdm.nn.layers.Scope;
import io.likeness.mcdm.nn.layers.Upsample2D;
import java.util.List;

/** diffusers VAE {@code Decoder}: conv_in, mid_block, UpDecoderBlock2D ×levels, conv_norm_out, conv_out (3). */
public final class VaeDecoder extends NnBlock {

    private final Conv2d convIn;
    private final VaeMidBlock midBlock;
    private final ModuleList<Level> upBlocks;
    private final GroupNorm convNormOut;
    private final Conv2d convOut;

    public VaeDecoder(VaeConfig cfg) {
        List<Integer> ch = cfg.blockOutChannels();
        int n = ch.size();
        int g = cfg.normGroups();
        this.convIn = child("conv_in", new Conv2d(cfg.latentChannels(), ch.get(n - 1), 3, 1, 1));
        this.midBlock = child("mid_block", new VaeMidBlock(ch.get(n - 1), g));
        this.upBlocks = child("up_blocks", new ModuleList<>());
        int out = ch.get(n - 1);
        for (int i = 0; i < n; i++) {
            int prev = out;
            out = ch.get(n - 1 - i);
            upBlocks.add(new Level(prev, out, cfg.layersPerBlock() + 1, g, i < n - 1));
        }
        this.convNormOut = child("conv_norm_out", new GroupNorm(g, ch.get(0), 1e-6f));
        this.convOut = child("conv_out", new Conv2d(ch.get(0), cfg.imageChannels(), 3, 1, 1));
    }

    /** @param z unscaled latents (after post_quant_conv) → images (B, 3, H, W) */
    public NDArray forward(NDArray z) {
        try (Scope sc = Scope.of(z)) {
            NDArray h = midBlock.forward(convIn.forward(z));
            for (Level l : upBlocks.items()) {
                h = l.forward(h);
            }
            return sc.keep(convOut.forward(Activations.silu(convNormOut.forward(h))));
        }
    }

    @Override
    protected NDList forwardList(NDList inputs) {
        return new NDList(forward(inputs.head()));
    }

    /** diffusers {@code UpDecoderBlock2D}: resnets, then upsamplers.0. */
    public static final class Level extends NnBlock {
        private final ModuleList<ResnetBlock2D> resnets;
        private final Upsample2D upsampler;

        Level(int in, int out, int layers, int groups, boolean upsample) {
            this.resnets = child("resnets", new ModuleList<>());
            for (int j = 0; j < layers; j++) {
                resnets.add(new ResnetBlock2D(j == 0 ? in : out, out, 0, groups, 1e-6f, false));
            }
            if (upsample) {
                ModuleList<Upsample2D> us = child("upsamplers", new ModuleList<>());
                this.upsampler = us.add(new Upsample2D(out));
            } else {
                this.upsampler = null;
            }
        }

        public NDArray forward(NDArray x) {
            try (Scope sc = Scope.of(x)) {
                NDArray h = x;
                for (ResnetBlock2D r : resnets.items()) {
                    h = r.forward(h, null);
                }
                if (upsampler != null) {
                    h = upsampler.forward(h);
                }
                return sc.keep(h);
            }
        }

        @Override
        protected NDList forwardList(NDList inputs) {
            return new NDList(forward(inputs.head()));
        }
    }
}
