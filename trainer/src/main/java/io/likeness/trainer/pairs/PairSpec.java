package io.likeness.trainer.pairs;

import java.awt.image.BufferedImage;

/**
 * What to generate for one pair: the identity reference (a held-out render of the person), the pose map of the
 * shot, the subject word ([X]), the source and target descriptions ([Y], [Z]) and the seed of its noise.
 */
public record PairSpec(BufferedImage reference, BufferedImage poseMap, String subject, String source, String target,
                       long seed) {

    /** p: the whole-canvas prompt. */
    public String jointPrompt() {
        return "the same " + subject + " on the left and right";
    }

    /** p_a = "a [X], [Y]". */
    public String sourcePrompt() {
        return "a " + subject + ", " + source;
    }

    /** p_b = "a [X], [Z]". */
    public String targetPrompt() {
        return "a " + subject + ", " + target;
    }
}
