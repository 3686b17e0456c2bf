package io.likeness.trainer.foundation;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.likeness.mcdm.checkpoint.ArchitectureSpec;
import io.likeness.mcdm.metrics.Psnr;
import io.likeness.mcdm.metrics.Ssim;
import io.likeness.mcdm.nn.layers.NnBlock;
import io.likeness.mcdm.nn.vae.AutoencoderKL;
import io.likeness.mcdm.nn.vae.VaeConfig;
import io.likeness.trainer.dataset.Sample;
import io.likeness.trainer.train.AdamW;
import io.likeness.trainer.train.Batches;
import io.likeness.trainer.train.StepRandom;
import io.likeness.trainer.train.TrainingLoop;
import io.likeness.trainer.train.TrainingStage;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The KL autoencoder (f = 8) on studio renders. Lean on CPU: it trains on random {@code crop}×{@code crop} windows
 * (the network is convolutional; the 8×8-latent mid-block attention sees a smaller field than at 128 px but the
 * same weights), which costs about a quarter of full-size steps. Loss: L1 + 0.5·L1 of image gradients (edges stay
 * sharp without a perceptual network we cannot download) + 1e-6·KL. Validation reconstructs whole 128-px renders of
 * validation identities. The latent scale factor (1 / std of the posterior means, SD's 0.18215) is measured on the
 * validation set and written into the checkpoint's architecture.
 */
public final class VaeStage implements TrainingStage, TrainingLoop.Architected {

    public static final String NAME = "vae";

    /** Hyper-parameters. */
    public record Settings(VaeConfig config, int batchSamples, int crop, double learningRate, double klWeight,
                           double edgeWeight, int validationImages) {
        public static Settings defaults() {
            return new Settings(VaeConfig.lean(), 8, 64, 5e-4, 1e-6, 0.5, 256);
        }
    }

    private final Settings settings;
    private final long seed;
    private final NDManager manager;
    private final AutoencoderKL vae;
    private final ViewStream stream;
    private final List<BufferedImage> validation;
    private final String data;
    private float scaleFactor;

    public VaeStage(Path train, Path validationSet, long seed, Settings settings) throws IOException {
        this.settings = settings;
        this.seed = seed;
        this.manager = NDManager.newBaseManager();
        io.likeness.trainer.train.Seeding.initialWeights(seed, NAME);
        this.vae = AutoencoderKL.create(settings.config(), manager);
        this.scaleFactor = settings.config().scaleFactor();
        this.stream = new ViewStream(train, seed);
        this.validation = new ArrayList<>();
        for (Sample s : ViewStream.firstSamples(validationSet, settings.validationImages())) {
            validation.add(s.image("a.png"));
        }
        this.data = "studio views " + train.getFileName() + " (train), " + validationSet.getFileName()
                + " (validation)";
    }

    public AutoencoderKL vae() {
        return vae;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, NnBlock> trainable() {
        return Map.of("vae", vae);
    }

    @Override
    public AdamW.Settings optimizer() {
        return AdamW.Settings.of(settings.learningRate(), 100).withWeightDecay(0);
    }

    @Override
    public Map<String, Double> step(NDManager m, long step) {
        List<BufferedImage> imgs = new ArrayList<>();
        for (Sample s : stream.next(settings.batchSamples())) {
            imgs.add(s.image("a.png"));
            imgs.add(s.image("b.png"));
        }
        SplittableRandom r = StepRandom.of(seed, step, 1);
        int c = settings.crop();
        int[] x = new int[imgs.size()];
        int[] y = new int[imgs.size()];
        for (int i = 0; i < imgs.size(); i++) {
            BufferedImage img = imgs.get(i);
            for (int attempt = 0; attempt < 10; attempt++) {
                x[i] = r.nextInt(img.getWidth() - c + 1);
                y[i] = r.nextInt(img.getHeight() - c + 1);
                if (contrast(img, x[i], y[i], c) >= MIN_CROP_CONTRAST) {
                    break;
                }
            }
        }
        NDArray images = Batches.images(m, imgs, x, y, c, c);
        int f = vae.downsampling();
        NDArray noise = StepRandom.normal(m, StepRandom.of(seed, step, 2),
                new Shape(imgs.size(), vae.latentChannels(), c / f, c / f));
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDList mv = vae.moments(images);
            NDArray mean = mv.get(0);
            NDArray logvar = mv.get(1).clip(-30f, 20f);
            NDArray z = mean.add(logvar.mul(0.5f).exp().mul(noise));
            NDArray recon = vae.decode(z.mul(scaleFactor));
            NDArray l1 = recon.sub(images).abs().mean();
            NDArray edge = edgeLoss(recon, images);
            NDArray kl = mean.square().add(logvar.exp()).sub(1f).sub(logvar).mul(0.5f).mean();
            NDArray loss = l1.add(edge.mul((float) settings.edgeWeight())).add(kl.mul((float) settings.klWeight()));
            gc.backward(loss);
            Map<String, Double> out = new LinkedHashMap<>();
            out.put("loss", (double) loss.getFloat());
            out.put("l1", (double) l1.getFloat());
            out.put("edge", (double) edge.getFloat());
            out.put("kl", (double) kl.getFloat());
            return out;
        }
    }

    /**
     * A crop of plain backdrop is constant: every GroupNorm then normalises a zero-variance group and the gradients
     * explode (measured: an infinite gradient norm after 125 steps). Crops are redrawn (up to 10 times) until their
     * luminance varies.
     */
    static final double MIN_CROP_CONTRAST = 0.02;

    /** Standard deviation of the luminance (0..1) of a c×c window, on a 4-px lattice. */
    static double contrast(BufferedImage img, int x0, int y0, int c) {
        double sum = 0;
        double sq = 0;
        int n = 0;
        for (int y = y0; y < y0 + c; y += 4) {
            for (int x = x0; x < x0 + c; x += 4) {
                int p = img.getRGB(x, y);
                double l = (0.299 * ((p >> 16) & 0xff) + 0.587 * ((p >> 8) & 0xff) + 0.114 * (p & 0xff)) / 255.0;
                sum += l;
                sq += l * l;
                n++;
            }
        }
        double mean = sum / n;
        return Math.sqrt(Math.max(0, sq / n - mean * mean));
    }

    /** Mean |∇x − ∇y| over horizontal and vertical neighbour differences. */
    static NDArray edgeLoss(NDArray a, NDArray b) {
        NDArray d = a.sub(b);
        NDArray dx = d.get(":, :, :, 1:").sub(d.get(":, :, :, :-1")).abs().mean();
        NDArray dy = d.get(":, :, 1:, :").sub(d.get(":, :, :-1, :")).abs().mean();
        return dx.add(dy).mul(0.5f);
    }

    @Override
    public JsonNode dataPosition() {
        return stream.position();
    }

    @Override
    public void seek(JsonNode position) throws IOException {
        stream.seek(position);
    }

    /** Reconstructs validation renders at full size. */
    private List<BufferedImage> reconstruct(List<BufferedImage> images) {
        List<BufferedImage> out = new ArrayList<>();
        for (int i = 0; i < images.size(); i += 16) {
            try (NDManager m = manager.newSubManager()) {
                NDArray x = Batches.images(m, images.subList(i, Math.min(images.size(), i + 16)));
                out.addAll(Batches.toImages(vae.decode(vae.encodeMean(x))));
            }
        }
        return out;
    }

    @Override
    public void writeSamples(Path png, long step) throws IOException {
        List<BufferedImage> originals = validation.subList(0, Math.min(8, validation.size()));
        Batches.writeGrid(png, List.of(originals, reconstruct(originals)));
    }

    @Override
    public Map<String, Double> evaluate() {
        List<BufferedImage> recon = reconstruct(validation);
        double psnr = 0;
        double ssim = 0;
        for (int i = 0; i < validation.size(); i++) {
            psnr += Psnr.psnr(validation.get(i), recon.get(i));
            ssim += Ssim.ssim(validation.get(i), recon.get(i));
        }
        double sum = 0;
        double sq = 0;
        long n = 0;
        for (int i = 0; i < validation.size(); i += 16) {
            try (NDManager m = manager.newSubManager()) {
                NDArray x = Batches.images(m, validation.subList(i, Math.min(validation.size(), i + 16)));
                float[] z = vae.moments(x).get(0).toFloatArray();
                for (float v : z) {
                    sum += v;
                    sq += (double) v * v;
                }
                n += z.length;
            }
        }
        double mean = sum / n;
        double std = Math.sqrt(sq / n - mean * mean);
        scaleFactor = (float) (1.0 / std);
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("val_psnr_db", psnr / validation.size());
        out.put("val_ssim", ssim / validation.size());
        out.put("latent_std", std);
        out.put("scale_factor", (double) scaleFactor);
        out.put("val_images", (double) validation.size());
        return out;
    }

    @Override
    public ArchitectureSpec architecture() {
        ObjectNode h = settings.config().withScaleFactor(scaleFactor).toJson();
        return new ArchitectureSpec("vae-kl-f8", h);
    }

    @Override
    public String dataDescription() {
        return data + "; random " + settings.crop() + "-px crops, batch " + (2 * settings.batchSamples());
    }

    @Override
    public void close() {
        manager.close();
    }
}
