package io.likeness.trainer.studio;

/**
 * How the shot is framed, independent of who is in it: head/body position offset and scale (in units of 1/128 of
 * the canvas), a small head roll, shoulder width and tilt, and the backdrop. The pose map is derived from it.
 *
 * @param dx horizontal offset of the figure, canvas/128 units
 * @param dy vertical offset of the figure, canvas/128 units
 * @param scale figure scale (1 = reference framing)
 * @param rollDegrees head roll about the neck, degrees (positive = clockwise on screen)
 * @param shoulderWidth shoulder width factor
 * @param shoulderTilt shoulder height difference, canvas/128 units (positive = person's left shoulder lower)
 * @param backdropColour index into the backdrop palette
 * @param backdrop backdrop style
 */
public record Pose(double dx, double dy, double scale, double rollDegrees, double shoulderWidth, double shoulderTilt,
                   int backdropColour, Backdrop backdrop) {

    public static final int BACKDROP_COLOURS = 10;

    public enum Backdrop { PLAIN, GRADIENT, HALO }

    /** The reference framing: centred, upright, plain backdrop. */
    public static Pose frontal() {
        return new Pose(0, 0, 1, 0, 1, 0, 0, Backdrop.PLAIN);
    }
}
