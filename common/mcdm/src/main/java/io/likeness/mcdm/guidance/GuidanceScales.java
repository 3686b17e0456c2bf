package io.likeness.mcdm.guidance;

/**
 * The three MCDM guidance scales in paper order: s1 for the image embedding c_im, s2 for the spatial condition c_s,
 * s3 for the text prompt c_p.
 */
public record GuidanceScales(double image, double spatial, double text) {

    /** The paper's (3, 3, 5). */
    public static GuidanceScales paper() {
        return new GuidanceScales(3, 3, 5);
    }

    /** The released {@code demo.py} defaults (3, 2, 4). */
    public static GuidanceScales releasedDemo() {
        return new GuidanceScales(3, 2, 4);
    }

    public NestedGuidance nested() {
        return new NestedGuidance(image, spatial, text);
    }
}
