package io.likeness.trainer.studio;

import static io.likeness.trainer.studio.Draw.ellipse;
import static io.likeness.trainer.studio.Draw.fill;
import static io.likeness.trainer.studio.Draw.quad;
import static io.likeness.trainer.studio.Draw.stroke;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.geom.Area;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;

/** The mouth in the source (identity) style and in the four expressions (head coordinates). */
final class MouthPainter {

    private static final Color INSIDE = new Color(0x5a1c22);
    private static final Color TEETH = new Color(0xfcfcf6);
    private static final Color TONGUE = new Color(0xe0707a);

    private MouthPainter() {
    }

    static Color lips(Identity id) {
        return Palette.mix(Palette.shade(FacePainter.skin(id), 0.78), new Color(0xb4485a), 0.45);
    }

    static double halfWidth(Identity id) {
        return switch (id.mouth()) {
            case SMALL -> 3.6;
            case WIDE -> 6.4;
            case FULL -> 5.0;
            case THIN -> 5.4;
            default -> 5.0;
        };
    }

    static void mouth(Graphics2D g, Identity id, HeadGeometry h, Direction d) {
        double y = h.mouthY;
        double w = halfWidth(id);
        Color lip = lips(id);
        switch (d) {
            case ANGRY -> {
                // clenched teeth in a frown: a band of teeth, corners pulled down
                double lw = w * 1.25 + 1;
                Path2D.Double m = new Path2D.Double();
                m.moveTo(-lw, y + 3.2);
                m.quadTo(0, y - 5.0, lw, y + 3.2);
                m.quadTo(0, y + 1.8, -lw, y + 3.2);
                m.closePath();
                fill(g, m, TEETH);
                Shape clip = g.getClip();
                g.clip(m);
                stroke(g, quad(-lw, y + 2.9, 0, y - 1.6, lw, y + 2.9), INSIDE, 0.7);
                for (int i = -2; i <= 2; i++) {
                    double x = i * lw / 3.0;
                    stroke(g, new java.awt.geom.Line2D.Double(x, y - 2, x, y + 3), Palette.alpha(INSIDE, 150), 0.5);
                }
                g.setClip(clip);
                stroke(g, m, INSIDE, 1.1);
            }
            case SHOCKED -> {
                Area o = new Area(ellipse(0, y + 1.5, 3.3, 4.6));
                fill(g, o, INSIDE);
                Area t = new Area(ellipse(0, y + 5, 2.6, 2.2));
                t.intersect(o);
                fill(g, t, TONGUE);
                stroke(g, ellipse(0, y + 1.5, 3.3, 4.6), Palette.shade(lip, 0.8), 1.0);
            }
            case LAUGHING -> {
                double lw = w * 1.35 + 1;
                Path2D.Double m = new Path2D.Double();
                m.moveTo(-lw, y - 1.5);
                m.quadTo(0, y + 0.2, lw, y - 1.5);
                m.curveTo(lw * 0.9, y + 9, -lw * 0.9, y + 9, -lw, y - 1.5);
                m.closePath();
                Area open = new Area(m);
                fill(g, open, INSIDE);
                Area teeth = new Area(new Rectangle2D.Double(-lw, y - 3, 2 * lw, 4.2));
                teeth.intersect(open);
                fill(g, teeth, TEETH);
                Area tongue = new Area(ellipse(0, y + 7.2, lw * 0.55, 3));
                tongue.intersect(open);
                fill(g, tongue, TONGUE);
                stroke(g, m, Palette.shade(lip, 0.8), 0.9);
            }
            case CRYING -> {
                double lw = w * 1.05;
                Path2D.Double m = new Path2D.Double();
                m.moveTo(-lw, y + 3.5);
                m.curveTo(-lw * 0.8, y - 3.5, lw * 0.8, y - 3.5, lw, y + 3.5);
                m.quadTo(0, y + 2.2, -lw, y + 3.5);
                m.closePath();
                fill(g, m, INSIDE);
                Area t = new Area(ellipse(0, y + 3.4, lw * 0.5, 1.6));
                t.intersect(new Area(m));
                fill(g, t, TONGUE);
                stroke(g, m, Palette.shade(lip, 0.8), 0.9);
            }
            default -> neutral(g, id, y, w, lip);
        }
    }

    private static void neutral(Graphics2D g, Identity id, double y, double w, Color lip) {
        Color line = Palette.shade(lip, 0.7);
        switch (id.mouth()) {
            case FULL -> {
                Path2D.Double upper = new Path2D.Double();
                upper.moveTo(-w, y);
                upper.quadTo(-w * 0.5, y - 2.4, 0, y - 1.2);
                upper.quadTo(w * 0.5, y - 2.4, w, y);
                upper.quadTo(0, y + 0.6, -w, y);
                upper.closePath();
                Path2D.Double lower = new Path2D.Double();
                lower.moveTo(-w, y);
                lower.quadTo(0, y + 0.8, w, y);
                lower.quadTo(0, y + 4.2, -w, y);
                lower.closePath();
                fill(g, lower, lip);
                fill(g, upper, Palette.shade(lip, 0.88));
                stroke(g, quad(-w, y, 0, y + 0.9, w, y), line, 0.6);
            }
            case THIN -> stroke(g, quad(-w, y, 0, y + 1.2, w, y), line, 0.9);
            case SMIRK -> stroke(g, quad(-w, y + 0.5, w * 0.2, y + 1.8, w, y - 1.2), line, 1.1);
            default -> {
                fill(g, ellipse(0, y + 1.6, w * 0.6, 0.9), Palette.alpha(lip, 160));
                stroke(g, quad(-w, y - 0.3, 0, y + 2.0, w, y - 0.3), line, 1.1);
            }
        }
    }
}
