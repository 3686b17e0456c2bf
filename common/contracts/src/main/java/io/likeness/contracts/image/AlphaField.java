package io.likeness.contracts.image;

import io.likeness.contracts.events.CropBox;
import java.util.Objects;

/**
 * The blend weight over a crop box, quantised to 0..255: the model-resolution mask enlarged bilinearly to the
 * crop, feathered with a truncated Gaussian ({@link Feather}), and faded to 0 over one feather radius towards any
 * crop edge that lies inside the image (so an edit never ends in a hard seam where the crop cuts through the
 * picture; crop edges on the image border are not faded). Enlarging, blur and fade are all separable, so rows are
 * produced from a {@code modelSize × cropSize} intermediate without a full-resolution float plane.
 */
final class AlphaField {

    private final Resampling.Separable field;
    private final float[] row;

    AlphaField(float[] softMaskModel, int modelSize, CropBox crop, int imageWidth, int imageHeight,
            Feather feather) {
        Objects.requireNonNull(softMaskModel, "softMaskModel");
        Objects.requireNonNull(crop, "crop");
        Objects.requireNonNull(feather, "feather");
        checkCrop(crop, imageWidth, imageHeight);
        if (modelSize <= 0 || softMaskModel.length != modelSize * modelSize) {
            throw new IllegalArgumentException("mask has " + softMaskModel.length + " values; expected "
                    + modelSize + "² = " + (long) modelSize * modelSize);
        }
        float[] mask = new float[softMaskModel.length];
        for (int i = 0; i < mask.length; i++) {
            float v = softMaskModel[i];
            mask[i] = v > 0 ? Math.min(v, 1f) : 0f; // NaN and negatives count as "keep"
        }
        int n = crop.size();
        double sigma = feather.sigmaOutputPixels(n, modelSize);
        Resampling.Axis up = Resampling.bilinear(modelSize, n);
        Resampling.Axis ax = Resampling.blurred(up, sigma, crop.x() > 0, crop.x() + n < imageWidth);
        Resampling.Axis ay = Resampling.blurred(up, sigma, crop.y() > 0, crop.y() + n < imageHeight);
        field = new Resampling.Separable((y, out) -> System.arraycopy(mask, y * modelSize, out, 0, modelSize), 1,
                ax, ay);
        row = new float[n];
    }

    /** Quantised α·255 for crop row {@code y} (relative to the crop) into {@code out} (crop.size values). */
    void row(int y, int[] out) {
        field.row(y, row);
        for (int x = 0; x < row.length; x++) {
            float a = row[x];
            out[x] = a <= 0 ? 0 : a >= 1 ? 255 : (int) (a * 255f + 0.5f);
        }
    }

    static void checkCrop(CropBox crop, int imageWidth, int imageHeight) {
        if (crop.size() <= 0 || crop.x() < 0 || crop.y() < 0 || (long) crop.x() + crop.size() > imageWidth
                || (long) crop.y() + crop.size() > imageHeight) {
            throw new IllegalArgumentException("crop " + crop + " is not inside the " + imageWidth + "x"
                    + imageHeight + " image");
        }
    }
}
