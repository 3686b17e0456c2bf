package io.likeness.trainer.studio;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;

/** Small drawing helpers shared by the painters. */
final class Draw {

    private Draw() {
    }

    static void fill(Graphics2D g, Shape s, Color c) {
        g.setColor(c);
        g.fill(s);
    }

    static void stroke(Graphics2D g, Shape s, Color c, double width) {
        g.setColor(c);
        g.setStroke(new BasicStroke((float) width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(s);
    }

    static void fillStroke(Graphics2D g, Shape s, Color fill, Color line, double width) {
        fill(g, s, fill);
        stroke(g, s, line, width);
    }

    static Ellipse2D.Double ellipse(double cx, double cy, double rx, double ry) {
        return new Ellipse2D.Double(cx - rx, cy - ry, 2 * rx, 2 * ry);
    }

    static Ellipse2D.Double circle(double cx, double cy, double r) {
        return ellipse(cx, cy, r, r);
    }

    /** Quadratic curve from (x0,y0) to (x1,y1) through control (cx,cy). */
    static Path2D.Double quad(double x0, double y0, double cx, double cy, double x1, double y1) {
        Path2D.Double p = new Path2D.Double();
        p.moveTo(x0, y0);
        p.quadTo(cx, cy, x1, y1);
        return p;
    }

    static Path2D.Double polygon(double... xy) {
        Path2D.Double p = new Path2D.Double();
        p.moveTo(xy[0], xy[1]);
        for (int i = 2; i < xy.length; i += 2) {
            p.lineTo(xy[i], xy[i + 1]);
        }
        p.closePath();
        return p;
    }
}
