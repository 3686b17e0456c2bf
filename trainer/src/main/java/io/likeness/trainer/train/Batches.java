package io.likeness.trainer.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.likeness.mcdm.edit.ImageTensors;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/** Images ↔ batched tensors in [−1, 1], and picture grids. */
public final class Batches {

    private Batches() {
    }

    /** (B, 3, h, w) from the {@code h×w} windows at (x[i], y[i]) of each image (pass null offsets for whole images). */
    public static NDArray images(NDManager manager, List<BufferedImage> images, int[] x, int[] y, int h, int w) {
        float[] data = new float[images.size() * 3 * h * w];
        int plane = h * w;
        int[] rgb = new int[plane];
        for (int b = 0; b < images.size(); b++) {
            BufferedImage img = images.get(b);
            img.getRGB(x == null ? 0 : x[b], y == null ? 0 : y[b], w, h, rgb, 0, w);
            int base = b * 3 * plane;
            for (int i = 0; i < plane; i++) {
                int p = rgb[i];
                data[base + i] = ((p >> 16) & 0xff) / 127.5f - 1f;
                data[base + plane + i] = ((p >> 8) & 0xff) / 127.5f - 1f;
                data[base + 2 * plane + i] = (p & 0xff) / 127.5f - 1f;
            }
        }
        return manager.create(data, new Shape(images.size(), 3, h, w));
    }

    /** Whole images (all the same size) as (B, 3, H, W). */
    public static NDArray images(NDManager manager, List<BufferedImage> images) {
        BufferedImage first = images.get(0);
        return images(manager, images, null, null, first.getHeight(), first.getWidth());
    }

    /** Each item of a (B, 3, H, W) batch as an image. */
    public static List<BufferedImage> toImages(NDArray batch) {
        List<BufferedImage> out = new ArrayList<>();
        long n = batch.getShape().get(0);
        try (NDManager tmp = batch.getManager().newSubManager()) {
            NDArray f = batch.toType(DataType.FLOAT32, true);
            f.attach(tmp);
            for (long i = 0; i < n; i++) {
                NDArray one = f.get(i).expandDims(0);
                one.attach(tmp);
                out.add(ImageTensors.toImage(one));
            }
        }
        return out;
    }

    /** A grid of cells (rows × columns, row-major, null = blank) with a 2-px white gutter, written as PNG. */
    public static void writeGrid(Path png, List<List<BufferedImage>> rows) throws IOException {
        int cw = 0;
        int ch = 0;
        int cols = 0;
        for (List<BufferedImage> r : rows) {
            cols = Math.max(cols, r.size());
            for (BufferedImage c : r) {
                if (c != null) {
                    cw = Math.max(cw, c.getWidth());
                    ch = Math.max(ch, c.getHeight());
                }
            }
        }
        int gap = 2;
        BufferedImage sheet = new BufferedImage(cols * (cw + gap) + gap, rows.size() * (ch + gap) + gap,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = sheet.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, sheet.getWidth(), sheet.getHeight());
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < rows.get(r).size(); c++) {
                BufferedImage img = rows.get(r).get(c);
                if (img != null) {
                    g.drawImage(img, gap + c * (cw + gap), gap + r * (ch + gap), null);
                }
            }
        }
        g.dispose();
        Files.createDirectories(png.toAbsolutePath().getParent());
        ImageIO.write(sheet, "png", png.toFile());
    }
}
