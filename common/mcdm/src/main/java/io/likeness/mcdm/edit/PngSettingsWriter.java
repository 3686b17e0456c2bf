package io.likeness.mcdm.edit;

import io.likeness.contracts.image.PngWriter;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;

/**
 * Writes PNGs that carry their {@link GenerationSettings}: ASCII values as tEXt chunks, values with non-ASCII
 * characters (prompts) as uncompressed UTF-8 iTXt chunks. The PNG encoding itself is the generic
 * {@link PngWriter} of the contracts module (shared with the gateway); this class only maps the settings.
 */
public final class PngSettingsWriter {

    private PngSettingsWriter() {
    }

    public static byte[] toPng(BufferedImage image, GenerationSettings settings) {
        return PngWriter.write(image, settings.toMetadata());
    }

    public static void write(BufferedImage image, Map<String, String> text, OutputStream out) {
        PngWriter.write(image, text, out);
    }

    /** All tEXt and iTXt entries of a PNG, in file order. */
    public static Map<String, String> readText(InputStream in) throws IOException {
        return PngWriter.readText(in);
    }

    public static Map<String, String> readText(byte[] png) throws IOException {
        return PngWriter.readText(png);
    }
}
