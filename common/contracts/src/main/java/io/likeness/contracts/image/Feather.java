package io.likeness.contracts.image;

/**
 * How softly an edit's mask edge blends into the original: a Gaussian of standard deviation
 * {@code sigmaModelPixels} model pixels, i.e. {@code sigmaModelPixels × crop.size / modelSize} output pixels, so
 * the blend looks the same at every input resolution. The kernel is truncated at 3σ, which makes the feathered
 * mask exactly zero beyond that radius.
 *
 * @param sigmaModelPixels standard deviation in model pixels; 0 disables feathering
 */
public record Feather(double sigmaModelPixels) {

    /** One model pixel: hides the upscaled mask's 128-px grid without bleeding the edit far outside it. */
    public static final Feather DEFAULT = new Feather(1.0);
    /** A hard edge (the bilinearly upscaled mask as is). */
    public static final Feather NONE = new Feather(0);

    public Feather {
        if (!(sigmaModelPixels >= 0) || Double.isInfinite(sigmaModelPixels)) {
            throw new IllegalArgumentException("feather sigma must be finite and >= 0: " + sigmaModelPixels);
        }
    }

    /** σ in output pixels for a crop of {@code cropSize} framed to {@code modelSize}. */
    public double sigmaOutputPixels(int cropSize, int modelSize) {
        return sigmaModelPixels * cropSize / modelSize;
    }

    /** The kernel's radius in output pixels ({@code ceil(3σ)}): the feathered mask is 0 farther than this. */
    public int radiusOutputPixels(int cropSize, int modelSize) {
        return (int) Math.ceil(3 * sigmaOutputPixels(cropSize, modelSize));
    }
}
