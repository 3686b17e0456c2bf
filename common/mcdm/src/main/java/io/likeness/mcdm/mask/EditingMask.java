package io.likeness.mcdm.mask;

/**
 * The editing mask M of one image and prompt pair: soft (normalised, blurred) and binary (soft &gt; λ) maps at latent
 * resolution (what the mask-guided noise uses) and bilinearly upsampled to image resolution (for display and
 * storage; the binary image mask thresholds the upsampled soft map).
 */
public record EditingMask(MaskMap softLatent, MaskMap binaryLatent, MaskMap softImage, MaskMap binaryImage,
        double threshold) {

    /** Builds all four maps from a soft latent map. */
    public static EditingMask fromSoft(MaskMap softLatent, double threshold, int imageHeight, int imageWidth) {
        MaskMap softImage = softLatent.resize(imageHeight, imageWidth);
        return new EditingMask(softLatent, softLatent.threshold(threshold), softImage, softImage.threshold(threshold),
                threshold);
    }

    /** A caller-provided binary (or soft) mask at any resolution, resampled to latent and image resolution. */
    public static EditingMask provided(MaskMap mask, int latentHeight, int latentWidth, int imageHeight,
            int imageWidth) {
        MaskMap latent = mask.resize(latentHeight, latentWidth);
        MaskMap image = mask.resize(imageHeight, imageWidth);
        return new EditingMask(latent, latent.threshold(0.5), image, image.threshold(0.5), 0.5);
    }
}
