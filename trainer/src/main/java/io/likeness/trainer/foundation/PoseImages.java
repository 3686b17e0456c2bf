package io.likeness.trainer.foundation;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.likeness.trainer.train.Batches;
import java.awt.image.BufferedImage;
import java.util.List;

/** Pose maps as the pose branch reads them: [−1, 1] RGB; a dropped pose is an all-black map (−1). */
public final class PoseImages {

    private PoseImages() {
    }

    public static NDArray batch(NDManager m, List<BufferedImage> poses, boolean[] blank) {
        NDArray x = Batches.images(m, poses);
        if (blank == null) {
            return x;
        }
        float[] keep = new float[blank.length];
        for (int i = 0; i < blank.length; i++) {
            keep[i] = blank[i] ? 0f : 1f;
        }
        NDArray k = m.create(keep, new ai.djl.ndarray.types.Shape(blank.length, 1, 1, 1));
        // x·k + (−1)·(1 − k)
        return x.mul(k).add(k.sub(1f));
    }

    /**
     * A copy of {@code image} with the pose map's limbs drawn over it (the map's non-black pixels, 75 % opaque),
     * so a reader sees at once whether the figure stands where the pose map says.
     */
    public static BufferedImage overlay(BufferedImage image, BufferedImage map) {
        int w = image.getWidth();
        int h = image.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int base = image.getRGB(x, y);
                int limb = map.getRGB(x * map.getWidth() / w, y * map.getHeight() / h);
                if ((limb & 0xFFFFFF) == 0) {
                    out.setRGB(x, y, base);
                    continue;
                }
                int rgb = 0;
                for (int shift = 0; shift <= 16; shift += 8) {
                    int c = (int) Math.round(0.25 * ((base >> shift) & 0xFF) + 0.75 * ((limb >> shift) & 0xFF));
                    rgb |= c << shift;
                }
                out.setRGB(x, y, rgb);
            }
        }
        return out;
    }
}
