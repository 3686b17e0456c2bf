package io.likeness.trainer.foundation;

import com.fasterxml.jackson.databind.JsonNode;
import io.likeness.trainer.studio.PoseKeypoints;

/**
 * Where the face is in a studio render, from its OpenPose keypoints: a disc centred between the eyes and the nose,
 * as wide as the ears are apart. The base stage can weight its loss towards it ({@link #latentWeights}): eyes, brows
 * and mouth — everything an expression is made of — cover about a tenth of the latent cells, so an unweighted loss
 * spends nine tenths of its gradient on backdrop, clothes and hair.
 *
 * @param x centre, pixels
 * @param y centre, pixels
 * @param radius pixels
 */
public record FaceRegion(double x, double y, double radius) {

    /** Radius when an ear is off the canvas: ear-to-ear is about 2.6 eye distances on the studio's faces. */
    static final double EARS_PER_EYE_DISTANCE = 2.6;

    /**
     * Reads the studio's {@code keypoints_a}/{@code keypoints_b} array ([[x, y, visible], …] in COCO-18 order), or
     * {@code null} when the nose or an eye is not visible.
     */
    public static FaceRegion fromKeypoints(JsonNode keypoints) {
        if (keypoints == null || !keypoints.isArray() || keypoints.size() < PoseKeypoints.COUNT) {
            return null;
        }
        double[] nose = point(keypoints, PoseKeypoints.NOSE);
        double[] rEye = point(keypoints, PoseKeypoints.R_EYE);
        double[] lEye = point(keypoints, PoseKeypoints.L_EYE);
        if (nose == null || rEye == null || lEye == null) {
            return null;
        }
        double cx = (nose[0] + rEye[0] + lEye[0]) / 3;
        double cy = (nose[1] + rEye[1] + lEye[1]) / 3;
        double[] rEar = point(keypoints, PoseKeypoints.R_EAR);
        double[] lEar = point(keypoints, PoseKeypoints.L_EAR);
        double width = rEar != null && lEar != null
                ? Math.hypot(lEar[0] - rEar[0], lEar[1] - rEar[1])
                : EARS_PER_EYE_DISTANCE * Math.hypot(lEye[0] - rEye[0], lEye[1] - rEye[1]);
        return new FaceRegion(cx, cy, width / 2);
    }

    /** The same from the studio's keypoints of a portrait it renders; {@code null} when nose or an eye is hidden. */
    public static FaceRegion of(PoseKeypoints k) {
        int[] needed = {PoseKeypoints.NOSE, PoseKeypoints.R_EYE, PoseKeypoints.L_EYE};
        for (int i : needed) {
            if (!k.visible()[i]) {
                return null;
            }
        }
        double cx = (k.x()[PoseKeypoints.NOSE] + k.x()[PoseKeypoints.R_EYE] + k.x()[PoseKeypoints.L_EYE]) / 3;
        double cy = (k.y()[PoseKeypoints.NOSE] + k.y()[PoseKeypoints.R_EYE] + k.y()[PoseKeypoints.L_EYE]) / 3;
        double width = k.visible()[PoseKeypoints.R_EAR] && k.visible()[PoseKeypoints.L_EAR]
                ? Math.hypot(k.x()[PoseKeypoints.L_EAR] - k.x()[PoseKeypoints.R_EAR],
                        k.y()[PoseKeypoints.L_EAR] - k.y()[PoseKeypoints.R_EAR])
                : EARS_PER_EYE_DISTANCE * Math.hypot(k.x()[PoseKeypoints.L_EYE] - k.x()[PoseKeypoints.R_EYE],
                        k.y()[PoseKeypoints.L_EYE] - k.y()[PoseKeypoints.R_EYE]);
        return new FaceRegion(cx, cy, width / 2);
    }

    /** This region moved by ({@code dx}, {@code dy}) pixels and scaled {@code scale} × about its centre. */
    public FaceRegion jittered(double dx, double dy, double scale) {
        return new FaceRegion(x + dx, y + dy, radius * scale);
    }

    private static double[] point(JsonNode keypoints, int index) {
        JsonNode p = keypoints.get(index);
        if (p == null || p.size() < 3 || p.get(2).asDouble() <= 0) {
            return null;
        }
        return new double[] {p.get(0).asDouble(), p.get(1).asDouble()};
    }

    /**
     * Per-cell loss weights on an {@code h × w} latent grid whose cells are {@code cellPixels} wide: {@code faceWeight}
     * for cells whose centre lies in the disc, 1 elsewhere, then scaled to mean 1 so the loss keeps its scale (and the
     * learning rate its meaning) whatever the face's size. {@code region == null} gives all ones.
     */
    public static float[] latentWeights(FaceRegion region, int h, int w, double cellPixels, double faceWeight) {
        float[] out = new float[h * w];
        double sum = 0;
        for (int i = 0; i < h; i++) {
            for (int j = 0; j < w; j++) {
                double v = 1;
                if (region != null) {
                    double dx = (j + 0.5) * cellPixels - region.x;
                    double dy = (i + 0.5) * cellPixels - region.y;
                    if (dx * dx + dy * dy <= region.radius * region.radius) {
                        v = faceWeight;
                    }
                }
                out[i * w + j] = (float) v;
                sum += v;
            }
        }
        float scale = (float) (out.length / sum);
        for (int k = 0; k < out.length; k++) {
            out[k] *= scale;
        }
        return out;
    }
}
