package io.likeness.contracts.image;

import io.likeness.contracts.events.CropBox;
import java.awt.image.BufferedImage;
import java.util.Objects;

/**
 * Puts a model-resolution edit back into the full-resolution original.
 *
 * <p>The edited square is enlarged to the crop size with bicubic (Catmull-Rom) interpolation; the soft mask is
 * enlarged bilinearly (no overshoot), feathered with a Gaussian whose σ scales with {@code crop.size /
 * modelSize} ({@link Feather}) and faded towards crop edges inside the image; the blend weight α is quantised to
 * {@code q = round(α·255)} and each channel is {@code (orig·(255−q) + edited·q) / 255}, rounded.
 *
 * <p><b>Guarantee:</b> every pixel whose quantised α is 0 — in particular every pixel outside the crop box and
 * every pixel farther than {@code max(1, crop.size / modelSize) + feather radius} output pixels from any model pixel
 * with a non-zero mask value — is byte-identical to the original; pixels with q = 255 are exactly the enlarged
 * edit. {@link ModelFraming#unframeMask} returns the same q values as an image.
 */
public final class ResultCompositor {

    private ResultCompositor() {
    }

    /**
     * @param original         the oriented original ({@link ImageDecoder#decodeOriented}); other types are
     *                         converted to RGB first
     * @param editedModelImage the model's output, {@code modelSize × modelSize}
     * @param softMaskModel    row-major {@code modelSize²} mask values in [0, 1], 1 = take the edit
     * @param crop             the crop the model input was taken from ({@link FramedImage#crop()})
     * @param feather          edge softness; {@link Feather#DEFAULT} unless configured
     * @return a new TYPE_INT_RGB image of the original's size
     */
    public static BufferedImage composite(BufferedImage original, BufferedImage editedModelImage,
            float[] softMaskModel, CropBox crop, Feather feather) {
        Objects.requireNonNull(original, "original");
        int modelSize = checkEdited(editedModelImage);
        AlphaField alpha = new AlphaField(softMaskModel, modelSize, crop, original.getWidth(),
                original.getHeight(), feather);
        return blend(original, editedModelImage, crop, alpha);
    }

    /**
     * Mask mode NONE: the whole crop box is replaced by the enlarged edit (α = 1 inside, 0 outside, no feather;
     * where the crop box does not cover the whole image its edges are hard).
     */
    public static BufferedImage compositeUnmasked(BufferedImage original, BufferedImage editedModelImage,
            CropBox crop) {
        Objects.requireNonNull(original, "original");
        checkEdited(editedModelImage);
        AlphaField.checkCrop(crop, original.getWidth(), original.getHeight());
        return blend(original, editedModelImage, crop, null);
    }

    private static int checkEdited(BufferedImage edited) {
        Objects.requireNonNull(edited, "editedModelImage");
        if (edited.getWidth() != edited.getHeight()) {
            throw new IllegalArgumentException("the edited model image must be square, got " + edited.getWidth()
                    + "x" + edited.getHeight());
        }
        return edited.getWidth();
    }

    private static BufferedImage blend(BufferedImage original, BufferedImage edited, CropBox crop,
            AlphaField alpha) {
        BufferedImage orig = Pixels.compactIntRgb(original);
        int width = orig.getWidth();
        BufferedImage out = new BufferedImage(width, orig.getHeight(), BufferedImage.TYPE_INT_RGB);
        int[] dst = Pixels.data(out);
        System.arraycopy(Pixels.data(orig), 0, dst, 0, dst.length);

        BufferedImage e = Pixels.compactIntRgb(edited);
        int m = e.getWidth();
        int n = crop.size();
        Resampling.Axis axis = Resampling.bicubic(m, n);
        Resampling.Separable up = new Resampling.Separable(Resampling.rgbRows(Pixels.data(e), m, 0, 0), 3, axis,
                axis);
        int[] q = new int[n];
        if (alpha == null) {
            java.util.Arrays.fill(q, 255);
        }
        float[] row = new float[n * 3];
        for (int y = 0; y < n; y++) {
            if (alpha != null) {
                alpha.row(y, q);
                if (allZero(q)) {
                    continue;
                }
            }
            up.row(y, row);
            int base = (crop.y() + y) * width + crop.x();
            for (int x = 0; x < n; x++) {
                int a = q[x];
                if (a == 0) {
                    continue;
                }
                int er = Resampling.toByte(row[3 * x]);
                int eg = Resampling.toByte(row[3 * x + 1]);
                int eb = Resampling.toByte(row[3 * x + 2]);
                if (a == 255) {
                    dst[base + x] = (er << 16) | (eg << 8) | eb;
                } else {
                    int o = dst[base + x];
                    int r = mix((o >> 16) & 0xFF, er, a);
                    int g = mix((o >> 8) & 0xFF, eg, a);
                    int b = mix(o & 0xFF, eb, a);
                    dst[base + x] = (r << 16) | (g << 8) | b;
                }
            }
        }
        return out;
    }

    private static int mix(int orig, int edited, int a) {
        return (orig * (255 - a) + edited * a + 127) / 255;
    }

    private static boolean allZero(int[] q) {
        for (int v : q) {
            if (v != 0) {
                return false;
            }
        }
        return true;
    }
}
