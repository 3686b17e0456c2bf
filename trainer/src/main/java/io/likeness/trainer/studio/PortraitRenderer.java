package io.likeness.trainer.studio;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Point2D;
import java.awt.image.BufferedImage;

/**
 * Renders a portrait of an identity in a pose, in the source domain or one of the eight edit directions.
 * Java2D, antialiasing on, pure stroke control, no fonts and no other system-dependent hints, TYPE_INT_RGB:
 * the same (identity, pose, direction, size) gives byte-identical pixels. Drawing happens in a 128-unit design
 * space scaled to the requested size.
 *
 * <p>Paint order (so that an expression edit touches only the face features and a costume edit only clothes and
 * headwear): backdrop, costume parts behind the head, hair back, torso/neck/clothes, ears, face, skin marks, beard,
 * nose, mouth, moustache, eyes, brows, tears, glasses, hair front, costume headwear.
 */
public final class PortraitRenderer {

    public static final int DEFAULT_SIZE = 128;
    static final double DESIGN = 128.0;
    /** Head pivot (top of the neck) and head centre in body coordinates. */
    static final double PIVOT_Y = -18;
    static final double HEAD_Y = -40;
    /** Where the base of the neck sits on the 128-unit canvas, and the figure scale of the reference pose. */
    static final double NECK_BASE_Y = 103;
    static final double BASE_SCALE = 1.2;

    private PortraitRenderer() {
    }

    public static BufferedImage render(Identity id, Pose pose, Direction direction) {
        return render(id, pose, direction, DEFAULT_SIZE);
    }

    public static BufferedImage render(Identity id, Pose pose, Direction direction, int size) {
        if (size < 16) {
            throw new IllegalArgumentException("size must be at least 16, got " + size);
        }
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            HeadGeometry h = new HeadGeometry(id);
            AffineTransform canvas = AffineTransform.getScaleInstance(size / DESIGN, size / DESIGN);
            AffineTransform body = bodyTransform(pose, size);
            AffineTransform head = headTransform(pose, size);

            g.setTransform(canvas);
            backdrop(g, pose);

            g.setTransform(head);
            CostumePainter.behind(g, id, h, direction);
            HairPainter.back(g, id, h);

            g.setTransform(body);
            ClothesPainter.paint(g, id, pose, direction);

            g.setTransform(head);
            FacePainter.ears(g, id, h);
            FacePainter.face(g, id, h);
            FacePainter.marks(g, id, h);
            FacePainter.flush(g, h, direction);
            AccessoriesPainter.beard(g, id, h);
            FacePainter.nose(g, id, h);
            MouthPainter.mouth(g, id, h, direction);
            AccessoriesPainter.moustache(g, id, h);
            EyesPainter.eyes(g, id, h, direction);
            EyesPainter.brows(g, id, h, direction);
            AccessoriesPainter.glasses(g, id, h);
            HairPainter.front(g, id, h);
            CostumePainter.front(g, id, h, direction);
        } finally {
            g.dispose();
        }
        return img;
    }

    private static void backdrop(Graphics2D g, Pose pose) {
        Color c = Palette.BACKDROPS[pose.backdropColour()];
        switch (pose.backdrop()) {
            case GRADIENT -> {
                for (int y = 0; y < (int) DESIGN; y++) {
                    g.setColor(Palette.mix(Palette.shade(c, 1.06), Palette.shade(c, 0.82), y / DESIGN));
                    g.fill(new java.awt.geom.Rectangle2D.Double(0, y, DESIGN, 1));
                }
            }
            case HALO -> {
                g.setColor(Palette.shade(c, 0.9));
                g.fill(new java.awt.geom.Rectangle2D.Double(0, 0, DESIGN, DESIGN));
                g.setColor(Palette.mix(c, Color.WHITE, 0.35));
                g.fill(Draw.circle(64 + pose.dx(), NECK_BASE_Y + pose.dy() + HEAD_Y * BASE_SCALE * pose.scale(),
                        50 * pose.scale()));
            }
            default -> {
                g.setColor(c);
                g.fill(new java.awt.geom.Rectangle2D.Double(0, 0, DESIGN, DESIGN));
            }
        }
    }

    /** Body coordinates → pixels: origin at the base of the neck. */
    static AffineTransform bodyTransform(Pose pose, int size) {
        AffineTransform t = AffineTransform.getScaleInstance(size / DESIGN, size / DESIGN);
        t.translate(64 + pose.dx(), NECK_BASE_Y + pose.dy());
        t.scale(BASE_SCALE * pose.scale(), BASE_SCALE * pose.scale());
        return t;
    }

    /** Head coordinates → pixels: origin at the face centre, rolled about the top of the neck. */
    static AffineTransform headTransform(Pose pose, int size) {
        AffineTransform t = bodyTransform(pose, size);
        t.translate(0, PIVOT_Y);
        t.rotate(Math.toRadians(pose.rollDegrees()));
        t.translate(0, HEAD_Y - PIVOT_Y);
        return t;
    }

    /** The OpenPose COCO-18 keypoints of the portrait, in pixels; off-canvas points are not visible. */
    public static PoseKeypoints keypoints(Identity id, Pose pose, int size) {
        HeadGeometry h = new HeadGeometry(id);
        AffineTransform head = headTransform(pose, size);
        AffineTransform body = bodyTransform(pose, size);
        double w = 31 * pose.shoulderWidth();
        double yl = -pose.shoulderTilt() / 2;
        double yr = pose.shoulderTilt() / 2;
        Point2D[] p = new Point2D[PoseKeypoints.COUNT];
        p[PoseKeypoints.NOSE] = head.transform(new Point2D.Double(0, h.noseY + 1), null);
        p[PoseKeypoints.NECK] = body.transform(new Point2D.Double(0, 8 + (yl + yr) / 2), null);
        p[PoseKeypoints.R_SHOULDER] = body.transform(new Point2D.Double(-w + 4, 8 + yl), null);
        p[PoseKeypoints.L_SHOULDER] = body.transform(new Point2D.Double(w - 4, 8 + yr), null);
        p[PoseKeypoints.R_ELBOW] = body.transform(new Point2D.Double(-w - 4, 58 + yl), null);
        p[PoseKeypoints.L_ELBOW] = body.transform(new Point2D.Double(w + 4, 58 + yr), null);
        p[PoseKeypoints.R_WRIST] = body.transform(new Point2D.Double(-w + 2, 100 + yl), null);
        p[PoseKeypoints.L_WRIST] = body.transform(new Point2D.Double(w - 2, 100 + yr), null);
        p[PoseKeypoints.R_HIP] = body.transform(new Point2D.Double(-w * 0.6, 120), null);
        p[PoseKeypoints.L_HIP] = body.transform(new Point2D.Double(w * 0.6, 120), null);
        p[PoseKeypoints.R_EYE] = head.transform(new Point2D.Double(-h.eyeX, h.eyeY), null);
        p[PoseKeypoints.L_EYE] = head.transform(new Point2D.Double(h.eyeX, h.eyeY), null);
        p[PoseKeypoints.R_EAR] = head.transform(new Point2D.Double(-h.a - 2, h.earY), null);
        p[PoseKeypoints.L_EAR] = head.transform(new Point2D.Double(h.a + 2, h.earY), null);
        double[] x = new double[PoseKeypoints.COUNT];
        double[] y = new double[PoseKeypoints.COUNT];
        boolean[] visible = new boolean[PoseKeypoints.COUNT];
        for (int i = 0; i < PoseKeypoints.COUNT; i++) {
            if (p[i] == null) {
                x[i] = Double.NaN;
                y[i] = Double.NaN;
                continue;
            }
            x[i] = p[i].getX();
            y[i] = p[i].getY();
            visible[i] = x[i] >= 0 && y[i] >= 0 && x[i] < size && y[i] < size;
        }
        return new PoseKeypoints(x, y, visible);
    }
}
