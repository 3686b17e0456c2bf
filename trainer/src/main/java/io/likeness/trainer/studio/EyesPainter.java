package io.likeness.trainer.studio;

import static io.likeness.trainer.studio.Draw.circle;
import static io.likeness.trainer.studio.Draw.ellipse;
import static io.likeness.trainer.studio.Draw.fill;
import static io.likeness.trainer.studio.Draw.quad;
import static io.likeness.trainer.studio.Draw.stroke;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Area;
import java.awt.geom.Path2D;

/** Eyes, eyebrows, laughing cheeks and tears: the parts an expression edit changes (head coordinates). */
final class EyesPainter {

    private static final Color LID = new Color(0x2a1d18);
    private static final Color WHITE = new Color(0xfbfbf8);
    private static final Color TEAR = new Color(0x6cb8ec);

    private EyesPainter() {
    }

    static double[] eyeRadii(Identity id) {
        return switch (id.eyeShape()) {
            case ROUND -> new double[] {3.5, 3.4};
            case ALMOND -> new double[] {4.3, 2.7};
            case NARROW -> new double[] {4.4, 2.0};
            default -> new double[] {4.8, 3.3};
        };
    }

    static void eyes(Graphics2D g, Identity id, HeadGeometry h, Direction d) {
        double[] r = eyeRadii(id);
        for (int side = -1; side <= 1; side += 2) {
            double x = side * h.eyeX;
            double y = h.eyeY;
            switch (d) {
                case LAUGHING -> stroke(g, quad(x - r[0], y + 1, x, y - 4.2, x + r[0], y + 1), LID, 1.5);
                case CRYING -> {
                    stroke(g, quad(x - r[0], y - 0.5, x, y + 3, x + r[0], y - 0.5), LID, 1.4);
                    stroke(g, quad(x - side * r[0], y + 0.2, x - side * (r[0] + 1.5), y + 0.8,
                            x - side * (r[0] + 2.2), y + 2), LID, 0.8);
                }
                case SHOCKED -> openEye(g, id, x, y - 0.8, r[0] * 1.3, Math.max(r[1] * 1.55, 4.4), 0.62, 0, side);
                case ANGRY -> openEye(g, id, x, y, r[0], r[1], 1.0, 1, side);
                default -> openEye(g, id, x, y, r[0], r[1], 1.0, 0, side);
            }
        }
        if (d == Direction.LAUGHING) {
            Color cheek = Palette.alpha(new Color(0xf06a78), 95);
            fill(g, ellipse(-h.eyeX - 1.5, h.noseY + 2.5, 4, 2.4), cheek);
            fill(g, ellipse(h.eyeX + 1.5, h.noseY + 2.5, 4, 2.4), cheek);
        }
        if (d == Direction.CRYING) {
            for (int side = -1; side <= 1; side += 2) {
                double x = side * (h.eyeX + 1.5);
                Path2D.Double tear = new Path2D.Double();
                tear.moveTo(x - 1.4, h.eyeY + 2);
                tear.lineTo(x + 1.4, h.eyeY + 2);
                tear.quadTo(x + 2.2, h.mouthY, x + 0.8, h.bBottom - 4);
                tear.quadTo(x, h.bBottom - 2, x - 0.8, h.bBottom - 4);
                tear.quadTo(x - 2.2, h.mouthY, x - 1.4, h.eyeY + 2);
                tear.closePath();
                fill(g, tear, Palette.alpha(TEAR, 190));
                fill(g, ellipse(x + side * 2.6, h.noseY + 4, 1.5, 2.1), Palette.alpha(TEAR, 220));
            }
        }
    }

    /** An open eye; angry = 1 adds the slanted lid over the inner upper half. */
    private static void openEye(Graphics2D g, Identity id, double x, double y, double rx, double ry, double irisScale,
                                int angry, int side) {
        Area sclera = new Area(ellipse(x, y, rx, ry));
        fill(g, sclera, WHITE);
        Area iris = new Area(circle(x, y + 0.2, Math.min(ry, 2.7) * irisScale + 0.4));
        iris.intersect(sclera);
        fill(g, iris, Palette.EYES[id.eyeColour()]);
        Area pupil = new Area(circle(x, y + 0.2, 1.15 * irisScale));
        pupil.intersect(sclera);
        fill(g, pupil, new Color(0x111111));
        fill(g, circle(x + 0.8, y - 0.7, 0.55), WHITE);
        if (angry == 1) {
            // lid slanting down toward the nose
            Path2D.Double lid = Draw.polygon(x - side * (rx + 1), y - ry - 1.5, x + side * (rx + 1), y - ry - 1.5,
                    x + side * (rx + 1), y - ry * 0.3, x - side * (rx + 1), y + ry * 0.25);
            Area l = new Area(lid);
            l.intersect(new Area(ellipse(x, y, rx + 0.6, ry + 0.6)));
            fill(g, l, FacePainter.skin(id));
            stroke(g, Draw.quad(x - side * (rx + 0.3), y + ry * 0.2, x, y - ry * 0.1, x + side * (rx + 0.3),
                    y - ry * 0.35), LID, 1.3);
        } else {
            Path2D.Double upper = new Path2D.Double();
            upper.append(new java.awt.geom.Arc2D.Double(x - rx, y - ry, 2 * rx, 2 * ry, 10, 160,
                    java.awt.geom.Arc2D.OPEN), false);
            stroke(g, upper, LID, 1.1);
        }
    }

    static void brows(Graphics2D g, Identity id, HeadGeometry h, Direction d) {
        Color c = id.hairStyle() == Identity.HairStyle.BALD || id.hairColour() >= 5
                ? Palette.shade(Palette.HAIR[id.hairColour()], 0.55) : Palette.shade(HairPainter.colour(id), 0.85);
        double width;
        double arch;
        switch (id.brows()) {
            case THIN -> { width = 0.9; arch = 1.6; }
            case THICK -> { width = 2.1; arch = 1.2; }
            case ARCHED -> { width = 1.4; arch = 3.0; }
            case STRAIGHT -> { width = 1.7; arch = 0.2; }
            default -> { width = 2.8; arch = 1.0; }
        }
        double inner = 0;
        double outer = 0;
        switch (d) {
            case ANGRY -> { inner = 4.2; outer = -2.2; arch = -0.5; width = Math.max(width, 2.6); c = Palette.shade(c, 0.6); }
            case SHOCKED -> { inner = -3.6; outer = -3.0; arch += 1.5; }
            case LAUGHING -> { inner = -1.6; outer = -1.2; }
            case CRYING -> { inner = -3.2; outer = 1.8; arch = -0.3; }
            default -> {
            }
        }
        for (int side = -1; side <= 1; side += 2) {
            double xi = side * (h.eyeX - 4.3);
            double xo = side * (h.eyeX + 4.6);
            double yi = h.browY + inner;
            double yo = h.browY + outer + 0.4;
            stroke(g, quad(xi, yi, (xi + xo) / 2, Math.min(yi, yo) - arch, xo, yo), c, width);
        }
        if (d == Direction.ANGRY) {
            // the frown's furrows between the brows
            for (int side = -1; side <= 1; side += 2) {
                stroke(g, quad(side * 1.3, h.browY + 2.0, side * 1.0, h.browY + 3.8, side * 1.4, h.browY + 5.6),
                        FacePainter.skinLine(id), 0.9);
            }
        }
    }
}
