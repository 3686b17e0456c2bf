package io.likeness.trainer.studio;

import java.awt.Color;

/** Colours of the studio (flat-illustration palette). */
public final class Palette {

    private Palette() {
    }

    static final Color[] SKIN = {
        new Color(0xffe3cc), new Color(0xf7d1b2), new Color(0xecb690), new Color(0xd99d74),
        new Color(0xc2875f), new Color(0xa26b48), new Color(0x7f5036), new Color(0x5e3b27)};

    static final Color[] HAIR = {
        new Color(0x1f1a18), new Color(0x3e281c), new Color(0x6b4229), new Color(0x8e3a1e),
        new Color(0xc9682b), new Color(0xe0bd62), new Color(0xeee3c6), new Color(0x9d9b99), new Color(0xc2577f)};
    static final String[] HAIR_NAMES = {
        "black", "dark brown", "brown", "auburn", "ginger", "blonde", "platinum", "grey", "pink"};

    static final Color[] EYES = {
        new Color(0x5b3a1e), new Color(0x2c1e16), new Color(0x8a6a2f), new Color(0x4c7f3a),
        new Color(0x3b6fb8), new Color(0x76889a)};
    static final String[] EYE_NAMES = {"brown", "dark", "hazel", "green", "blue", "grey"};

    static final Color[] GLASSES = {
        new Color(0x1d1d1f), new Color(0x6e3b1f), new Color(0xc49a2c), new Color(0xb3242f)};

    static final Color[] CLOTHES = {
        new Color(0x2f5f9e), new Color(0x3f8f6b), new Color(0x8a2f3f), new Color(0x6a4c93),
        new Color(0xe0a030), new Color(0x444a55), new Color(0x2b8fa3), new Color(0xd05f3a),
        new Color(0x8fae3a), new Color(0xe2e2e2)};

    static final Color[] BACKDROPS = {
        new Color(0xbfd7ea), new Color(0xcfe8d3), new Color(0xf2dfb8), new Color(0xe8cde0),
        new Color(0xd6d0ef), new Color(0xf0c9bd), new Color(0xc8e6e6), new Color(0xe6e6d2),
        new Color(0xa9c2d9), new Color(0xd9d9d9)};

    static Color shade(Color c, double f) {
        return new Color(clamp(c.getRed() * f), clamp(c.getGreen() * f), clamp(c.getBlue() * f));
    }

    static Color mix(Color a, Color b, double t) {
        return new Color(clamp(a.getRed() + (b.getRed() - a.getRed()) * t),
                clamp(a.getGreen() + (b.getGreen() - a.getGreen()) * t),
                clamp(a.getBlue() + (b.getBlue() - a.getBlue()) * t));
    }

    static Color alpha(Color c, int alpha) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), alpha);
    }

    private static int clamp(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }
}
