package io.likeness.contracts.image;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/** Fixtures built in memory: JPEGs with a hand-made EXIF APP1 segment, PNGs with forged headers, and so on. */
final class TestImages {

    static final Color RED = new Color(220, 30, 30);
    static final Color GREEN = new Color(30, 200, 30);
    static final Color BLUE = new Color(30, 30, 220);
    static final Color YELLOW = new Color(230, 220, 30);

    /**
     * A 1×1 lossless WebP (VP8L), the widely used feature-detection image (Modernizr's webp-lossless test),
     * written out as literal bytes: no WebP encoder is available in Java.
     */
    static final byte[] WEBP_LOSSLESS_1X1 = Base64.getDecoder().decode("UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==");

    private TestImages() {
    }

    /** 64×32, quadrants: top-left red, top-right green, bottom-left blue, bottom-right yellow. */
    static BufferedImage quadrants() {
        BufferedImage img = new BufferedImage(64, 32, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(RED);
        g.fillRect(0, 0, 32, 16);
        g.setColor(GREEN);
        g.fillRect(32, 0, 32, 16);
        g.setColor(BLUE);
        g.fillRect(0, 16, 32, 16);
        g.setColor(YELLOW);
        g.fillRect(32, 16, 32, 16);
        g.dispose();
        return img;
    }

    static BufferedImage filled(int w, int h, Color c) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(c);
        g.fillRect(0, 0, w, h);
        g.dispose();
        return img;
    }

    static BufferedImage noise(int w, int h, long seed) {
        Random r = new Random(seed);
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, r.nextInt(0x1000000));
            }
        }
        return img;
    }

    static byte[] jpeg(BufferedImage img) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream ios = new MemoryCacheImageOutputStream(out)) {
            ImageWriteParam p = writer.getDefaultWriteParam();
            p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            p.setCompressionQuality(0.95f);
            writer.setOutput(ios);
            writer.write(null, new IIOImage(img, null, null), p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    static byte[] png(BufferedImage img) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(img, "png", out)) {
                throw new IllegalStateException("no PNG writer");
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A big-endian TIFF structure as EXIF carries it: IFD0 with Orientation (0x0112) and, if {@code withGps}, a
     * GPS IFD (0x8825) holding GPSLatitudeRef = "N".
     */
    static byte[] exifTiff(int orientation, boolean withGps) {
        int entries = withGps ? 2 : 1;
        int ifd0Size = 2 + entries * 12 + 4;
        ByteBuffer b = ByteBuffer.allocate(8 + ifd0Size + (withGps ? 18 : 0));
        b.put((byte) 'M').put((byte) 'M').putShort((short) 0x2A).putInt(8);
        b.putShort((short) entries);
        b.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
        if (withGps) {
            b.putShort((short) 0x8825).putShort((short) 4).putInt(1).putInt(8 + ifd0Size);
        }
        b.putInt(0);
        if (withGps) {
            b.putShort((short) 1);
            b.putShort((short) 0x0001).putShort((short) 2).putInt(2).put((byte) 'N').put((byte) 0).putShort((short) 0);
            b.putInt(0);
        }
        return b.array();
    }

    /** {@code jpeg} with an APP1 "Exif" segment inserted after SOI (and after the JFIF APP0 if there is one). */
    static byte[] withExif(byte[] jpeg, byte[] tiff) {
        int insertAt = 2;
        if ((jpeg[2] & 0xFF) == 0xFF && (jpeg[3] & 0xFF) == 0xE0) {
            insertAt = 4 + (((jpeg[4] & 0xFF) << 8) | (jpeg[5] & 0xFF));
        }
        byte[] header = "Exif\0\0".getBytes(StandardCharsets.ISO_8859_1);
        int len = 2 + header.length + tiff.length;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, insertAt);
        out.write(0xFF);
        out.write(0xE1);
        out.write(len >> 8);
        out.write(len & 0xFF);
        out.writeBytes(header);
        out.writeBytes(tiff);
        out.write(jpeg, insertAt, jpeg.length - insertAt);
        return out.toByteArray();
    }

    /** {@code png} with an eXIf chunk inserted right after IHDR. */
    static byte[] pngWithExif(byte[] png, byte[] tiff) {
        int afterIhdr = 8 + 8 + 13 + 4;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(png, 0, afterIhdr);
        out.writeBytes(chunk("eXIf", tiff));
        out.write(png, afterIhdr, png.length - afterIhdr);
        return out.toByteArray();
    }

    /**
     * A PNG whose IHDR claims {@code width × height} RGB pixels followed by a tiny IDAT (a few rows' worth of
     * zlib data): a decompression bomb's header without the bomb.
     */
    static byte[] pngClaiming(int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
        ByteBuffer ihdr = ByteBuffer.allocate(13);
        ihdr.putInt(width).putInt(height).put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        out.writeBytes(chunk("IHDR", ihdr.array()));
        Deflater d = new Deflater();
        d.setInput(new byte[4096]);
        d.finish();
        byte[] z = new byte[8192];
        int n = d.deflate(z);
        d.end();
        byte[] idat = new byte[n];
        System.arraycopy(z, 0, idat, 0, n);
        out.writeBytes(chunk("IDAT", idat));
        out.writeBytes(chunk("IEND", new byte[0]));
        return out.toByteArray();
    }

    /**
     * A WebP container (VP8X, canvas {@code width × height}) around the 1×1 VP8L bitstream, with an EXIF chunk
     * when {@code exifTiff} is non-null.
     */
    static byte[] webpExtended(int width, int height, byte[] exifTiff) {
        byte[] vp8l = riffChunks(WEBP_LOSSLESS_1X1);
        ByteBuffer vp8x = ByteBuffer.allocate(10).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        vp8x.put((byte) (exifTiff != null ? 0x08 : 0x00)).put((byte) 0).put((byte) 0).put((byte) 0);
        put24(vp8x, width - 1);
        put24(vp8x, height - 1);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes("WEBP".getBytes(StandardCharsets.ISO_8859_1));
        body.writeBytes(riffChunk("VP8X", vp8x.array()));
        body.writeBytes(vp8l);
        if (exifTiff != null) {
            body.writeBytes(riffChunk("EXIF", exifTiff));
        }
        byte[] b = body.toByteArray();
        ByteBuffer out = ByteBuffer.allocate(8 + b.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        out.put("RIFF".getBytes(StandardCharsets.ISO_8859_1)).putInt(b.length).put(b);
        return out.array();
    }

    /** The chunks of a simple WebP file (everything after "RIFF", size, "WEBP"). */
    private static byte[] riffChunks(byte[] webp) {
        byte[] out = new byte[webp.length - 12];
        System.arraycopy(webp, 12, out, 0, out.length);
        return out;
    }

    private static byte[] riffChunk(String type, byte[] data) {
        int padded = data.length + (data.length & 1);
        ByteBuffer b = ByteBuffer.allocate(8 + padded).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.put(type.getBytes(StandardCharsets.ISO_8859_1)).putInt(data.length).put(data);
        return b.array();
    }

    private static void put24(ByteBuffer b, int v) {
        b.put((byte) v).put((byte) (v >> 8)).put((byte) (v >> 16));
    }

    static byte[] chunk(String type, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(12 + data.length);
        byte[] t = type.getBytes(StandardCharsets.ISO_8859_1);
        b.putInt(data.length).put(t).put(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        b.putInt((int) crc.getValue());
        return b.array();
    }

    static int[] rgb(int pixel) {
        return new int[] {(pixel >> 16) & 0xFF, (pixel >> 8) & 0xFF, pixel & 0xFF};
    }

    /** True when every channel of {@code pixel} is within {@code tol} of {@code c}. */
    static boolean near(int pixel, Color c, int tol) {
        int[] p = rgb(pixel);
        return Math.abs(p[0] - c.getRed()) <= tol && Math.abs(p[1] - c.getGreen()) <= tol
                && Math.abs(p[2] - c.getBlue()) <= tol;
    }
}
