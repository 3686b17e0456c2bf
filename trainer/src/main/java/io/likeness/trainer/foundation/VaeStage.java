package io.likeness.trainer.foundation;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.likeness.mcdm.checkpoint.ArchitectureSpec;
import io.likeness.mcdm.checkpoint.CheckpointStore;
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
import java.awt.Rectangle;
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

    /**
     * Hyper-parameters.
     *
     * @param decoderFrom null to train the whole autoencoder from scratch, or a vae checkpoint whose decoder is
     *                    fine-tuned ({@link #withDecoderFineTune})
     * @param faceCrops   when fine-tuning the decoder, the share of crops centred on the face
     * @param generated   when fine-tuning the decoder, the share of windows cut from {@link GeneratedLatents}
     *                    instead of the encoder's posterior
     */
    public record Settings(VaeConfig config, int batchSamples, int crop, double learningRate, double klWeight,
                           double edgeWeight, int validationImages, Path decoderFrom, double faceCrops,
                           double generated) {
        public static Settings defaults() {
            return new Settings(VaeConfig.lean(), 8, 64, 5e-4, 1e-6, 0.5, 256);
        }

        public Settings(VaeConfig config, int batchSamples, int crop, double learningRate, double klWeight,
                        double edgeWeight, int validationImages) {
            this(config, batchSamples, crop, learningRate, klWeight, edgeWeight, validationImages, null, 0, 0);
        }

        /**
         * These settings fine-tuning only the decoder of the autoencoder at {@code from} (as Stable Diffusion's
         * ft-MSE decoder was): its encoder, and so its latent space and scale factor, stay exactly as they are,
         * so every model trained on its latents (base, MCDM) keeps working and decodes sharper.
         * {@code faceCrops} of the crops are centred on the face, where 128-px renders carry their smallest
         * details (eyes, brows, mouth: one or two latent cells each).
         */
        public Settings withDecoderFineTune(Path from, double faceCrops) {
            if (faceCrops < 0 || faceCrops > 1) {
                throw new IllegalArgumentException("face crops is a share, 0..1: " + faceCrops);
            }
            return new Settings(config, batchSamples, crop, learningRate, klWeight, edgeWeight, validationImages,
                    from, faceCrops, generated);
        }

        /**
         * These decoder fine-tune settings with {@code share} of the windows cut from generated latents, each
         * decoded against the render it was generated from ({@link GeneratedLatents}), the rest from the posterior.
         */
        public Settings withGeneratedShare(double share) {
            if (!decoderOnly()) {
                throw new IllegalArgumentException("generated latents train a decoder fine-tune (--decoder-from)");
            }
            if (share < 0 || share > 1) {
                throw new IllegalArgumentException("the generated share is a share, 0..1: " + share);
            }
            return new Settings(config, batchSamples, crop, learningRate, klWeight, edgeWeight, validationImages,
                    decoderFrom, faceCrops, share);
        }

        boolean decoderOnly() {
            return decoderFrom != null;
        }
    }

    private final Settings settings;
    private final long seed;
    private final NDManager manager;
    private final AutoencoderKL vae;
    private final ViewStream stream;
    private final List<BufferedImage> validation;
    private final List<FaceRegion> validationFaces;
    private final String data;
    private final GeneratedLatents generated;
    private final float[] generatedValues;
    private float scaleFactor;

    public VaeStage(Path train, Path validationSet, long seed, Settings settings) throws IOException {
        this(train, validationSet, seed, settings, null);
    }

    /**
     * @param generated with {@link Settings#generated()} above 0: the generated latents and their renders, in a
     *                  manager that outlives the stage
     */
    public VaeStage(Path train, Path validationSet, long seed, Settings settings, GeneratedLatents generated)
            throws IOException {
        if (settings.generated() > 0 && generated == null) {
            throw new IllegalArgumentException("a generated share of " + settings.generated()
                    + " needs generated latents (--generated-from)");
        }
        this.settings = settings;
        this.generated = settings.generated() > 0 ? generated : null;
        this.generatedValues = this.generated == null ? null : this.generated.latents().toFloatArray();
        this.seed = seed;
        this.manager = NDManager.newBaseManager();
        io.likeness.trainer.train.Seeding.initialWeights(seed, NAME);
        String from = "";
        if (settings.decoderOnly()) {
            this.vae = FoundationCheckpoints.vae(settings.decoderFrom(), manager);
            vae.namedParameters().forEach((n, p) -> p.getArray().setRequiresGradient(isDecoder(n)));
            from = "; decoder fine-tuned from " + CheckpointStore.readManifest(settings.decoderFrom()).version()
                    + " (encoder frozen), " + Math.round(100 * settings.faceCrops()) + "% of crops on the face";
        } else {
            this.vae = AutoencoderKL.create(settings.config(), manager);
        }
        if (settings.crop() % vae.downsampling() != 0) {
            throw new IllegalArgumentException("crop " + settings.crop() + " is not a multiple of the autoencoder's "
                    + "downsampling factor " + vae.downsampling());
        }
        this.scaleFactor = vae.config().scaleFactor();
        this.stream = new ViewStream(train, seed);
        this.validation = new ArrayList<>();
        this.validationFaces = new ArrayList<>();
        for (Sample s : ViewStream.firstSamples(validationSet, settings.validationImages())) {
            validation.add(s.image("a.png"));
            validationFaces.add(FaceRegion.fromKeypoints(s.json().get("keypoints_a")));
        }
        if (this.generated != null) {
            from += "; " + Math.round(100 * settings.generated()) + "% of windows from " + generated.description();
        }
        this.data = "studio views " + train.getFileName() + " (train), " + validationSet.getFileName()
                + " (validation)" + from;
    }

    /** Parameters the decoder fine-tune trains: the decoder and the 1×1 convolution in front of it. */
    private static boolean isDecoder(String parameterName) {
        return DecoderSwap.isDecoder(parameterName);
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
    public Map<String, Parameter> parameters() {
        Map<String, Parameter> out = new LinkedHashMap<>();
        vae.namedParameters().forEach((n, p) -> {
            if (!settings.decoderOnly() || isDecoder(n)) {
                out.put("vae." + n, p);
            }
        });
        return out;
    }

    @Override
    public AdamW.Settings optimizer() {
        return AdamW.Settings.of(settings.learningRate(), 100).withWeightDecay(0);
    }

    @Override
    public Map<String, Double> step(NDManager m, long step) {
        return settings.decoderOnly() ? decoderStep(m, step) : wholeStep(m, step);
    }

    private Map<String, Double> wholeStep(NDManager m, long step) {
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
     * The decoder fine-tune: whole renders through the frozen encoder (the latents the base model learns and
     * generates, with no crop borders on the encoder's side), a posterior sample, then a {@code crop / f}-cell window
     * of it decoded and compared with the same pixels. The window is centred on the face for {@code faceCrops} of
     * the images (jittered by up to a cell), elsewhere at random (redrawn off plain backdrop). Loss: L1 + edge
     * weight × L1 of the image gradients; no KL (the posterior does not move). With generated latents, a share of
     * the images is replaced by a generated latent and the render it came from, cut at the same window.
     */
    private Map<String, Double> decoderStep(NDManager m, long step) {
        List<BufferedImage> imgs = new ArrayList<>();
        List<FaceRegion> faces = new ArrayList<>();
        for (Sample s : stream.next(settings.batchSamples())) {
            for (String view : new String[] {"a", "b"}) {
                imgs.add(s.image(view + ".png"));
                faces.add(FaceRegion.fromKeypoints(s.json().get("keypoints_" + view)));
            }
        }
        // windows from generated latents replace stream images; their own random stream leaves the rest unchanged
        int[] from = new int[imgs.size()];
        java.util.Arrays.fill(from, -1);
        if (generated != null) {
            SplittableRandom g = StepRandom.of(seed, step, 3);
            for (int i = 0; i < imgs.size(); i++) {
                if (g.nextDouble() < settings.generated()) {
                    from[i] = g.nextInt(generated.size());
                    imgs.set(i, generated.truths().get(from[i]));
                    faces.set(i, generated.faces().get(from[i]));
                }
            }
        }
        SplittableRandom r = StepRandom.of(seed, step, 1);
        int f = vae.downsampling();
        int cells = settings.crop() / f;
        int[] lx = new int[imgs.size()];
        int[] ly = new int[imgs.size()];
        int[] x = new int[imgs.size()];
        int[] y = new int[imgs.size()];
        for (int i = 0; i < imgs.size(); i++) {
            BufferedImage img = imgs.get(i);
            int maxX = img.getWidth() / f - cells;
            int maxY = img.getHeight() / f - cells;
            boolean onFace = r.nextDouble() < settings.faceCrops() && faces.get(i) != null;
            if (onFace) {
                FaceRegion face = faces.get(i);
                lx[i] = clamp((int) Math.round((face.x() - settings.crop() / 2.0) / f) + r.nextInt(3) - 1, maxX);
                ly[i] = clamp((int) Math.round((face.y() - settings.crop() / 2.0) / f) + r.nextInt(3) - 1, maxY);
            } else {
                for (int attempt = 0; attempt < 10; attempt++) {
                    lx[i] = r.nextInt(maxX + 1);
                    ly[i] = r.nextInt(maxY + 1);
                    if (contrast(img, lx[i] * f, ly[i] * f, settings.crop()) >= MIN_CROP_CONTRAST) {
                        break;
                    }
                }
            }
            x[i] = lx[i] * f;
            y[i] = ly[i] * f;
        }
        NDArray target = Batches.images(m, imgs, x, y, settings.crop(), settings.crop());
        NDList mv = vae.moments(Batches.images(m, imgs));
        NDList means = new NDList();
        NDList logvars = new NDList();
        for (int i = 0; i < imgs.size(); i++) {
            String window = ":, " + ly[i] + ":" + (ly[i] + cells) + ", " + lx[i] + ":" + (lx[i] + cells);
            means.add(mv.get(0).get(i).get(window));
            logvars.add(mv.get(1).get(i).get(window));
        }
        NDArray mean = NDArrays.stack(means);
        NDArray logvar = NDArrays.stack(logvars).clip(-30f, 20f);
        NDArray noise = StepRandom.normal(m, StepRandom.of(seed, step, 2),
                new Shape(imgs.size(), vae.latentChannels(), cells, cells));
        NDArray z = mean.add(logvar.mul(0.5f).exp().mul(noise)).mul(scaleFactor);
        int fromGenerated = 0;
        if (generated != null) {
            NDList rows = new NDList();
            for (int i = 0; i < imgs.size(); i++) {
                if (from[i] < 0) {
                    rows.add(z.get(i));
                } else {
                    rows.add(m.create(generatedWindow(from[i], ly[i], lx[i], cells),
                            new Shape(vae.latentChannels(), cells, cells)));
                    fromGenerated++;
                }
            }
            z = NDArrays.stack(rows);
        }
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray recon = vae.decode(z);
            NDArray l1 = recon.sub(target).abs().mean();
            NDArray edge = edgeLoss(recon, target);
            NDArray loss = l1.add(edge.mul((float) settings.edgeWeight()));
            gc.backward(loss);
            Map<String, Double> out = new LinkedHashMap<>();
            out.put("loss", (double) loss.getFloat());
            out.put("l1", (double) l1.getFloat());
            out.put("edge", (double) edge.getFloat());
            if (generated != null) {
                out.put("generated", (double) fromGenerated / imgs.size());
            }
            return out;
        }
    }

    /**
     * A {@code cells}² window of generated latent {@code item}, from the copy on the heap: cutting it from the
     * NDArray would leave a slice in the latents' long-lived manager every step.
     */
    private float[] generatedWindow(int item, int top, int left, int cells) {
        int c = vae.latentChannels();
        int h = (int) generated.latents().getShape().get(2);
        int w = (int) generated.latents().getShape().get(3);
        float[] out = new float[c * cells * cells];
        int k = 0;
        for (int ch = 0; ch < c; ch++) {
            for (int yy = top; yy < top + cells; yy++) {
                int base = ((item * c + ch) * h + yy) * w + left;
                System.arraycopy(generatedValues, base, out, k, cells);
                k += cells;
            }
        }
        return out;
    }

    private static int clamp(int v, int max) {
        return Math.max(0, Math.min(max, v));
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
        if (!settings.decoderOnly()) {
            // a fine-tuned decoder keeps the encoder's latent space, and so its scale factor, unchanged
            scaleFactor = (float) (1.0 / std);
        }
        double facePsnr = 0;
        int faces = 0;
        for (int i = 0; i < validation.size(); i++) {
            Rectangle box = faceBox(validationFaces.get(i), validation.get(i));
            if (box != null) {
                facePsnr += Psnr.psnr(validation.get(i).getSubimage(box.x, box.y, box.width, box.height),
                        recon.get(i).getSubimage(box.x, box.y, box.width, box.height));
                faces++;
            }
        }
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("val_psnr_db", psnr / validation.size());
        out.put("val_ssim", ssim / validation.size());
        out.put("val_face_psnr_db", faces == 0 ? Double.NaN : facePsnr / faces);
        out.put("latent_std", std);
        out.put("scale_factor", (double) scaleFactor);
        out.put("val_images", (double) validation.size());
        return out;
    }

    /** The square around a face, its width wide, inside the image; null without a face. */
    static Rectangle faceBox(FaceRegion face, BufferedImage image) {
        if (face == null) {
            return null;
        }
        int x0 = Math.max(0, (int) Math.floor(face.x() - face.radius()));
        int y0 = Math.max(0, (int) Math.floor(face.y() - face.radius()));
        int x1 = Math.min(image.getWidth(), (int) Math.ceil(face.x() + face.radius()));
        int y1 = Math.min(image.getHeight(), (int) Math.ceil(face.y() + face.radius()));
        return x1 - x0 < 4 || y1 - y0 < 4 ? null : new Rectangle(x0, y0, x1 - x0, y1 - y0);
    }

    @Override
    public ArchitectureSpec architecture() {
        ObjectNode h = vae.config().withScaleFactor(scaleFactor).toJson();
        return new ArchitectureSpec("vae-kl-f8", h);
    }

    @Override
    public String dataDescription() {
        return data + "; " + settings.crop() + "-px crops, batch " + (2 * settings.batchSamples());
    }

    @Override
    public void close() {
        manager.close();
    }
}
