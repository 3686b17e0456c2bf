package io.likeness.trainer.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.awt.image.BufferedImage;
import java.util.Map;
import javax.imageio.ImageIO;

/** One dataset sample: its key and its entries by suffix ({@code png}, {@code a.png}, {@code json}, …). */
public record Sample(String key, Map<String, byte[]> parts) {

    public byte[] part(String suffix) {
        byte[] b = parts.get(suffix);
        if (b == null) {
            throw new IllegalArgumentException("sample " + key + " has no '" + suffix + "' entry; has " + parts.keySet());
        }
        return b;
    }

    public JsonNode json() {
        try {
            return DatasetManifest.JSON.readTree(part("json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public BufferedImage image(String suffix) {
        try {
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(part(suffix)));
            if (img == null) {
                throw new IllegalArgumentException("entry " + key + "." + suffix + " is not a readable image");
            }
            return img;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
