package io.likeness.trainer.studio;

import java.awt.geom.Path2D;

/**
 * Face geometry of an identity in head coordinates (origin at the face centre, y down, canvas/128 units at scale 1):
 * the face outline and the anchor points the painters share.
 */
final class HeadGeometry {

    final double a;       // half width of the face
    final double bTop;    // forehead height above the centre
    final double bBottom; // chin depth below the centre
    final Path2D.Double face;
    final double eyeX;
    final double eyeY;
    final double browY;
    final double noseY;
    final double mouthY;
    final double earY;

    HeadGeometry(Identity id) {
        double wf = 0.92 + 0.04 * id.faceWidth();
        double nTop;
        double nBottom;
        double taper;
        double a0;
        switch (id.faceShape()) {
            case ROUND -> { a0 = 22; bTop = 22.5; bBottom = 23.5; nTop = 2.0; nBottom = 2.1; taper = 0.0; }
            case SQUARE -> { a0 = 20.5; bTop = 23; bBottom = 25; nTop = 2.6; nBottom = 3.8; taper = 0.1; }
            case HEART -> { a0 = 21.5; bTop = 23; bBottom = 26.5; nTop = 2.3; nBottom = 1.7; taper = 0.3; }
            case LONG -> { a0 = 18.5; bTop = 25.5; bBottom = 28.5; nTop = 2.2; nBottom = 2.4; taper = 0.12; }
            default -> { a0 = 20; bTop = 24; bBottom = 26.5; nTop = 2.0; nBottom = 2.0; taper = 0.12; }
        }
        a = a0 * wf;
        face = new Path2D.Double();
        int n = 96;
        for (int i = 0; i < n; i++) {
            double t = 2 * Math.PI * i / n;
            double c = Math.cos(t);
            double s = Math.sin(t);
            boolean bottom = s > 0;
            double e = 2.0 / (bottom ? nBottom : nTop);
            double x = a * Math.signum(c) * Math.pow(Math.abs(c), e);
            double y = (bottom ? bBottom : bTop) * Math.signum(s) * Math.pow(Math.abs(s), e);
            if (bottom) {
                double f = y / bBottom;
                x *= 1 - taper * f * f;
            }
            if (i == 0) {
                face.moveTo(x, y);
            } else {
                face.lineTo(x, y);
            }
        }
        face.closePath();
        eyeX = 8.6 * wf + (a0 - 20) * 0.15;
        eyeY = 0;
        browY = -7.2;
        noseY = 8;
        mouthY = 8 + 0.33 * bBottom;
        earY = 1;
    }
}
