package io.likeness.trainer.pairs;

import java.awt.image.BufferedImage;
import java.util.List;

/**
 * What generates the two halves of pairs: the base model through Eq. 2 ({@link PairSynthesizer}) in production; a
 * fake in unit tests of the dataset writer.
 */
public interface PairSource {

    /** The generated (x_A, x_B) of one pair. */
    record Generated(BufferedImage a, BufferedImage b) {
    }

    /** Version of the model that generates (recorded with every pair and in the resume journal). */
    String baseVersion();

    /**
     * Classifier-free guidance scale on each term of Eq. 2 (recorded with every pair and in the resume journal): the
     * paper's 7.5, or lower for a small base whose text-only samples 7.5 pushes into saturated colour.
     */
    double guidance();

    /** Generates the pairs of {@code specs} together (one batch); the result is in the order of {@code specs}. */
    List<Generated> generate(List<PairSpec> specs, PairConditions conditions);
}
