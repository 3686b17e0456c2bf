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
}
