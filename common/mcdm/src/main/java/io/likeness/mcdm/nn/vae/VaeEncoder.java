package io.likeness.mcdm.nn.vae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import io.likeness.mcdm.nn.layers.Activations;
import io.likeness.mcdm.nn.layers.Conv2d;
import io.likeness.mcdm.nn.layers.Downsample2D;
import io.likeness.mcdm.nn.layers.GroupNorm;
import io.likeness.mcdm.nn.layers.ModuleList;
import io.likeness.mcdm.nn.layers.NnBlock;
import io.likeness.mcdm.nn.layers.ResnetBlock2D;
import io.likeness.mcdm.nn.layers.Scope;
import java.util.List;

/** diffusers VAE {@code Encoder}: conv_in, DownEncoderBlock2D ×levels, mid_block, conv_norm_out, conv_out (2·latent). */
public final class VaeEncoder extends NnBlock {

    private final Conv2d convIn;
    private final ModuleList<Level> downBlocks;
    private final VaeMidBlock midBlock;
    private final GroupNorm convNormOut;
    private final Conv2d convOut;

    public VaeEncoder(VaeConfig cfg) {
        List<Integer> ch = cfg.blockOutChannels();
        int g = cfg.normGroups();
        this.convIn = child("conv_in", new Conv2d(cfg.imageChannels(), ch.get(0), 3, 1, 1));
        this.downBlocks = child("down_blocks", new ModuleList<>());
        int out = ch.get(0);
        for (int i = 0; i < ch.size(); i++) {
            int in = out;
            out = ch.get(i);
            downBlocks.add(new Level(in, out, cfg.layersPerBlock(), g, i < ch.size() - 1));
        }
        this.midBlock = child("mid_block", new VaeMidBlock(out, g));
        this.convNormOut = child("conv_norm_out", new GroupNorm(g, out, 1e-6f));
        this.convOut = child("conv_out", new Conv2d(out, 2 * cfg.latentChannels(), 3, 1, 1));
    }

    /** @return moments (B, 2·latent, H/f, W/f): mean then log-variance (before quant_conv) */
    public NDArray forward(NDArray x) {
        try (Scope sc = Scope.of(x)) {
            NDArray h = convIn.forward(x);
            for (Level l : downBlocks.items()) {
                h = l.forward(h);
            }
            h = midBlock.forward(h);
            return sc.keep(convOut.forward(Activations.silu(convNormOut.forward(h))));
        }
    }

    @Override
    protected NDList forwardList(NDList inputs) {
        return new NDList(forward(inputs.head()));
    }

    /** diffusers {@code DownEncoderBlock2D}: resnets, then downsamplers.0 (asymmetric pad). */
    public static final class Level extends NnBlock {
        private final ModuleList<ResnetBlock2D> resnets;
        private final Downsample2D downsampler;

        Level(int in, int out, int layers, int groups, boolean downsample) {
            this.resnets = child("resnets", new ModuleList<>());
            for (int j = 0; j < layers; j++) {
                resnets.add(new ResnetBlock2D(j == 0 ? in : out, out, 0, groups, 1e-6f, false));
            }
            if (downsample) {
                ModuleList<Downsample2D> ds = child("downsamplers", new ModuleList<>());
                this.downsampler = ds.add(new Downsample2D(out, true));
            } else {
                this.downsampler = null;
            }
        }

        public NDArray forward(NDArray x) {
            try (Scope sc = Scope.of(x)) {
                NDArray h = x;
                for (ResnetBlock2D r : resnets.items()) {
                    h = r.forward(h, null);
                }
                if (downsampler != null) {
                    h = downsampler.forward(h);
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
