package io.likeness.mcdm.edit;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import org.w3c.dom.Node;

/**
 * Writes PNGs that carry their {@link GenerationSettings}: ASCII values as tEXt chunks, values with non-Latin-1
 * characters (prompts) as uncompressed UTF-8 iTXt chunks. Pure javax.imageio.
 */
public final class PngSettingsWriter {

    private static final String FORMAT = "javax_imageio_png_1.0";

    private PngSettingsWriter() {
    }

    public static byte[] toPng(BufferedImage image, GenerationSettings settings) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(image, settings.toMetadata(), out);
        return out.toByteArray();
    }

    public static void write(BufferedImage image, Map<String, String> text, OutputStream out) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
            IIOMetadata meta = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(image),
                    writer.getDefaultWriteParam());
            IIOMetadataNode root = new IIOMetadataNode(FORMAT);
            IIOMetadataNode tEXt = new IIOMetadataNode("tEXt");
            IIOMetadataNode iTXt = new IIOMetadataNode("iTXt");
            for (Map.Entry<String, String> e : text.entrySet()) {
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

    private static String attr(Node n, String name) {
        Node a = n.getAttributes().getNamedItem(name);
        return a == null ? null : a.getNodeValue();
    }

    private static boolean isAscii(String s) {
        return StandardCharsets.US_ASCII.newEncoder().canEncode(s);
    }
}
