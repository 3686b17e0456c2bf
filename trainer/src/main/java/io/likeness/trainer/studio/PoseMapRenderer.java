package io.likeness.trainer.studio;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Point2D;
import java.awt.image.BufferedImage;

/**
 * OpenPose-style pose image (as fed to the OpenPose ControlNet): black canvas, the 17 COCO-18 limbs as ellipses in
 * the OpenPose colours at 60% intensity, keypoints as discs in full colour. Stick width and disc radius scale with
 * the image (4 px at 256 px, as OpenPose's 4 px at its working size). Only visible keypoints are drawn.
 */
public final class PoseMapRenderer {

    /** OpenPose limbSeq (0-based), in drawing order; the colour of limb i is COLOURS[i]. */
    static final int[][] LIMBS = {
        {1, 2}, {1, 5}, {2, 3}, {3, 4}, {5, 6}, {6, 7}, {1, 8}, {8, 9}, {9, 10}, {1, 11}, {11, 12}, {12, 13},
        {1, 0}, {0, 14}, {14, 16}, {0, 15}, {15, 17}};

    static final int[][] COLOURS = {
        {255, 0, 0}, {255, 85, 0}, {255, 170, 0}, {255, 255, 0}, {170, 255, 0}, {85, 255, 0}, {0, 255, 0},
        {0, 255, 85}, {0, 255, 170}, {0, 255, 255}, {0, 170, 255}, {0, 85, 255}, {0, 0, 255}, {85, 0, 255},
        {170, 0, 255}, {255, 0, 255}, {255, 0, 170}, {255, 0, 85}};

    private PoseMapRenderer() {
    }

    public static BufferedImage render(Identity id, Pose pose, int size) {
        return render(PortraitRenderer.keypoints(id, pose, size), size);
    }

    public static BufferedImage render(PoseKeypoints k, int size) {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setColor(Color.BLACK);
            g.fillRect(0, 0, size, size);
            double stick = Math.max(1.5, 4.0 * size / 256);
            for (int i = 0; i < LIMBS.length; i++) {
                int a = LIMBS[i][0];
                int b = LIMBS[i][1];
                if (!k.visible()[a] || !k.visible()[b]) {
                    continue;
                }
                double mx = (k.x()[a] + k.x()[b]) / 2;
                double my = (k.y()[a] + k.y()[b]) / 2;
                double len = Point2D.distance(k.x()[a], k.y()[a], k.x()[b], k.y()[b]);
                double angle = Math.atan2(k.y()[b] - k.y()[a], k.x()[b] - k.x()[a]);
                AffineTransform t = AffineTransform.getTranslateInstance(mx, my);
                t.rotate(angle);
                int[] c = COLOURS[i];
                g.setColor(new Color((int) (c[0] * 0.6), (int) (c[1] * 0.6), (int) (c[2] * 0.6)));
                g.fill(t.createTransformedShape(new Ellipse2D.Double(-len / 2, -stick, len, 2 * stick)));
            }
            for (int i = 0; i < PoseKeypoints.COUNT; i++) {
                if (!k.visible()[i]) {
                    continue;
                }
                int[] c = COLOURS[i];
                g.setColor(new Color(c[0], c[1], c[2]));
                g.fill(new Ellipse2D.Double(k.x()[i] - stick, k.y()[i] - stick, 2 * stick, 2 * stick));
            }
        } finally {
            g.dispose();
        }
        return img;
    }
}
