package io.likeness.trainer.studio;

import static io.likeness.trainer.studio.Draw.circle;
import static io.likeness.trainer.studio.Draw.ellipse;
import static io.likeness.trainer.studio.Draw.fillStroke;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Area;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;

/** Hair behind the head (long hair, afro, bun…) and in front of it (cap and fringe), head coordinates. */
final class HairPainter {

    private HairPainter() {
    }

    static Color colour(Identity id) {
        return Palette.HAIR[id.hairColour()];
    }

    static Color line(Identity id) {
        return Palette.shade(colour(id), 0.65);
    }

    static void back(Graphics2D g, Identity id, HeadGeometry h) {
        Color c = colour(id);
        Color l = line(id);
        double a = h.a;
        switch (id.hairStyle()) {
            case LONG -> fillStroke(g, new RoundRectangle2D.Double(-a - 6, -h.bTop - 5, 2 * a + 12,
                    h.bTop + h.bBottom + 30, 2 * a, 26), c, l, 0.8);
            case BOB -> fillStroke(g, new RoundRectangle2D.Double(-a - 5, -h.bTop - 5, 2 * a + 10,
                    h.bTop + h.bBottom * 0.75 + 5, 2 * a, 18), c, l, 0.8);
            case AFRO -> {
                Area afro = new Area(ellipse(0, -6, a + 12, h.bTop + 10));
                for (int i = 0; i < 16; i++) {
                    double t = Math.PI * 2 * i / 16;
                    afro.add(new Area(circle(Math.cos(t) * (a + 11), -6 + Math.sin(t) * (h.bTop + 9), 5)));
                }
                fillStroke(g, afro, c, l, 0.8);
            }
            case PONYTAIL -> {
                Path2D.Double p = new Path2D.Double();
                p.moveTo(a - 4, -h.bTop + 2);
                p.quadTo(a + 16, -h.bTop + 4, a + 11, 14);
                p.quadTo(a + 9, 24, a + 4, 26);
                p.quadTo(a + 6, 8, a - 2, -4);
                p.closePath();
                fillStroke(g, p, c, l, 0.8);
            }
            case BUN -> fillStroke(g, circle(0, -h.bTop - 6, 8), c, l, 0.8);
            case CURLY -> {
                Area curls = new Area();
                for (int i = 0; i < 11; i++) {
                    double t = Math.PI * (1.0 + i / 10.0);
                    curls.add(new Area(circle(Math.cos(t) * (a + 2.5), -2 + Math.sin(t) * (h.bTop + 3), 5.2)));
                }
                curls.add(new Area(circle(-a - 2, 6, 4.5)));
                curls.add(new Area(circle(a + 2, 6, 4.5)));
                fillStroke(g, curls, c, l, 0.8);
            }
            default -> {
            }
        }
    }

    static void front(Graphics2D g, Identity id, HeadGeometry h) {
        Color c = colour(id);
        Color l = line(id);
        double a = h.a;
        double top = -h.bTop;
        switch (id.hairStyle()) {
            case BALD -> {
            }
            case BUZZ -> {
                Area cap = new Area(ellipse(0, 0, a + 0.8, h.bTop + 1.5));
                cap.intersect(new Area(new Rectangle2D.Double(-a - 2, top - 3, 2 * a + 4, h.bTop * 0.5 + 3)));
                fillStroke(g, cap, Palette.mix(c, FacePainter.skin(id), 0.25), l, 0.6);
            }
            case SHORT -> {
                Area cap = new Area(ellipse(0, -1, a + 2.2, h.bTop + 4));
                Area keep = new Area(new Rectangle2D.Double(-a - 4, top - 6, 2 * a + 8, h.bTop * 0.55 + 6));
                keep.add(new Area(new Rectangle2D.Double(-a - 4, top, 3.5, h.bTop)));
                keep.add(new Area(new Rectangle2D.Double(a + 0.5, top, 3.5, h.bTop)));
                cap.intersect(keep);
                fillStroke(g, cap, c, l, 0.7);
            }
            case SIDE_PART -> {
                Path2D.Double p = new Path2D.Double();
                p.moveTo(-a - 2, 0);
                p.curveTo(-a - 4, top - 6, a + 4, top - 6, a + 2, 0);
                p.lineTo(a - 1, 0);
                p.quadTo(a - 2, top + 9, a * 0.2, top + 7);
                p.quadTo(-a * 0.6, top + 9, -a + 1, top + 15);
                p.lineTo(-a + 1, 0);
                p.closePath();
                fillStroke(g, p, c, l, 0.7);
                Draw.stroke(g, Draw.quad(-a * 0.35, top - 0.5, -a * 0.1, top + 4, a * 0.3, top + 7), l, 0.7);
            }
            case CURLY, AFRO -> {
                Area curls = new Area();
                for (int i = 0; i < 9; i++) {
                    double t = Math.PI * (1.08 + 0.84 * i / 8.0);
                    curls.add(new Area(circle(Math.cos(t) * (a - 1), Math.sin(t) * (h.bTop - 2) - 1, 4.6)));
                }
                fillStroke(g, curls, c, l, 0.7);
            }
            case BOB -> {
                Area cap = new Area(ellipse(0, -1, a + 2.5, h.bTop + 4));
                cap.intersect(new Area(new Rectangle2D.Double(-a - 4, top - 6, 2 * a + 8, h.bTop * 0.62 + 6)));
                cap.add(new Area(new Rectangle2D.Double(-a - 2.5, top + 4, 4, h.bTop + h.bBottom * 0.6 - 4)));
                cap.add(new Area(new Rectangle2D.Double(a - 1.5, top + 4, 4, h.bTop + h.bBottom * 0.6 - 4)));
                fillStroke(g, cap, c, l, 0.7);
            }
            default -> { // LONG, PONYTAIL, BUN: centre or side part framing the face
                Path2D.Double p = new Path2D.Double();
                boolean down = id.hairStyle() == Identity.HairStyle.LONG;
                p.moveTo(-a - 2.5, down ? h.bBottom * 0.5 : -2);
                p.curveTo(-a - 4, top - 7, a + 4, top - 7, a + 2.5, down ? h.bBottom * 0.5 : -2);
                p.lineTo(a - 1.5, down ? h.bBottom * 0.3 : -2);
                p.quadTo(a - 1, top + 6, 1, top + 4);
                p.quadTo(-a + 1, top + 6, -a + 1.5, down ? h.bBottom * 0.3 : -2);
                p.closePath();
                fillStroke(g, p, c, l, 0.7);
            }
        }
    }
}
