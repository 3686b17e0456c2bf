package io.likeness.trainer.studio;

import static io.likeness.trainer.studio.Draw.circle;
import static io.likeness.trainer.studio.Draw.ellipse;
import static io.likeness.trainer.studio.Draw.fill;
import static io.likeness.trainer.studio.Draw.fillStroke;
import static io.likeness.trainer.studio.Draw.quad;
import static io.likeness.trainer.studio.Draw.stroke;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.geom.Area;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;

/**
 * Torso, neck and neckline in body coordinates (origin at the base of the neck, y down): the identity's everyday
 * clothes for source and expression images, the costume body for costume directions.
 */
final class ClothesPainter {

    static final Color SANTA_RED = new Color(0xc8202c);
    static final Color FUR = new Color(0xfbfbf7);
    static final Color FUR_LINE = new Color(0xc9c6be);
    static final Color GOLD = new Color(0xe7b52c);
    static final Color GOLD_DARK = new Color(0x9c7411);
    static final Color ROYAL_RED = new Color(0xa3162b);
    static final Color LEAF = new Color(0x5aa04e);
    static final Color PETAL = new Color(0xf58fb5);
    static final Color PETAL_LIGHT = new Color(0xfbc4d8);
    static final Color PETAL_LINE = new Color(0xc95886);

    private ClothesPainter() {
    }

    static Path2D.Double torso(Pose pose) {
        double w = 31 * pose.shoulderWidth();
        double yl = -pose.shoulderTilt() / 2; // image left = person's right shoulder
        double yr = pose.shoulderTilt() / 2;
        Path2D.Double p = new Path2D.Double();
        p.moveTo(-w - 3, 70);
        p.lineTo(-w - 1, 15 + yl);
        p.curveTo(-w, 5 + yl, -w + 7, 1 + yl, -11, -0.5);
        p.lineTo(11, -0.5);
        p.curveTo(w - 7, 1 + yr, w, 5 + yr, w + 1, 15 + yr);
        p.lineTo(w + 3, 70);
        p.closePath();
        return p;
    }

    static void paint(Graphics2D g, Identity id, Pose pose, Direction d) {
        Path2D.Double torso = torso(pose);
        switch (d) {
            case CUTE_FLOWER -> flower(g, id, torso);
            case CUTE_WHITE_SHEEP -> sheep(g, id, torso);
            case SANTA_CLAUS -> santa(g, id, torso);
            case GOLDEN_PALACE -> palace(g, id, torso);
            default -> everyday(g, id, torso);
        }
    }

    private static Path2D.Double neckShape(double depth) {
        Path2D.Double neck = new Path2D.Double();
        neck.moveTo(-7.5, -26);
        neck.lineTo(7.5, -26);
        neck.lineTo(8.3, -0.5);
        neck.quadTo(0, depth * 2 - 0.5, -8.3, -0.5);
        neck.closePath();
        return neck;
    }

    private static void neck(Graphics2D g, Identity id, double depth) {
        Color s = FacePainter.skin(id);
        fill(g, neckShape(depth), Palette.shade(s, 0.92));
        fill(g, ellipse(0, -20, 8, 4.5), Palette.shade(s, 0.8));
    }

    private static void everyday(Graphics2D g, Identity id, Path2D.Double torso) {
        Color c = Palette.CLOTHES[id.clothesColour()];
        Color line = Palette.shade(c, 0.7);
        switch (id.clothes()) {
            case HOODIE -> {
                fillStroke(g, new RoundRectangle2D.Double(-16, -7, 32, 14, 10, 10), Palette.shade(c, 0.8), line, 0.8);
                fillStroke(g, torso, c, line, 0.9);
                neck(g, id, 3.5);
                stroke(g, quad(-9, -1, 0, 9, 9, -1), Palette.shade(c, 0.8), 2.6);
                stroke(g, new Path2D.Double(new java.awt.geom.Line2D.Double(-3.5, 5, -4, 18)), FUR, 0.9);
                stroke(g, new Path2D.Double(new java.awt.geom.Line2D.Double(3.5, 5, 4, 18)), FUR, 0.9);
            }
            case VNECK -> {
                fillStroke(g, torso, c, line, 0.9);
                neck(g, id, 3);
                fill(g, Draw.polygon(-8.3, -0.5, 8.3, -0.5, 0, 12), Palette.shade(FacePainter.skin(id), 0.92));
                stroke(g, Draw.polygon(-8.3, -0.5, 0, 12, 8.3, -0.5), line, 1.2);
            }
            case SHIRT -> {
                fillStroke(g, torso, c, line, 0.9);
                neck(g, id, 3.5);
                stroke(g, new java.awt.geom.Line2D.Double(0, 6, 0, 60), line, 0.8);
                for (int i = 0; i < 4; i++) {
                    fill(g, circle(1.6, 12 + 8 * i, 0.8), Palette.shade(c, 0.6));
                }
                Color collar = Palette.mix(c, Color.WHITE, 0.75);
                fillStroke(g, Draw.polygon(-9, -2.5, 0, 6.5, -3, 10, -12.5, 3), collar, line, 0.7);
                fillStroke(g, Draw.polygon(9, -2.5, 0, 6.5, 3, 10, 12.5, 3), collar, line, 0.7);
            }
            case SWEATER -> {
                fillStroke(g, torso, c, line, 0.9);
                Area band = new Area(new Rectangle2D.Double(-60, 20, 120, 6));
                band.intersect(new Area(torso));
                fill(g, band, Palette.mix(c, Color.WHITE, 0.45));
                neck(g, id, 3);
                stroke(g, quad(-9, -1, 0, 8, 9, -1), Palette.shade(c, 0.82), 3.0);
            }
            default -> {
                fillStroke(g, torso, c, line, 0.9);
                neck(g, id, 3.5);
                stroke(g, quad(-8.6, -0.6, 0, 7.4, 8.6, -0.6), Palette.shade(c, 0.78), 1.6);
            }
        }
    }

    private static void flower(Graphics2D g, Identity id, Path2D.Double torso) {
        fillStroke(g, torso, LEAF, Palette.shade(LEAF, 0.7), 0.9);
        Color leaf = Palette.shade(LEAF, 0.8);
        for (int i = 0; i < 6; i++) {
            double x = -24 + 10 * i;
            double y = 16 + (i % 2) * 7;
            Area l = new Area(ellipse(0, 0, 5, 2.2));
            l.transform(AffineTransform.getRotateInstance(i % 2 == 0 ? -0.6 : 0.6));
            l.transform(AffineTransform.getTranslateInstance(x, y));
            fill(g, l, leaf);
        }
        neck(g, id, 3);
        // a collar of petals around the neck
        for (int i = 0; i <= 8; i++) {
            double t = Math.PI * i / 8;
            double x = Math.cos(t) * 12;
            double y = Math.sin(t) * 7 + 1;
            Area p = new Area(ellipse(0, 0, 5, 3));
            p.transform(AffineTransform.getRotateInstance(t));
            p.transform(AffineTransform.getTranslateInstance(x, y));
            fillStroke(g, p, i % 2 == 0 ? PETAL : PETAL_LIGHT, PETAL_LINE, 0.6);
        }
        fillStroke(g, circle(0, 8, 2.5), new Color(0xf7d23e), new Color(0xc49a12), 0.6);
    }

    private static void sheep(Graphics2D g, Identity id, Path2D.Double torso) {
        Area body = new Area(torso);
        Rectangle2D b = torso.getBounds2D();
        for (int i = 0; i <= 12; i++) {
            double x = b.getMinX() + 3 + i * (b.getWidth() - 6) / 12;
            double y = Math.abs(x) < 12 ? 0 : 2 + Math.abs(x) * 0.08 + 2;
            body.add(new Area(circle(x, y, 4.2)));
        }
        fillStroke(g, body, FUR, FUR_LINE, 0.8);
        for (int row = 0; row < 3; row++) {
            for (int col = 0; col < 6; col++) {
                double x = -25 + col * 10 + (row % 2) * 5;
                double y = 12 + row * 9;
                stroke(g, quad(x - 2.5, y, x, y - 3, x + 2.5, y), FUR_LINE, 0.8);
            }
        }
        neck(g, id, 3);
        Area collar = new Area();
        for (int i = 0; i <= 6; i++) {
            double t = Math.PI * i / 6;
            collar.add(new Area(circle(Math.cos(t) * 9.5, Math.sin(t) * 5 + 0.5, 3.6)));
        }
        fillStroke(g, collar, FUR, FUR_LINE, 0.7);
    }

    private static void santa(Graphics2D g, Identity id, Path2D.Double torso) {
        fillStroke(g, torso, SANTA_RED, Palette.shade(SANTA_RED, 0.7), 0.9);
        Area band = new Area(new RoundRectangle2D.Double(-4, 0, 8, 80, 4, 4));
        band.intersect(new Area(torso));
        fillStroke(g, band, FUR, FUR_LINE, 0.7);
        fill(g, circle(0, 16, 1.3), new Color(0x222222));
        fill(g, circle(0, 27, 1.3), new Color(0x222222));
        neck(g, id, 3);
        Area collar = new Area();
        for (int i = 0; i <= 8; i++) {
            double t = Math.PI * i / 8;
            collar.add(new Area(circle(Math.cos(t) * 11, Math.sin(t) * 5.5 + 0.5, 3.8)));
        }
        fillStroke(g, collar, FUR, FUR_LINE, 0.7);
    }

    private static void palace(Graphics2D g, Identity id, Path2D.Double torso) {
        fillStroke(g, torso, GOLD, GOLD_DARK, 1.0);
        Color light = new Color(0xf8da73);
        for (int row = 0; row < 4; row++) {
            for (int col = 0; col < 7; col++) {
                double x = -30 + col * 10 + (row % 2) * 5;
                double y = 14 + row * 8;
                Area o = new Area(circle(x, y, 2.2));
                o.intersect(new Area(torso));
                stroke(g, o, GOLD_DARK, 0.7);
                fill(g, o, light);
            }
        }
        neck(g, id, 3);
        // red collar with a gold edge and a jewel
        Path2D.Double collar = new Path2D.Double();
        collar.moveTo(-14, -1);
        collar.quadTo(0, 18, 14, -1);
        collar.lineTo(9, -1);
        collar.quadTo(0, 10, -9, -1);
        collar.closePath();
        fillStroke(g, collar, ROYAL_RED, GOLD_DARK, 0.9);
        fillStroke(g, circle(0, 9, 2.6), new Color(0x2f7fd1), GOLD_DARK, 0.9);
    }
}
