package io.likeness.trainer.studio;

import io.likeness.mcdm.metrics.Masks;
import java.awt.image.BufferedImage;

/** Exact pairs: x_A (source), x_B (edited), the exact changed-region mask, the pose map and the captions. */
public final class PairRenderer {

    private PairRenderer() {
    }

    /**
     * @param mask {@code mask[y * size + x]} true where x_A and x_B differ in any of R, G, B
     */
    public record Pair(Identity identity, Pose pose, Direction direction, int size, BufferedImage a, BufferedImage b,
                       boolean[] mask, BufferedImage poseMap, PoseKeypoints keypoints, Captions captions) {

        /** White-on-black 8-bit mask image. */
        public BufferedImage maskImage() {
            return Masks.toImage(mask, size, size);
        }

        /** Fraction of pixels that changed. */
        public double maskFraction() {
            return (double) Masks.count(mask) / mask.length;
        }
    }

    public static Pair render(Identity identity, Pose pose, Direction direction, int size) {
        if (direction == Direction.SOURCE) {
            throw new IllegalArgumentException("a pair needs an edit direction, not SOURCE");
        }
        BufferedImage a = PortraitRenderer.render(identity, pose, Direction.SOURCE, size);
        BufferedImage b = PortraitRenderer.render(identity, pose, direction, size);
        boolean[] mask = Masks.difference(a, b);
        PoseKeypoints k = PortraitRenderer.keypoints(identity, pose, size);
        return new Pair(identity, pose, direction, size, a, b, mask, PoseMapRenderer.render(k, size), k,
                Captions.of(identity, direction));
    }
}
