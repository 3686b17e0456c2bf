package io.likeness.trainer.studio;

import java.util.Locale;

/**
 * Who is in the portrait: everything that must stay the same across edits. Sampled from a seed by
 * {@link IdentitySampler}; {@link #key()} is the attribute tuple (without the seed) used for uniqueness and for
 * the identity-based dataset splits.
 */
public record Identity(
        long seed,
        Gender gender,
        FaceShape faceShape,
        int faceWidth,
        int skinTone,
        HairStyle hairStyle,
        int hairColour,
        EyeShape eyeShape,
        int eyeColour,
        Brows brows,
        Nose nose,
        Mouth mouth,
        Glasses glasses,
        int glassesColour,
        FacialHair facialHair,
        Ears ears,
        Marks marks,
        Clothes clothes,
        int clothesColour) {

    public static final int FACE_WIDTHS = 5;
    public static final int SKIN_TONES = 8;
    public static final int HAIR_COLOURS = 9;
    public static final int EYE_COLOURS = 6;
    public static final int GLASSES_COLOURS = 4;
    public static final int CLOTHES_COLOURS = 10;

    public enum Gender {
        MAN("man"), WOMAN("woman");

        private final String word;

        Gender(String word) {
            this.word = word;
        }

        /** [X] of the prompt templates. */
        public String word() {
            return word;
        }
    }

    public enum FaceShape { OVAL, ROUND, SQUARE, HEART, LONG }

    public enum HairStyle { BALD, BUZZ, SHORT, SIDE_PART, CURLY, BOB, LONG, PONYTAIL, BUN, AFRO }

    public enum EyeShape { ROUND, ALMOND, NARROW, WIDE }

    public enum Brows { THIN, THICK, ARCHED, STRAIGHT, BUSHY }

    public enum Nose { BUTTON, POINTED, WIDE, LONG, SMALL }

    public enum Mouth { SMALL, WIDE, FULL, THIN, SMIRK }

    public enum Glasses { NONE, ROUND, RECTANGLE, CAT_EYE }

    public enum FacialHair { NONE, STUBBLE, MOUSTACHE, GOATEE, BEARD }

    public enum Ears { SMALL, LARGE, POINTED, EARRINGS }

    public enum Marks { NONE, FRECKLES, MOLE, BLUSH }

    public enum Clothes { TSHIRT, VNECK, SHIRT, HOODIE, SWEATER }

    public Identity {
        check("faceWidth", faceWidth, FACE_WIDTHS);
        check("skinTone", skinTone, SKIN_TONES);
        check("hairColour", hairColour, HAIR_COLOURS);
        check("eyeColour", eyeColour, EYE_COLOURS);
        check("glassesColour", glassesColour, GLASSES_COLOURS);
        check("clothesColour", clothesColour, CLOTHES_COLOURS);
    }

    private static void check(String name, int value, int count) {
        if (value < 0 || value >= count) {
            throw new IllegalArgumentException(name + " " + value + " not in [0," + count + ")");
        }
    }

    /** The attribute tuple without the seed: two identities with the same key render identically. */
    public String key() {
        return String.join("|", gender.name(), faceShape.name(), "w" + faceWidth, "s" + skinTone,
                hairStyle.name(), "h" + hairColour, eyeShape.name(), "e" + eyeColour, brows.name(), nose.name(),
                mouth.name(), glasses.name(), "g" + glassesColour, facialHair.name(), ears.name(), marks.name(),
                clothes.name(), "c" + clothesColour);
    }

    /** [X]: "man" or "woman". */
    public String genderWord() {
        return gender.word();
    }

    /** A short natural-language description, for richer captions of the pretraining corpus. */
    public String description() {
        StringBuilder b = new StringBuilder("a ").append(genderWord());
        String hair = hairStyle == HairStyle.BALD ? "a bald head"
                : Palette.HAIR_NAMES[hairColour] + " " + hairStyle.name().toLowerCase(Locale.ROOT).replace('_', '-')
                        + " hair";
        b.append(" with ").append(hair);
        b.append(", a ").append(faceShape.name().toLowerCase(Locale.ROOT)).append(" face");
        b.append(", ").append(Palette.EYE_NAMES[eyeColour]).append(" eyes");
        if (glasses != Glasses.NONE) {
            b.append(", ").append(glasses.name().toLowerCase(Locale.ROOT).replace('_', '-')).append(" glasses");
        }
        if (facialHair != FacialHair.NONE) {
            b.append(", a ").append(facialHair.name().toLowerCase(Locale.ROOT));
        }
        return b.toString();
    }
}
