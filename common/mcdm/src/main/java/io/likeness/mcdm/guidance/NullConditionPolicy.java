package io.likeness.mcdm.guidance;

/**
 * Which "null" values stand for a dropped condition (ALGORITHMS.md §5.3). The released training and inference code
 * disagree; the weights of the released checkpoint expect {@link #INFERENCE}.
 */
public enum NullConditionPolicy {
    /**
     * Released pipeline: null c_s = zeros; null c_im = Adapter(CLIP(black image), VAE(black image)); null text = "".
     */
    INFERENCE,
    /**
     * Released dataset (training dropout): null c_s = VAE latent of a mid-grey image (0 in [-1, 1]);
     * null c_im = Adapter(CLIP(black image), VAE(mid-grey image)); null text = "".
     */
    TRAINING
}
