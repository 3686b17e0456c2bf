package io.likeness.mcdm.edit;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.awt.image.BufferedImage;

/** Conversions between 8-bit RGB images and float32 (1, 3, H, W) tensors in [-1, 1]. */
public final class ImageTensors {

    private ImageTensors() {
    }

    /** x = v/255·2 − 1 per channel. */
    public static NDArray toTensor(NDManager manager, BufferedImage image) {
        int h = image.getHeight();
        int w = image.getWidth();
        int[] rgb = image.getRGB(0, 0, w, h, null, 0, w);
        float[] data = new float[3 * h * w];
        int plane = h * w;
        for (int i = 0; i < plane; i++) {
            int p = rgb[i];
            data[i] = ((p >> 16) & 0xff) / 127.5f - 1f;
            data[plane + i] = ((p >> 8) & 0xff) / 127.5f - 1f;
            data[2 * plane + i] = (p & 0xff) / 127.5f - 1f;
        }
        return manager.create(data, new Shape(1, 3, h, w));
    }

    /** v = round((x + 1)/2·255), clamped to [0, 255]; the first item of the batch. */
    public static BufferedImage toImage(NDArray tensor) {
        long[] s = tensor.getShape().getShape();
        int h = (int) s[2];
        int w = (int) s[3];
        float[] data = tensor.toType(DataType.FLOAT32, false).toFloatArray();
        int plane = h * w;
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int[] rgb = new int[plane];
        for (int i = 0; i < plane; i++) {
            rgb[i] = (to8(data[i]) << 16) | (to8(data[plane + i]) << 8) | to8(data[2 * plane + i]);
        }
        out.setRGB(0, 0, w, h, rgb, 0, w);
        return out;
    }

    /** A constant image tensor (1, 3, H, W), e.g. −1 = black, 0 = mid-grey. */
    public static NDArray constant(NDManager manager, int height, int width, float value) {
        return manager.full(new Shape(1, 3, height, width), value, DataType.FLOAT32);
    }

    private static int to8(float x) {
        float v = Math.round((x + 1f) * 127.5f);
        return (int) Math.max(0, Math.min(255, Float.isNaN(v) ? 0 : v));
    }
}
