package io.likeness.mcdm.edit;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class PngSettingsWriterTest {

    @Test
    void embedsTheSettingsAndKeepsThePixels() throws Exception {
        BufferedImage img = EditorTest.portrait();
        GenerationSettings s = new GenerationSettings(123456789012L, 20, 3, 3, 5, "UniPC-bh2-order2", "outfit-v2",
                "a woman in a ß-red kimono 着物", "a woman in a t-shirt", MaskMode.AUTO, 0.2, 32, 32);
        byte[] png = PngSettingsWriter.toPng(img, s);
        Map<String, String> text = PngSettingsWriter.readText(png);
        assertThat(text).containsAllEntriesOf(s.toMetadata());
        assertThat(text.get("likeness.seed")).isEqualTo("123456789012");
        assertThat(text.get("likeness.targetPrompt")).isEqualTo("a woman in a ß-red kimono 着物");
        assertThat(text.get("likeness.maskMode")).isEqualTo("AUTO");
        assertThat(text.get("likeness.checkpoint")).isEqualTo("outfit-v2");
        BufferedImage back = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(back.getRGB(0, 0, 32, 32, null, 0, 32)).containsExactly(img.getRGB(0, 0, 32, 32, null, 0, 32));
    }
}
