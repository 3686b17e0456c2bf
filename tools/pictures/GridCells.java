import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Cuts and measures the cells of the trainer's sample grids and contact sheets (128-px pictures on a 130-px pitch),
 * to make the comparison pictures under docs/training/. A single-file program, run with the JDK alone:
 *
 * <pre>
 * java tools/pictures/GridCells.java rows  OUT.png GRID.png:ROW ...          # whole rows of grids, stacked
 * java tools/pictures/GridCells.java cells OUT.png SCALE GRID.png:ROW:COL ... # single cells in one row, scaled
 * java tools/pictures/GridCells.java stack OUT.png IN.png ...                # pictures one under the other
 * java tools/pictures/GridCells.java tone  COLS GRID.png ...                 # lower-face luma of cells COLS (e.g. 2,3,8,9)
 * java tools/pictures/GridCells.java tone-rows COLS SHEET.png                # the same, each row's values (contact sheets)
 * </pre>
 *
 * {@code tone} measures, per grid row (the base sample grid's eight directions), the mean Rec. 601 luma of the box
 * x 52–77, y 70–87 of each listed cell (mouth and chin of a frontal face) and counts the boxes darker than 110.
 * It is a coarse reading of skin tone, confounded by beards, open mouths and costumes that cover the chin.
 */
public final class GridCells {
    static final int PITCH = 130;
    static final int CELL = 128;
    static final String[] DIRECTIONS = {"flower", "sheep", "santa", "king", "angry", "shocked", "laughing", "crying"};

    public static void main(String[] a) throws IOException {
        if (a.length < 3) {
            System.err.println("usage: rows|cells|stack|tone … (see the class comment)");
            System.exit(2);
        }
        switch (a[0]) {
            case "rows" -> write(a[1], stack(rows(List.of(a).subList(2, a.length))));
            case "cells" -> write(a[1], cells(Double.parseDouble(a[2]), List.of(a).subList(3, a.length)));
            case "stack" -> {
                List<BufferedImage> in = new ArrayList<>();
                for (String f : List.of(a).subList(2, a.length)) {
                    in.add(ImageIO.read(new File(f)));
                }
                write(a[1], stack(in));
            }
            case "tone" -> tone(a[1], List.of(a).subList(2, a.length));
            case "tone-rows" -> toneRows(a[1], a[2]);
            default -> {
                System.err.println("unknown command " + a[0]);
                System.exit(2);
            }
        }
    }

    static List<BufferedImage> rows(List<String> specs) throws IOException {
        List<BufferedImage> out = new ArrayList<>();
        for (String spec : specs) {
            String[] p = spec.split(":");
            BufferedImage in = ImageIO.read(new File(p[0]));
            out.add(in.getSubimage(0, Integer.parseInt(p[1]) * PITCH, in.getWidth(), PITCH));
        }
        return out;
    }

    static BufferedImage cells(double scale, List<String> specs) throws IOException {
        int side = (int) Math.round(CELL * scale);
        BufferedImage out = new BufferedImage(specs.size() * (side + 2) - 2, side, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = white(out);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
        for (int i = 0; i < specs.size(); i++) {
            String[] p = specs.get(i).split(":");
            BufferedImage in = ImageIO.read(new File(p[0]));
            int r = Integer.parseInt(p[1]);
            int c = Integer.parseInt(p[2]);
            g.drawImage(in.getSubimage(c * PITCH + 2, r * PITCH + 2, CELL, CELL), i * (side + 2), 0, side, side, null);
        }
        g.dispose();
        return out;
    }

    static BufferedImage stack(List<BufferedImage> in) {
        int w = in.stream().mapToInt(BufferedImage::getWidth).max().orElse(1);
        int h = in.stream().mapToInt(b -> b.getHeight() + 2).sum() - 2;
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = white(out);
        int y = 0;
        for (BufferedImage b : in) {
            g.drawImage(b, 0, y, null);
            y += b.getHeight() + 2;
        }
        g.dispose();
        return out;
    }

    static void tone(String colList, List<String> grids) throws IOException {
        String[] cs = colList.split(",");
        int rows = DIRECTIONS.length;
        double[] sum = new double[rows];
        int[] n = new int[rows];
        int[] dark = new int[rows];
        for (String f : grids) {
            BufferedImage im = ImageIO.read(new File(f));
            for (int r = 0; r < Math.min(rows, im.getHeight() / PITCH); r++) {
                for (String col : cs) {
                    double l = lowerFaceLuma(im, r, Integer.parseInt(col.trim()));
                    sum[r] += l;
                    n[r]++;
                    dark[r] += l < 110 ? 1 : 0;
                }
            }
        }
        for (int r = 0; r < rows; r++) {
            if (n[r] > 0) {
                System.out.printf(Locale.ROOT, "%-9s lower-face luma %.0f, dark %d of %d%n", DIRECTIONS[r],
                        sum[r] / n[r], dark[r], n[r]);
            }
        }
    }

    static void toneRows(String colList, String sheet) throws IOException {
        BufferedImage im = ImageIO.read(new File(sheet));
        int dark = 0;
        int n = 0;
        for (int r = 0; r < im.getHeight() / PITCH; r++) {
            StringBuilder line = new StringBuilder("row " + r + ":");
            for (String col : colList.split(",")) {
                double l = lowerFaceLuma(im, r, Integer.parseInt(col.trim()));
                line.append(String.format(Locale.ROOT, " %.0f", l));
                dark += l < 110 ? 1 : 0;
                n++;
            }
            System.out.println(line);
        }
        System.out.printf(Locale.ROOT, "dark %d of %d%n", dark, n);
    }

    static double lowerFaceLuma(BufferedImage im, int row, int col) {
        int x0 = col * PITCH + 2;
        int y0 = row * PITCH + 2;
        double s = 0;
        int k = 0;
        for (int y = 70; y < 88; y++) {
            for (int x = 52; x < 78; x++) {
                int p = im.getRGB(x0 + x, y0 + y);
                s += 0.299 * ((p >> 16) & 255) + 0.587 * ((p >> 8) & 255) + 0.114 * (p & 255);
                k++;
            }
        }
        return s / k;
    }

    static Graphics2D white(BufferedImage img) {
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        return g;
    }

    static void write(String path, BufferedImage img) throws IOException {
        ImageIO.write(img, "png", new File(path));
    }
}
