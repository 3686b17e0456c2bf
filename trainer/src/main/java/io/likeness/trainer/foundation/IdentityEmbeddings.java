package io.likeness.trainer.foundation;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.likeness.mcdm.nn.clip.ClipVisionModel;
import io.likeness.mcdm.nn.identity.IdentityMapper;
import io.likeness.trainer.train.Batches;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Identity words of portraits, flattened and unit-normalised, so the dot product of two is their cosine: the
 * identity judge of the mapper's validation, of pair quality and of the MCDM evaluation.
 */
public final class IdentityEmbeddings {

    private IdentityEmbeddings() {
    }

    /** One unit vector per image, computed in chunks of 32 on sub-managers of {@code manager}. */
    public static float[][] of(List<BufferedImage> images, ClipVisionModel vision, IdentityMapper mapper,
                               NDManager manager) {
        float[][] out = new float[images.size()][];
        for (int i = 0; i < images.size(); i += 32) {
            try (NDManager m = manager.newSubManager()) {
                NDArray x = Batches.images(m, images.subList(i, Math.min(images.size(), i + 32)));
                NDArray w = mapper.forward(vision.hiddenStates(x));
                NDArray f = ClipStage.normalize(w.reshape(w.getShape().get(0), -1));
                for (int k = 0; k < f.getShape().get(0); k++) {
                    out[i + k] = f.get(k).toFloatArray();
                }
            }
        }
        return out;
    }

    public static double cosine(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
