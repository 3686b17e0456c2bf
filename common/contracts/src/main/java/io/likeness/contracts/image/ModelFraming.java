package io.likeness.contracts.image;

import io.likeness.contracts.events.CropBox;
import java.awt.image.BufferedImage;
import java.util.Objects;

/**
 * Frames an oriented portrait for the square model and maps the model's mask back.
 *
 * <p><b>Framing choice:</b> the largest square centred in the image — the whole image when it is square,
 * otherwise equal margins are dropped on both long sides. Uploads are head-and-shoulders portraits, which apps
 * frame around the face, so the centre square keeps the face and shoulders; nothing is padded (padding would
 * spend model resolution on bars) and nothing is stretched (the aspect ratio of features is preserved). Pixels
 * outside the crop are never edited and are returned unchanged by {@link ResultCompositor}.
 *
 * <p><b>Resampling:</b> reductions use exact area averaging (each model pixel is the mean of the original pixels
 * it covers, fractional coverage weighted), which cannot alias however large the reduction; crops smaller than
 * the model are enlarged with bicubic (Catmull-Rom) interpolation.
 */
public final class ModelFraming {

    /** The MCDM's resolution. */
    public static final int DEFAULT_MODEL_SIZE = 128;

    private ModelFraming() {
    }

    /** The largest centred square of a {@code width × height} image; any odd leftover pixel goes right/bottom. */
    public static CropBox centredSquare(int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("dimensions must be positive: " + width + "x" + height);
        }
        int size = Math.min(width, height);
        return new CropBox((width - size) / 2, (height - size) / 2, size);
    }

    /** {@link #frame(BufferedImage, int)} at {@value #DEFAULT_MODEL_SIZE} px. */
    public static FramedImage frame(BufferedImage image) {
        return frame(image, DEFAULT_MODEL_SIZE);
    }

    /**
     * The centred square of {@code image} (an oriented RGB image as {@link ImageDecoder#decodeOriented} returns)
     * resized to {@code modelSize × modelSize}.
     */
    public static FramedImage frame(BufferedImage image, int modelSize) {
        Objects.requireNonNull(image, "image");
        if (modelSize <= 0) {
            throw new IllegalArgumentException("modelSize must be positive: " + modelSize);
        }
        BufferedImage rgb = Pixels.compactIntRgb(image);
        CropBox crop = centredSquare(rgb.getWidth(), rgb.getHeight());
        Resampling.Axis axis = Resampling.resize(crop.size(), modelSize);
        Resampling.Separable resampled = new Resampling.Separable(
                Resampling.rgbRows(Pixels.data(rgb), rgb.getWidth(), crop.x(), crop.y()), 3, axis, axis);
        BufferedImage out = new BufferedImage(modelSize, modelSize, BufferedImage.TYPE_INT_RGB);
        int[] dst = Pixels.data(out);
        float[] row = new float[modelSize * 3];
        for (int y = 0; y < modelSize; y++) {
            resampled.row(y, row);
            for (int x = 0; x < modelSize; x++) {
                dst[y * modelSize + x] = (Resampling.toByte(row[3 * x]) << 16)
                        | (Resampling.toByte(row[3 * x + 1]) << 8) | Resampling.toByte(row[3 * x + 2]);
            }
        }
        return new FramedImage(out, crop);
    }

    /**
     * The model-resolution soft mask brought back to the original's resolution, exactly as
     * {@link ResultCompositor#composite} will use it: a TYPE_BYTE_GRAY image of {@code width × height} whose
     * value is the quantised blend weight α·255 (0 = original kept byte for byte, 255 = edited). 0 outside the
     * crop. Useful to return or display the mask.
     *
     * @param softMaskModel row-major {@code modelSize²} values in [0, 1] (1 = edit)
     */
    public static BufferedImage unframeMask(float[] softMaskModel, int modelSize, CropBox crop, int width,
            int height, Feather feather) {
        AlphaField alpha = new AlphaField(softMaskModel, modelSize, crop, width, height, feather);
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        int n = crop.size();
        int[] q = new int[n];
        for (int y = 0; y < n; y++) {
            alpha.row(y, q);
            out.getRaster().setSamples(crop.x(), crop.y() + y, n, 1, 0, q);
        }
        return out;
    }
}
