package io.likeness.gateway;

import io.likeness.contracts.image.PngWriter;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.CRC32;

/** Images made in the test: a small portrait-like PNG, and a PNG header that claims 100,000 × 100,000 pixels. */
final class TestImages {

    private TestImages() {
    }

    static byte[] portrait(int width, int height, int seed) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(180, 200, 220));
        g.fillRect(0, 0, width, height);
        g.setColor(new Color(230, 190, 160 - seed % 50));
        g.fillOval(width / 3, height / 5, width / 3, height / 2);
        g.setColor(new Color(40, 60, 120));
        g.fillRect(width / 5, height * 3 / 4, width * 3 / 5, height / 4);
        g.dispose();
        return PngWriter.write(image, Map.of());
    }

    /** A PNG signature and IHDR that claim a 100,000 × 100,000 image, followed by nothing useful. */
    static byte[] pngBomb() {
        ByteBuffer b = ByteBuffer.allocate(8 + 25 + 12);
        b.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        ByteBuffer ihdr = ByteBuffer.allocate(17);
        ihdr.put("IHDR".getBytes(StandardCharsets.US_ASCII)).putInt(100_000).putInt(100_000)
                .put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        CRC32 crc = new CRC32();
        crc.update(ihdr.array());
        b.putInt(13).put(ihdr.array()).putInt((int) crc.getValue());
        b.putInt(0).put("IEND".getBytes(StandardCharsets.US_ASCII)).putInt(0xAE426082);
        return b.array();
    }
}
