package io.likeness.trainer.dataset;

import io.likeness.trainer.studio.Identity;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Train / validation / test splits by identity: the split is a pure function of the identity's attribute tuple
 * ({@link Identity#key()}), so an identity (and any other seed that happens to render the same person) is in
 * exactly one split in every dataset the studio makes. Fractions are fixed (90 / 5 / 5) so that datasets rendered
 * at different times stay disjoint.
 */
public enum Split {
    TRAIN, VALIDATION, TEST;

    public static final double TRAIN_FRACTION = 0.90;
    public static final double VALIDATION_FRACTION = 0.05;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Split byId(String id) {
        for (Split s : values()) {
            if (s.id().equals(id.trim().toLowerCase(Locale.ROOT))) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown split '" + id + "'; use train, validation or test");
    }

    /** The split an identity belongs to. */
    public static Split of(Identity identity) {
        double u = unit(identity.key());
        if (u < TRAIN_FRACTION) {
            return TRAIN;
        }
        if (u < TRAIN_FRACTION + VALIDATION_FRACTION) {
            return VALIDATION;
        }
        return TEST;
    }

    /** A uniform number in [0, 1) from a 64-bit FNV-1a hash of the key, finalised with SplitMix64. */
    static double unit(String key) {
        long h = 0xcbf29ce484222325L;
        for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
            h ^= (b & 0xff);
            h *= 0x100000001b3L;
        }
        h = io.likeness.trainer.studio.Seeds.mix(h);
        return (h >>> 11) * 0x1.0p-53;
    }
}
