package io.likeness.trainer.foundation;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import io.likeness.mcdm.checkpoint.CheckpointStore;
import io.likeness.mcdm.metrics.Psnr;
import io.likeness.mcdm.nn.vae.AutoencoderKL;
import io.likeness.trainer.dataset.Sample;
import io.likeness.trainer.studio.Direction;
import io.likeness.trainer.studio.Identity;
import io.likeness.trainer.studio.IdentitySampler;
import io.likeness.trainer.studio.Pose;
import io.likeness.trainer.studio.PortraitRenderer;
import io.likeness.trainer.train.Batches;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an autoencoder keeps of a face: validation people rendered neutral and in the four expressions, encoded to
 * their latent means and decoded, by each of several vae checkpoints. A latent diffusion model can draw no more than
 * its decoder can: the {@link ExpressionReader}'s accuracy on these round trips is the ceiling of any base or MCDM
 * sample's. Per checkpoint: PSNR of the whole render and of the face's square, the share of expressions read right
 * (overall and per expression), and the share of neutral faces read as no expression. The picture shows each
 * person's face square enlarged: the render, then each checkpoint's round trip, one column per expression.
 */
public final class VaeProbe {

    /** One checkpoint's reading. */
    public record Reading(String version, double psnrDb, double facePsnrDb, Score score) {
    }

    /** The readings, the reader's reading of the renders themselves and its own held-out accuracy. */
    public record Result(Score truth, double readerHeldOutAcc, List<Reading> readings) {
    }

    /**
     * What the reader read of one set of faces: the share of expression faces read as their expression (overall and
     * per expression, in {@link #FACES} order) and the share of neutral faces read as no expression.
     */
    public record Score(double expressionAcc, double neutralReadAsNone, Map<Direction, Double> perExpression) {

        public Score {
            perExpression = Collections.unmodifiableMap(new LinkedHashMap<>(perExpression));
        }

        /** Scores {@code read} against {@code truth} (null = neutral, no expression), face by face. */
        public static Score of(List<Direction> truth, List<Direction> read) {
            if (truth.size() != read.size()) {
                throw new IllegalArgumentException(truth.size() + " truths but " + read.size() + " readings");
            }
            Map<Direction, int[]> per = new LinkedHashMap<>();
            int hit = 0;
            int expressions = 0;
            int none = 0;
            int neutral = 0;
            for (int i = 0; i < read.size(); i++) {
                Direction t = truth.get(i);
                if (t == null) {
                    neutral++;
                    none += read.get(i) == null ? 1 : 0;
                } else {
                    int right = read.get(i) == t ? 1 : 0;
                    expressions++;
                    hit += right;
                    int[] c = per.computeIfAbsent(t, d -> new int[2]);
                    c[0] += right;
                    c[1]++;
                }
            }
            Map<Direction, Double> shares = new LinkedHashMap<>();
            for (Direction d : FACES) {
                int[] c = per.get(d);
                if (c != null) {
                    shares.put(d, (double) c[0] / c[1]);
                }
            }
            return new Score(expressions == 0 ? Double.NaN : (double) hit / expressions,
                    neutral == 0 ? Double.NaN : (double) none / neutral, shares);
        }
    }

    /** The neutral face first, then the four expressions. */
    static final List<Direction> FACES;

    static {
        List<Direction> f = new ArrayList<>();
        f.add(Direction.SOURCE);
        f.addAll(Direction.edits().stream().filter(d -> d.kind() == Direction.Kind.EXPRESSION).toList());
        FACES = List.copyOf(f);
    }

    /** Enlargement of the face squares in the picture. */
    static final int CELL = 96;

    private final List<BufferedImage> renders = new ArrayList<>();
    private final List<FaceRegion> faces = new ArrayList<>();
    private final List<Direction> truth = new ArrayList<>();

    public VaeProbe(Path validation, int people) throws IOException {
        for (Sample s : ViewStream.firstSamples(validation, people)) {
            JsonNode j = s.json();
            Identity id = IdentitySampler.sample(j.get("identity").get("seed").asLong());
            Pose pose = BaseProbe.pose(j.get("pose_a"));
            FaceRegion face = FaceRegion.of(PortraitRenderer.keypoints(id, pose, PortraitRenderer.DEFAULT_SIZE));
            if (face == null || VaeStage.faceBox(face, s.image("a.png")) == null) {
                continue;
            }
            for (Direction d : FACES) {
                renders.add(PortraitRenderer.render(id, pose, d, PortraitRenderer.DEFAULT_SIZE));
                faces.add(face);
                truth.add(d == Direction.SOURCE ? null : d);
            }
        }
        if (renders.isEmpty()) {
            throw new IllegalArgumentException("no validation person in " + validation + " shows a face");
        }
    }

    /** Round-trips the renders through each checkpoint, reads them, and writes the picture of the first people. */
    public Result run(List<Path> checkpoints, long seed, BaseProbe.ReaderSize readerSize, Path sheet,
                      int sheetPeople) throws IOException {
        List<List<BufferedImage>> trips = new ArrayList<>();
        List<String> versions = new ArrayList<>();
        for (Path c : checkpoints) {
            versions.add(CheckpointStore.readManifest(c).version());
            try (NDManager m = NDManager.newBaseManager()) {
                trips.add(roundTrip(FoundationCheckpoints.vae(c, m), m));
            }
        }
        List<Reading> readings = new ArrayList<>();
        Score truthReading;
        double heldOut;
        try (ExpressionReader reader = ExpressionReader.train(seed, readerSize.renders(), readerSize.steps(),
                readerSize.batch(), readerSize.heldOut(), null)) {
            heldOut = reader.fit().heldOutAccuracy();
            truthReading = Score.of(truth, reader.read(renders, faces));
            for (int k = 0; k < trips.size(); k++) {
                List<BufferedImage> trip = trips.get(k);
                Score s = Score.of(truth, reader.read(trip, faces));
                double psnr = 0;
                double facePsnr = 0;
                for (int i = 0; i < renders.size(); i++) {
                    psnr += Psnr.psnr(renders.get(i), trip.get(i));
                    Rectangle box = VaeStage.faceBox(faces.get(i), renders.get(i));
                    facePsnr += Psnr.psnr(square(renders.get(i), box), square(trip.get(i), box));
                }
                readings.add(new Reading(versions.get(k), psnr / renders.size(), facePsnr / renders.size(), s));
            }
        }
        if (sheet != null) {
            writeSheet(sheet, Math.min(sheetPeople, renders.size() / FACES.size()), trips);
        }
        return new Result(truthReading, heldOut, readings);
    }

    private List<BufferedImage> roundTrip(AutoencoderKL vae, NDManager manager) {
        List<BufferedImage> out = new ArrayList<>();
        for (int i = 0; i < renders.size(); i += 16) {
            try (NDManager m = manager.newSubManager()) {
                NDArray z = vae.encodeMean(Batches.images(m, renders.subList(i, Math.min(renders.size(), i + 16))));
                out.addAll(Batches.toImages(vae.decode(z).clip(-1f, 1f)));
            }
        }
        return out;
    }

    private void writeSheet(Path png, int people, List<List<BufferedImage>> trips) throws IOException {
        List<List<BufferedImage>> grid = new ArrayList<>();
        for (int p = 0; p < people; p++) {
            List<List<BufferedImage>> sources = new ArrayList<>();
            sources.add(renders);
            sources.addAll(trips);
            for (List<BufferedImage> source : sources) {
                List<BufferedImage> row = new ArrayList<>();
                for (int d = 0; d < FACES.size(); d++) {
                    int i = p * FACES.size() + d;
                    row.add(enlarged(square(source.get(i), VaeStage.faceBox(faces.get(i), renders.get(i)))));
                }
                grid.add(row);
            }
        }
        Batches.writeGrid(png, grid);
    }

    private static BufferedImage square(BufferedImage image, Rectangle box) {
        return image.getSubimage(box.x, box.y, box.width, box.height);
    }

    private static BufferedImage enlarged(BufferedImage image) {
        BufferedImage out = new BufferedImage(CELL, CELL, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
        g.drawImage(image, 0, 0, CELL, CELL, null);
        g.dispose();
        return out;
    }
}
