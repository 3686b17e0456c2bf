package io.likeness.trainer.studio;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * A grid of portraits: one row per identity, columns = source + the eight directions in {@link Direction} order.
 * With masks, the exact changed region of each edit is tinted red over x_B. No text (no fonts): the column order
 * is documented instead.
 */
public final class ContactSheet {

    private ContactSheet() {
    }

    public static BufferedImage render(List<Identity> identities, List<Pose> poses, int cell, int gap,
                                       boolean masks) {
        if (identities.size() != poses.size()) {
            throw new IllegalArgumentException("one pose per identity");
        }
        List<Direction> columns = new ArrayList<>();
        columns.add(Direction.SOURCE);
        columns.addAll(Direction.edits());
        int w = gap + columns.size() * (cell + gap);
        int h = gap + identities.size() * (cell + gap);
        BufferedImage sheet = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = sheet.createGraphics();
        try {
            g.setColor(new Color(0x30343a));
            g.fillRect(0, 0, w, h);
            for (int r = 0; r < identities.size(); r++) {
                Identity id = identities.get(r);
                Pose pose = poses.get(r);
                for (int c = 0; c < columns.size(); c++) {
                    Direction d = columns.get(c);
                    BufferedImage img;
                    if (d == Direction.SOURCE || !masks) {
                        img = PortraitRenderer.render(id, pose, d, cell);
                    } else {
                        PairRenderer.Pair pair = PairRenderer.render(id, pose, d, cell);
                        img = overlay(pair.b(), pair.mask());
                    }
                    g.drawImage(img, gap + c * (cell + gap), gap + r * (cell + gap), null);
                }
            }
        } finally {
            g.dispose();
        }
        return sheet;
    }

    /** x_B with the changed pixels blended 45% toward red. */
    public static BufferedImage overlay(BufferedImage image, boolean[] mask) {
        int w = image.getWidth();
        BufferedImage out = new BufferedImage(w, image.getHeight(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < w; x++) {
                int p = image.getRGB(x, y);
                if (mask[y * w + x]) {
                    int r = (int) Math.round(((p >> 16) & 0xff) * 0.55 + 255 * 0.45);
                    int gr = (int) Math.round(((p >> 8) & 0xff) * 0.55);
                    int b = (int) Math.round((p & 0xff) * 0.55);
                    p = (r << 16) | (gr << 8) | b;
                }
                out.setRGB(x, y, p);
            }
        }
        return out;
    }
}
