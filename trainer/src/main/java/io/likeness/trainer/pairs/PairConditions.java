package io.likeness.trainer.pairs;

/**
 * Which conditions the pair generator uses (paper Figure 3): the full strategy, or one condition removed to show
 * what it contributes.
 */
public enum PairConditions {
    /** Identity words in every prompt and the pose map on both halves (the paper's strategy). */
    FULL(true, true),
    /** Identity words, no pose map (blank map on both halves). */
    NO_POSE(true, false),
    /** Pose map, prompts without identity words. */
    NO_IDENTITY(false, true);

    private final boolean identity;
    private final boolean pose;

    PairConditions(boolean identity, boolean pose) {
        this.identity = identity;
        this.pose = pose;
    }

    public boolean identity() {
        return identity;
    }

    public boolean pose() {
        return pose;
    }

    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /** The conditions named {@code full}, {@code no-pose} or {@code no-identity}. */
    public static PairConditions of(String id) {
        for (PairConditions c : values()) {
            if (c.id().equals(id)) {
                return c;
            }
        }
        throw new IllegalArgumentException("conditions must be one of full, no-pose, no-identity: " + id);
    }
}
