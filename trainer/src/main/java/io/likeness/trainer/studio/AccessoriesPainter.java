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
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;

/** Identity accessories on the face: facial hair and glasses (head coordinates). */
final class AccessoriesPainter {

    private AccessoriesPainter() {
    }

    static Color beardColour(Identity id) {
        return id.hairStyle() == Identity.HairStyle.BALD && id.hairColour() >= 5
                ? Palette.HAIR[2] : HairPainter.colour(id);
    }

    /** Beard, stubble and goatee go under the mouth. */
    static void beard(Graphics2D g, Identity id, HeadGeometry h) {
        Color c = beardColour(id);
        switch (id.facialHair()) {
            case STUBBLE -> {
                Area a = new Area(h.face);
                a.intersect(new Area(new Rectangle2D.Double(-h.a - 1, h.noseY + 3, 2 * h.a + 2, 40)));
                fill(g, a, Palette.alpha(c, 70));
            }
            case BEARD -> {
                Area a = new Area(h.face);
                a.add(new Area(ellipse(0, h.bBottom - 2, h.a * 0.7, 8)));
                a.intersect(new Area(new Rectangle2D.Double(-h.a - 2, h.earY + 2, 2 * h.a + 4, 60)));
                a.subtract(new Area(ellipse(0, h.noseY + 1.5, h.a * 0.55, 4.5)));
                fill(g, a, c);
                stroke(g, a, Palette.shade(c, 0.7), 0.6);
            }
            case GOATEE -> {
                Area a = new Area(ellipse(0, h.bBottom - 3.5, 4.8, 5));
                a.intersect(new Area(h.face));
                fill(g, a, c);
            }
            default -> {
            }
        }
    }

    /** Moustaches go over the mouth. */
    static void moustache(Graphics2D g, Identity id, HeadGeometry h) {
        if (id.facialHair() != Identity.FacialHair.MOUSTACHE && id.facialHair() != Identity.FacialHair.GOATEE
                && id.facialHair() != Identity.FacialHair.BEARD) {
            return;
        }
        Color c = beardColour(id);
        double y = h.mouthY - 2.4;
        Path2D.Double m = new Path2D.Double();
        m.moveTo(0, y - 1.6);
        m.quadTo(4, y - 2.8, 6.8, y + 1.4);
        m.quadTo(3.5, y + 0.4, 0, y + 0.6);
        m.quadTo(-3.5, y + 0.4, -6.8, y + 1.4);
        m.quadTo(-4, y - 2.8, 0, y - 1.6);
        m.closePath();
        fill(g, m, c);
        stroke(g, m, Palette.shade(c, 0.7), 0.5);
    }

    static void glasses(Graphics2D g, Identity id, HeadGeometry h) {
        if (id.glasses() == Identity.Glasses.NONE) {
            return;
        }
        Color c = Palette.GLASSES[id.glassesColour()];
        Color lens = Palette.alpha(new Color(0xdde9f2), 60);
        double width = 1.1;
        for (int side = -1; side <= 1; side += 2) {
            double x = side * h.eyeX;
            double y = h.eyeY;
            java.awt.Shape frame = switch (id.glasses()) {
                case ROUND -> circle(x, y, 5.8);
                case RECTANGLE -> new RoundRectangle2D.Double(x - 6.4, y - 4.4, 12.8, 8.8, 3, 3);
                default -> {
                    Path2D.Double p = new Path2D.Double();
                    double o = side * 6.8;
                    p.moveTo(x - o * 0.85, y - 3.2);
                    p.lineTo(x + o * 1.05, y - 5.4);
                    p.quadTo(x + o * 0.95, y + 4.8, x, y + 4.4);
                    p.quadTo(x - o * 0.95, y + 4, x - o * 0.85, y - 3.2);
                    p.closePath();
                    yield p;
                }
            };
            fill(g, frame, lens);
            stroke(g, frame, c, width);
            stroke(g, quad(x + side * 6.2, y - 1.5, x + side * 8, y - 2.2, side * (h.a + 0.5), y - 1.5), c, width);
        }
        stroke(g, quad(-h.eyeX + 5.6, h.eyeY - 1, 0, h.eyeY - 2.6, h.eyeX - 5.6, h.eyeY - 1), c, width);
    }

}
