package io.likeness.trainer.studio;

import static io.likeness.trainer.studio.Draw.circle;
import static io.likeness.trainer.studio.Draw.ellipse;
import static io.likeness.trainer.studio.Draw.fill;
import static io.likeness.trainer.studio.Draw.fillStroke;
import static io.likeness.trainer.studio.Draw.quad;
import static io.likeness.trainer.studio.Draw.stroke;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.MultipleGradientPaint.ColorSpaceType;
import java.awt.MultipleGradientPaint.CycleMethod;
import java.awt.Paint;
import java.awt.RadialGradientPaint;
import java.awt.geom.AffineTransform;
import java.awt.geom.Path2D;
import java.awt.geom.Point2D;
import java.util.SplittableRandom;

/** Skin: ears, face, skin marks and nose (head coordinates); the neck is drawn with the clothes. */
final class FacePainter {

    /** Angry's flush colour. */
    private static final Color FLUSH = new Color(0xd8262a);

    private FacePainter() {
    }

    static Color skin(Identity id) {
        return Palette.SKIN[id.skinTone()];
    }

    static Color skinLine(Identity id) {
        return Palette.shade(skin(id), 0.72);
    }

    static void ears(Graphics2D g, Identity id, HeadGeometry h) {
        Color s = skin(id);
        Color line = skinLine(id);
        for (int side = -1; side <= 1; side += 2) {
            double x = side * (h.a - 0.8);
            double y = h.earY;
            switch (id.ears()) {
                case SMALL -> fillStroke(g, ellipse(x + side * 1.6, y, 3.3, 5), s, line, 0.8);
                case LARGE -> fillStroke(g, ellipse(x + side * 2.8, y - 0.5, 5, 7.5), s, line, 0.8);
                case POINTED -> {
                    Path2D.Double p = new Path2D.Double();
                    p.moveTo(x, y + 5);
                    p.quadTo(x + side * 6.5, y + 4, x + side * 6.8, y - 8);
                    p.quadTo(x + side * 2, y - 5, x, y - 4);
                    p.closePath();
                    fillStroke(g, p, s, line, 0.8);
                }
                default -> {
                    fillStroke(g, ellipse(x + side * 2.2, y, 4, 6), s, line, 0.8);
                    fillStroke(g, circle(x + side * 2.6, y + 6.8, 1.7), new Color(0xf2c23a),
                            new Color(0xa9801a), 0.5);
                }
            }
            stroke(g, quad(x + side * 1.2, y - 2.5, x + side * 3.4, y, x + side * 1.4, y + 2.5), line, 0.7);
        }
    }

    static void face(Graphics2D g, Identity id, HeadGeometry h) {
        fillStroke(g, h.face, skin(id), skinLine(id), 0.9);
    }

    /**
     * Angry's flush: a red wash over the brow band and the upper cheeks, inside the face. At 128 px the
     * expression's lines (brows, lids, mouth) are a pixel or two wide, a fraction of one latent cell, and
     * models at this size could not learn them; the flush gives angry an area of colour as crying's tears and
     * laughing's open mouth give theirs.
     */
    static void flush(Graphics2D g, HeadGeometry h, Direction d) {
        if (d != Direction.ANGRY) {
            return;
        }
        // an elliptic gradient: a circle of radius r in gradient space, squashed to 0.62 of its height
        float r = (float) (h.a * 0.95);
        double squash = 0.62;
        Point2D.Double centre = new Point2D.Double(0, (h.browY + 2) / squash);
        Paint paint = g.getPaint();
        g.setPaint(new RadialGradientPaint(centre, r, centre, new float[] {0f, 0.55f, 1f},
                new Color[] {Palette.alpha(FLUSH, 150), Palette.alpha(FLUSH, 110), Palette.alpha(FLUSH, 0)},
                CycleMethod.NO_CYCLE, ColorSpaceType.SRGB, AffineTransform.getScaleInstance(1, squash)));
        g.fill(h.face);
        g.setPaint(paint);
    }

    static void marks(Graphics2D g, Identity id, HeadGeometry h) {
        Color s = skin(id);
        switch (id.marks()) {
            case FRECKLES -> {
                SplittableRandom r = new SplittableRandom(Seeds.mix(id.seed(), 0xF8EC));
                Color c = Palette.mix(s, new Color(0x8a4b2a), 0.45);
                for (int side = -1; side <= 1; side += 2) {
                    for (int i = 0; i < 6; i++) {
                        double x = side * (h.eyeX + r.nextDouble(-3.5, 3.5));
                        double y = h.noseY + r.nextDouble(-3.5, 1.5);
                        fill(g, circle(x, y, 0.55), c);
                    }
                }
            }
            case MOLE -> fill(g, circle(h.eyeX * 0.9, h.mouthY - 4.5, 0.8), Palette.mix(s, new Color(0x3a2214), 0.7));
            case BLUSH -> {
                Color c = Palette.alpha(new Color(0xe86a6a), 70);
                fill(g, ellipse(-h.eyeX - 1, h.noseY + 1.5, 3.8, 2.2), c);
                fill(g, ellipse(h.eyeX + 1, h.noseY + 1.5, 3.8, 2.2), c);
            }
            default -> {
            }
        }
    }

    static void nose(Graphics2D g, Identity id, HeadGeometry h) {
        Color line = Palette.shade(skin(id), 0.68);
        double y = h.noseY;
        switch (id.nose()) {
            case BUTTON -> {
                fill(g, ellipse(0, y + 0.5, 2.6, 2.0), Palette.shade(skin(id), 0.9));
                fill(g, circle(-1.2, y + 1.6, 0.6), line);
                fill(g, circle(1.2, y + 1.6, 0.6), line);
            }
            case POINTED -> {
                Path2D.Double p = new Path2D.Double();
                p.moveTo(0.4, y - 6);
                p.lineTo(2.2, y + 1.5);
                p.quadTo(1.2, y + 3, -1.2, y + 2);
                stroke(g, p, line, 0.9);
            }
            case WIDE -> {
                stroke(g, quad(-3.8, y + 0.5, 0, y + 4.5, 3.8, y + 0.5), line, 1.0);
                fill(g, circle(-1.6, y + 1.2, 0.6), line);
                fill(g, circle(1.6, y + 1.2, 0.6), line);
            }
            case LONG -> {
                stroke(g, quad(-0.8, y - 8, 0.6, y - 2, -0.2, y + 1.5), line, 0.8);
                stroke(g, quad(-2.4, y + 1.5, 0, y + 3.8, 2.4, y + 1.5), line, 0.9);
            }
            default -> stroke(g, quad(-1.6, y + 1.2, 0, y + 2.8, 1.6, y + 1.2), line, 0.9);
        }
    }
}
