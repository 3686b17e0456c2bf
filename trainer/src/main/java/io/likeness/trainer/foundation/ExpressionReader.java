package io.likeness.trainer.foundation;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import io.likeness.mcdm.nn.layers.Activations;
import io.likeness.mcdm.nn.layers.Conv2d;
import io.likeness.mcdm.nn.layers.GroupNorm;
import io.likeness.mcdm.nn.layers.Linear;
import io.likeness.mcdm.nn.layers.NnBlock;
import io.likeness.trainer.dataset.Split;
import io.likeness.trainer.dataset.StudioDatasets;
import io.likeness.trainer.studio.Direction;
import io.likeness.trainer.studio.Identity;
import io.likeness.trainer.studio.IdentitySampler;
import io.likeness.trainer.studio.Pose;
import io.likeness.trainer.studio.PoseSampler;
import io.likeness.trainer.studio.PortraitRenderer;
import io.likeness.trainer.studio.Seeds;
import io.likeness.trainer.train.AdamW;
import io.likeness.trainer.train.Batches;
import io.likeness.trainer.train.Seeding;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Which expression a portrait's face shows — angry, shocked, laughing, crying, or none of them — read by a small
 * CNN from a 32 × 32 crop around the face ({@link FaceRegion}). It exists because the zero-shot judge of the
 * contrastive encoders cannot read expressions even on the studio's own renders (angry 0.13, shocked 0.00): the
 * encoders see the whole 128-px portrait, where an expression is a few pixels of brow, mouth and tears.
 *
 * <p>It is trained in seconds (7 s in {@code ExpressionReaderTest} on two cores) from renders the studio makes on
 * the fly — train-split people, random poses, half of them with one of the four expressions, half neutral (the
 * source domain or a costume) — with the crop jittered by a few pixels and a tenth of its size, as far as the
 * base model misplaces faces. It reports its
 * accuracy on validation people, so a reading of generated faces comes with the reader's ceiling.
 */
public final class ExpressionReader implements AutoCloseable {

    /** What it reads: the four expressions, then "none" ({@code null}). */
    public static final List<Direction> CLASSES;

    static {
        List<Direction> c = new ArrayList<>();
        for (Direction d : Direction.edits()) {
            if (d.kind() == Direction.Kind.EXPRESSION) {
                c.add(d);
            }
        }
        c.add(null);
        CLASSES = java.util.Collections.unmodifiableList(c);
    }

    static final int CROP = 32;
    /** The crop's side over the face disc's diameter. */
    static final double MARGIN = 1.1;
    static final double JITTER_PX = 3;
    static final double JITTER_SCALE = 0.1;
    private static final long SALT = 0xE4E5510L;

    /** The reader's size and what it scored on validation people. */
    public record Fit(int renders, int steps, int heldOut, double heldOutAccuracy, double seconds) {
    }

    /** The network: four 3 × 3 convolutions (the last three stride 2) with group norm and SiLU, global average
     * pooling, a linear layer. */
    static final class Net extends NnBlock {
        private final Conv2d c1 = child("c1", new Conv2d(3, 16, 3, 1, 1));
        private final Conv2d c2 = child("c2", new Conv2d(16, 32, 3, 2, 1));
        private final Conv2d c3 = child("c3", new Conv2d(32, 64, 3, 2, 1));
        private final Conv2d c4 = child("c4", new Conv2d(64, 128, 3, 2, 1));
        private final GroupNorm n1 = child("n1", new GroupNorm(8, 16, 1e-5f));
        private final GroupNorm n2 = child("n2", new GroupNorm(8, 32, 1e-5f));
        private final GroupNorm n3 = child("n3", new GroupNorm(8, 64, 1e-5f));
        private final GroupNorm n4 = child("n4", new GroupNorm(8, 128, 1e-5f));
        private final Linear out = child("out", new Linear(128, CLASSES.size(), true));

        NDArray logits(NDArray x) {
            NDArray h = Activations.silu(n1.forward(c1.forward(x)));
            h = Activations.silu(n2.forward(c2.forward(h)));
            h = Activations.silu(n3.forward(c3.forward(h)));
            h = Activations.silu(n4.forward(c4.forward(h)));
            return out.forward(h.reshape(h.getShape().get(0), h.getShape().get(1), -1).mean(new int[] {2}));
        }

        @Override
        protected NDList forwardList(NDList inputs) {
            return new NDList(logits(inputs.singletonOrThrow()));
        }
    }

    private final NDManager manager;
    private final Net net;
    private final Fit fit;

    private ExpressionReader(NDManager manager, Net net, Fit fit) {
        this.manager = manager;
        this.net = net;
        this.fit = fit;
    }

    public Fit fit() {
        return fit;
    }

    /**
     * Renders {@code renders} training portraits of train-split people (studio seed {@code seed}), trains for
     * {@code steps} steps of batch {@code batch}, and scores {@code heldOut} renders of validation people.
     */
    public static ExpressionReader train(long seed, int renders, int steps, int batch, int heldOut, PrintStream log) {
        long t0 = System.nanoTime();
        NDManager manager = NDManager.newBaseManager();
        Seeding.initialWeights(seed, "expression-reader");
        Net net = new Net();
        net.initialize(manager);
        net.namedParameters().values().forEach(p -> p.getArray().setRequiresGradient(true));
        List<BufferedImage> crops = new ArrayList<>();
        int[] labels = new int[renders];
        render(seed, Split.TRAIN, renders, true, crops, labels);
        AdamW opt = new AdamW(AdamW.Settings.of(1e-3, 20), net.namedParameters(), manager);
        SplittableRandom r = new SplittableRandom(Seeds.mix(seed, SALT, 1));
        for (int step = 0; step < steps; step++) {
            try (NDManager m = manager.newSubManager()) {
                List<BufferedImage> xs = new ArrayList<>();
                float[] oneHot = new float[batch * CLASSES.size()];
                for (int i = 0; i < batch; i++) {
                    int k = r.nextInt(renders);
                    xs.add(crops.get(k));
                    oneHot[i * CLASSES.size() + labels[k]] = 1;
                }
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray logits = net.logits(Batches.images(m, xs));
                    NDArray loss = logits.logSoftmax(1).mul(m.create(oneHot, logits.getShape())).sum(new int[] {1})
                            .neg().mean();
                    gc.backward(loss);
                    if (log != null && (step + 1) % 100 == 0) {
                        log.printf(Locale.ROOT, "expression reader: step %d/%d loss %.3f%n", step + 1, steps,
                                loss.getFloat());
                    }
                }
                opt.update(m);
            }
        }
        opt.close();
        List<BufferedImage> valCrops = new ArrayList<>();
        int[] valLabels = new int[heldOut];
        render(seed, Split.VALIDATION, heldOut, false, valCrops, valLabels);
        ExpressionReader reader = new ExpressionReader(manager, net, null);
        int[] read = reader.readCrops(valCrops);
        int right = 0;
        for (int i = 0; i < heldOut; i++) {
            right += read[i] == valLabels[i] ? 1 : 0;
        }
        Fit fit = new Fit(renders, steps, heldOut, heldOut == 0 ? Double.NaN : (double) right / heldOut,
                (System.nanoTime() - t0) / 1e9);
        if (log != null) {
            log.printf(Locale.ROOT, "expression reader: %d renders, %d steps, %.3f right on %d renders of "
                    + "validation people (%.0f s)%n", renders, steps, fit.heldOutAccuracy(), heldOut, fit.seconds());
        }
        return new ExpressionReader(manager, net, fit);
    }

    /** Half expressions (uniform over the four), half neutral faces (the source domain or a costume). */
    private static void render(long seed, Split split, int count, boolean jitter, List<BufferedImage> crops,
                               int[] labels) {
        int people = Math.max(1, count / 4);
        long[] ids = StudioDatasets.identitySeeds(seed, split, people);
        List<Direction> expressions = CLASSES.subList(0, CLASSES.size() - 1);
        List<Direction> neutral = new ArrayList<>();
        neutral.add(Direction.SOURCE);
        for (Direction d : Direction.edits()) {
            if (d.kind() == Direction.Kind.COSTUME) {
                neutral.add(d);
            }
        }
        SplittableRandom r = new SplittableRandom(Seeds.mix(seed, SALT, split.ordinal() + 2));
        for (int i = 0; i < count; i++) {
            Identity id = IdentitySampler.sample(ids[i % people]);
            Pose pose = PoseSampler.sample(r.nextLong());
            boolean expression = r.nextBoolean();
            Direction d = expression ? expressions.get(r.nextInt(expressions.size()))
                    : neutral.get(r.nextInt(neutral.size()));
            int size = PortraitRenderer.DEFAULT_SIZE;
            FaceRegion face = FaceRegion.of(PortraitRenderer.keypoints(id, pose, size));
            if (face == null) {
                face = new FaceRegion(size / 2.0, size / 2.0, size / 5.0);
            }
            if (jitter) {
                face = face.jittered(r.nextDouble(-JITTER_PX, JITTER_PX), r.nextDouble(-JITTER_PX, JITTER_PX),
                        1 + r.nextDouble(-JITTER_SCALE, JITTER_SCALE));
            }
            crops.add(crop(PortraitRenderer.render(id, pose, d, size), face));
            labels[i] = CLASSES.indexOf(expression ? d : null);
        }
    }

    /** The {@link #CROP}-pixel square around the face, {@link #MARGIN} × its diameter wide. */
    static BufferedImage crop(BufferedImage image, FaceRegion face) {
        double half = face.radius() * MARGIN;
        BufferedImage out = new BufferedImage(CROP, CROP, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        int x0 = (int) Math.round(face.x() - half);
        int y0 = (int) Math.round(face.y() - half);
        int side = (int) Math.round(2 * half);
        g.drawImage(image, 0, 0, CROP, CROP, x0, y0, x0 + side, y0 + side, null);
        g.dispose();
        return out;
    }

    /** The expression each face shows ({@code null}: none of the four), its crop taken around {@code faces}. */
    public List<Direction> read(List<BufferedImage> images, List<FaceRegion> faces) {
        List<BufferedImage> crops = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            FaceRegion f = faces.get(i);
            BufferedImage img = images.get(i);
            crops.add(crop(img, f != null ? f
                    : new FaceRegion(img.getWidth() / 2.0, img.getHeight() / 2.0, img.getWidth() / 5.0)));
        }
        List<Direction> out = new ArrayList<>();
        for (int c : readCrops(crops)) {
            out.add(CLASSES.get(c));
        }
        return out;
    }

    private int[] readCrops(List<BufferedImage> crops) {
        int[] out = new int[crops.size()];
        int chunk = 256;
        for (int i = 0; i < crops.size(); i += chunk) {
            try (NDManager m = manager.newSubManager()) {
                NDArray logits = net.logits(Batches.images(m, crops.subList(i, Math.min(crops.size(), i + chunk))));
                long[] best = logits.argMax(1).toLongArray();
                for (int k = 0; k < best.length; k++) {
                    out[i + k] = (int) best[k];
                }
            }
        }
        return out;
    }

    @Override
    public void close() {
        manager.close();
    }
}
