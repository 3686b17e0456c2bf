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

/** Costume parts on the head (head coordinates): flower petals, sheep hood, Santa hat and beard, golden crown. */
final class CostumePainter {

    private CostumePainter() {
    }

    /** Parts behind the hair (flower petals around the head). */
    static void behind(Graphics2D g, Identity id, HeadGeometry h, Direction d) {
        if (d != Direction.CUTE_FLOWER) {
            return;
        }
        int n = 14;
        double rx = h.a + 19;
        double ry = (h.bTop + h.bBottom) / 2 + 16;
        for (int i = 0; i < n; i++) {
            double t = 2 * Math.PI * i / n;
            Area p = new Area(ellipse(0, 0, 10, 5.8));
            p.transform(AffineTransform.getRotateInstance(t));
            p.transform(AffineTransform.getTranslateInstance(Math.cos(t) * rx, -2 + Math.sin(t) * ry));
            fillStroke(g, p, i % 2 == 0 ? ClothesPainter.PETAL : ClothesPainter.PETAL_LIGHT,
                    ClothesPainter.PETAL_LINE, 0.8);
        }
    }

    /** Parts in front of everything (hood, hat, beard, crown, hair flower). */
    static void front(Graphics2D g, Identity id, HeadGeometry h, Direction d) {
        switch (d) {
            case CUTE_FLOWER -> hairFlower(g, h);
            case CUTE_WHITE_SHEEP -> sheepHood(g, id, h);
            case SANTA_CLAUS -> {
                if (id.gender() == Identity.Gender.MAN) {
                    santaBeard(g, id, h);
                }
                santaHat(g, h);
            }
            case GOLDEN_PALACE -> crown(g, h);
            default -> {
            }
        }
    }

    private static void hairFlower(Graphics2D g, HeadGeometry h) {
        double cx = h.a * 0.72;
        double cy = -h.bTop * 0.78;
        for (int i = 0; i < 5; i++) {
            double t = 2 * Math.PI * i / 5 - Math.PI / 2;
            fillStroke(g, circle(cx + Math.cos(t) * 3.4, cy + Math.sin(t) * 3.4, 2.8), ClothesPainter.PETAL_LIGHT,
                    ClothesPainter.PETAL_LINE, 0.6);
        }
        fillStroke(g, circle(cx, cy, 2.2), new Color(0xf7d23e), new Color(0xc49a12), 0.6);
    }

    private static void sheepHood(Graphics2D g, Identity id, HeadGeometry h) {
        // big hair goes inside the hood: the hood grows with the hair volume
        double extra = switch (id.hairStyle()) {
            case AFRO -> 7;
            case CURLY -> 3;
            case BOB, LONG -> 1.5;
            default -> 0;
        };
        double rx = h.a + 10 + extra;
        double ry = (h.bTop + h.bBottom) / 2 + 9 + extra;
        double cy = (h.bBottom - h.bTop) / 2;
        Area opening = new Area(h.face);
        opening.transform(AffineTransform.getScaleInstance(0.93, 0.95));
        opening.transform(AffineTransform.getTranslateInstance(0, 1));
        opening.intersect(new Area(new Rectangle2D.Double(-60, -h.bTop * 0.6, 120, 120)));
        Color earOut = new Color(0x7a6a62);
        Color earIn = new Color(0xeaa4ab);
        for (int side = -1; side <= 1; side += 2) {
            Area ear = new Area(ellipse(0, 0, 8, 3.8));
            ear.transform(AffineTransform.getRotateInstance(side * 0.45));
            ear.transform(AffineTransform.getTranslateInstance(side * (rx + 3), cy - ry * 0.45));
            fillStroke(g, ear, earOut, Palette.shade(earOut, 0.7), 0.7);
            Area inner = new Area(ellipse(0, 0, 5, 1.8));
            inner.transform(AffineTransform.getRotateInstance(side * 0.45));
            inner.transform(AffineTransform.getTranslateInstance(side * (rx + 3.5), cy - ry * 0.45));
            fill(g, inner, earIn);
        }
        int n = 20;
        for (int i = 0; i < n; i++) {
            double t = 2 * Math.PI * i / n;
            Area bump = new Area(circle(Math.cos(t) * rx, cy + Math.sin(t) * ry, 5.6));
            bump.subtract(opening);
            fillStroke(g, bump, ClothesPainter.FUR, ClothesPainter.FUR_LINE, 0.8);
        }
        Area hood = new Area(ellipse(0, cy, rx, ry));
        hood.subtract(opening);
        fill(g, hood, ClothesPainter.FUR);
        for (int i = 0; i < 5; i++) {
            double x = -h.a * 0.8 + i * h.a * 0.4;
            double y = -h.bTop - 2 + Math.abs(i - 2) * 2.2;
            stroke(g, quad(x - 2.5, y, x, y - 3, x + 2.5, y), ClothesPainter.FUR_LINE, 0.8);
        }
        stroke(g, opening, ClothesPainter.FUR_LINE, 0.9);
    }

    private static void santaBeard(Graphics2D g, Identity id, HeadGeometry h) {
        Area beard = new Area();
        int n = 11;
        for (int i = 0; i < n; i++) {
            double t = Math.PI * i / (n - 1);
            double x = Math.cos(t) * (h.a - 0.5);
            double y = h.noseY + Math.sin(t) * (h.bBottom - h.noseY + 4);
            beard.add(new Area(circle(x, y, 5)));
        }
        beard.add(new Area(ellipse(0, h.bBottom - 4, h.a * 0.75, 8)));
        beard.intersect(new Area(new Rectangle2D.Double(-60, h.noseY - 1, 120, 80)));
        beard.subtract(new Area(ellipse(0, h.mouthY + 0.5, MouthPainter.halfWidth(id) + 1.6, 2.9)));
        fillStroke(g, beard, ClothesPainter.FUR, ClothesPainter.FUR_LINE, 0.8);
    }

    private static void santaHat(Graphics2D g, HeadGeometry h) {
        double brimY = -h.bTop * 0.66;
        Path2D.Double cone = new Path2D.Double();
        cone.moveTo(-h.a - 1, brimY);
        cone.curveTo(-h.a * 0.7, -h.bTop - 22, h.a * 0.5, -h.bTop - 24, h.a + 11, -h.bTop - 8);
        cone.curveTo(h.a * 0.6, -h.bTop - 12, h.a * 0.6, -h.bTop, h.a + 1, brimY);
        cone.closePath();
        fillStroke(g, cone, ClothesPainter.SANTA_RED, Palette.shade(ClothesPainter.SANTA_RED, 0.7), 0.9);
        Area brim = new Area(new RoundRectangle2D.Double(-h.a - 3.5, brimY - 4.5, 2 * h.a + 7, 8, 7, 7));
        fillStroke(g, brim, ClothesPainter.FUR, ClothesPainter.FUR_LINE, 0.8);
        fillStroke(g, circle(h.a + 11, -h.bTop - 8, 4.6), ClothesPainter.FUR, ClothesPainter.FUR_LINE, 0.8);
    }

    private static void crown(Graphics2D g, HeadGeometry h) {
        double w = h.a * 0.85;
        double base = -h.bTop * 0.62;
        double top = -h.bTop - 12;
        Path2D.Double c = Draw.polygon(-w, base, -w - 2, top + 2, -w * 0.5, base - 8, 0, top - 2, w * 0.5, base - 8,
                w + 2, top + 2, w, base);
        fillStroke(g, c, ClothesPainter.GOLD, ClothesPainter.GOLD_DARK, 0.9);
        fillStroke(g, new Rectangle2D.Double(-w, base - 4.5, 2 * w, 4.5), new Color(0xf5cd4a),
                ClothesPainter.GOLD_DARK, 0.8);
        fillStroke(g, circle(-w - 2, top + 2, 1.8), ClothesPainter.GOLD, ClothesPainter.GOLD_DARK, 0.6);
        fillStroke(g, circle(0, top - 2, 2.0), ClothesPainter.GOLD, ClothesPainter.GOLD_DARK, 0.6);
        fillStroke(g, circle(w + 2, top + 2, 1.8), ClothesPainter.GOLD, ClothesPainter.GOLD_DARK, 0.6);
        fill(g, circle(0, base - 2.3, 1.7), new Color(0xd21f3c));
        fill(g, circle(-w * 0.55, base - 2.3, 1.3), new Color(0x2f7fd1));
        fill(g, circle(w * 0.55, base - 2.3, 1.3), new Color(0x2fae5b));
    }
}
