package io.likeness.trainer.studio;

import io.likeness.trainer.studio.Identity.Brows;
import io.likeness.trainer.studio.Identity.Clothes;
import io.likeness.trainer.studio.Identity.Ears;
import io.likeness.trainer.studio.Identity.EyeShape;
import io.likeness.trainer.studio.Identity.FaceShape;
import io.likeness.trainer.studio.Identity.FacialHair;
import io.likeness.trainer.studio.Identity.Gender;
import io.likeness.trainer.studio.Identity.Glasses;
import io.likeness.trainer.studio.Identity.HairStyle;
import io.likeness.trainer.studio.Identity.Marks;
import io.likeness.trainer.studio.Identity.Mouth;
import io.likeness.trainer.studio.Identity.Nose;
import java.util.SplittableRandom;

/** Deterministic identities from seeds: the same seed gives the same identity on every JVM. */
public final class IdentitySampler {

    private static final HairStyle[] MEN_HAIR = {HairStyle.BALD, HairStyle.BUZZ, HairStyle.SHORT, HairStyle.SHORT,
        HairStyle.SIDE_PART, HairStyle.SIDE_PART, HairStyle.CURLY, HairStyle.AFRO, HairStyle.LONG, HairStyle.BOB};
    private static final HairStyle[] WOMEN_HAIR = {HairStyle.LONG, HairStyle.LONG, HairStyle.BOB, HairStyle.BOB,
        HairStyle.PONYTAIL, HairStyle.BUN, HairStyle.CURLY, HairStyle.AFRO, HairStyle.SIDE_PART, HairStyle.SHORT};

    private IdentitySampler() {
    }

    /** The identity for a seed. */
    public static Identity sample(long seed) {
        SplittableRandom r = new SplittableRandom(Seeds.mix(seed, 0x1D_E47L));
        Gender gender = r.nextBoolean() ? Gender.MAN : Gender.WOMAN;
        FaceShape face = pick(r, FaceShape.values());
        int width = r.nextInt(Identity.FACE_WIDTHS);
        int skin = r.nextInt(Identity.SKIN_TONES);
        HairStyle hair = (gender == Gender.MAN ? MEN_HAIR : WOMEN_HAIR)[r.nextInt(10)];
        int hairColour = r.nextInt(Identity.HAIR_COLOURS);
        EyeShape eye = pick(r, EyeShape.values());
        int eyeColour = r.nextInt(Identity.EYE_COLOURS);
        Brows brows = pick(r, Brows.values());
        Nose nose = pick(r, Nose.values());
        Mouth mouth = pick(r, Mouth.values());
        Glasses glasses = r.nextDouble() < 0.6 ? Glasses.NONE : pick(r, Glasses.values(), 1);
        int glassesColour = r.nextInt(Identity.GLASSES_COLOURS);
        FacialHair facialHair = gender == Gender.MAN && r.nextDouble() < 0.5
                ? pick(r, FacialHair.values(), 1) : FacialHair.NONE;
        Ears ears = pick(r, Ears.values());
        Marks marks = r.nextDouble() < 0.5 ? Marks.NONE : pick(r, Marks.values(), 1);
        Clothes clothes = pick(r, Clothes.values());
        int clothesColour = r.nextInt(Identity.CLOTHES_COLOURS);
        return new Identity(seed, gender, face, width, skin, hair, hairColour, eye, eyeColour, brows, nose, mouth,
                glasses, glassesColour, facialHair, ears, marks, clothes, clothesColour);
    }

    private static <T> T pick(SplittableRandom r, T[] values) {
        return values[r.nextInt(values.length)];
    }

    private static <T> T pick(SplittableRandom r, T[] values, int from) {
        return values[from + r.nextInt(values.length - from)];
    }
}
