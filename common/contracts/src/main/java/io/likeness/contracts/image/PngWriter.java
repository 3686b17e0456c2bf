package io.likeness.contracts.image;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.w3c.dom.Node;

/**
 * Writes PNGs whose only metadata is the given text: ASCII values as tEXt chunks, other values (prompts) as
 * uncompressed UTF-8 iTXt chunks. Nothing of the source file (EXIF, GPS, ICC, XMP) can reach the output because
 * the output is encoded from pixels only. Pure javax.imageio.
 */
public final class PngWriter {

    private static final String FORMAT = "javax_imageio_png_1.0";

    private PngWriter() {
    }

    /**
     * The PNG bytes of {@code image} with {@code text} as tEXt/iTXt chunks (each kind in map iteration order; the
     * JDK writer puts the iTXt chunks before the tEXt chunks).
     */
    public static byte[] write(BufferedImage image, Map<String, String> text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(image, text, out);
        return out.toByteArray();
    }

    /**
     * Writes to {@code out} (not closed).
     *
     * @throws IllegalArgumentException for a keyword PNG does not allow (1–79 Latin-1 printable characters, no
     *                                  leading, trailing or double spaces) or a null value
     */
    public static void write(BufferedImage image, Map<String, String> text, OutputStream out) {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(out, "out");
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        try (ImageOutputStream ios = new MemoryCacheImageOutputStream(out)) {
            IIOMetadata meta = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(image),
                    writer.getDefaultWriteParam());
            IIOMetadataNode root = new IIOMetadataNode(FORMAT);
            IIOMetadataNode tEXt = new IIOMetadataNode("tEXt");
            IIOMetadataNode iTXt = new IIOMetadataNode("iTXt");
            for (Map.Entry<String, String> e : text.entrySet()) {
                checkKeyword(e.getKey());
                Objects.requireNonNull(e.getValue(), () -> "value of " + e.getKey());
                if (isAscii(e.getValue())) {
                    IIOMetadataNode entry = new IIOMetadataNode("tEXtEntry");
                    entry.setAttribute("keyword", e.getKey());
                    entry.setAttribute("value", e.getValue());
                    tEXt.appendChild(entry);
                } else {
                    IIOMetadataNode entry = new IIOMetadataNode("iTXtEntry");
                    entry.setAttribute("keyword", e.getKey());
                    entry.setAttribute("compressionFlag", "FALSE");
                    entry.setAttribute("compressionMethod", "0");
                    entry.setAttribute("languageTag", "");
                    entry.setAttribute("translatedKeyword", "");
                    entry.setAttribute("text", e.getValue());
                    iTXt.appendChild(entry);
                }
            }
            if (tEXt.getLength() > 0) {
                root.appendChild(tEXt);
            }
            if (iTXt.getLength() > 0) {
                root.appendChild(iTXt);
            }
            meta.mergeTree(FORMAT, root);
            writer.setOutput(ios);
            writer.write(new IIOImage(image, null, meta));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write PNG", e);
        } finally {
            writer.dispose();
        }
    }

    /** All tEXt and iTXt entries of a PNG, in file order. */
    public static Map<String, String> readText(InputStream in) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        try (ImageInputStream iis = ImageIO.createImageInputStream(in)) {
            Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName("png");
            ImageReader reader = readers.next();
            try {
                reader.setInput(iis);
                Node root = reader.getImageMetadata(0).getAsTree(FORMAT);
                for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
                    if (n.getNodeName().equals("tEXt") || n.getNodeName().equals("iTXt")) {
                        for (Node e = n.getFirstChild(); e != null; e = e.getNextSibling()) {
                            String key = attr(e, "keyword");
                            String value = n.getNodeName().equals("tEXt") ? attr(e, "value") : attr(e, "text");
                            out.put(key, value);
                        }
                    }
                }
            } finally {
                reader.dispose();
            }
        }
        return out;
    }

    public static Map<String, String> readText(byte[] png) throws IOException {
        return readText(new ByteArrayInputStream(png));
    }

    /**
     * The chunk types of a PNG in file order (e.g. IHDR, tEXt, IDAT, IEND), read from the chunk framing without
     * decoding; lets tests and clients verify that no eXIf/iCCP/tIME chunk is present.
     *
     * @throws IllegalArgumentException when the bytes are not a well-framed PNG
     */
    public static List<String> chunkTypes(byte[] png) {
        if (ImageFormat.sniff(png).orElse(null) != ImageFormat.PNG) {
            throw new IllegalArgumentException("not a PNG");
        }
        List<String> types = new ArrayList<>();
        int pos = 8;
        while (pos + 8 <= png.length) {
            long len = ((png[pos] & 0xFFL) << 24) | ((png[pos + 1] & 0xFF) << 16) | ((png[pos + 2] & 0xFF) << 8)
                    | (png[pos + 3] & 0xFF);
            String type = new String(png, pos + 4, 4, StandardCharsets.ISO_8859_1);
            types.add(type);
            long next = pos + 12L + len;
            if (next > png.length) {
                throw new IllegalArgumentException("chunk " + type + " overruns the file");
            }
            pos = (int) next;
            if (type.equals("IEND")) {
                break;
            }
        }
        return types;
    }

    private static void checkKeyword(String k) {
        if (k == null || k.isEmpty() || k.length() > 79 || k.startsWith(" ") || k.endsWith(" ")
                || k.contains("  ")) {
            throw new IllegalArgumentException("invalid PNG text keyword: '" + k + "'");
        }
        for (int i = 0; i < k.length(); i++) {
            char c = k.charAt(i);
            if (!((c >= 32 && c <= 126) || (c >= 161 && c <= 255))) {
                throw new IllegalArgumentException("invalid character in PNG text keyword: '" + k + "'");
            }
        }
    }

    private static String attr(Node n, String name) {
        Node a = n.getAttributes().getNamedItem(name);
        return a == null ? null : a.getNodeValue();
    }

    private static boolean isAscii(String s) {
        return StandardCharsets.US_ASCII.newEncoder().canEncode(s);
    }
}
