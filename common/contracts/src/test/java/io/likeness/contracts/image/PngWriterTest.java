package io.likeness.contracts.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.GpsDirectory;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class PngWriterTest {

    @Test
    void outputHasTheTextChunksAndNoOtherMetadata() throws Exception {
        BufferedImage img = TestImages.noise(32, 24, 31);
        Map<String, String> text = new LinkedHashMap<>();
        text.put("likeness.jobId", "job-123");
        text.put("likeness.prompt", "a red kimono 着物");
        byte[] png = PngWriter.write(img, text);

        assertThat(PngWriter.readText(png)).containsExactlyInAnyOrderEntriesOf(text);
        assertThat(PngWriter.chunkTypes(png)).containsOnly("IHDR", "tEXt", "iTXt", "IDAT", "IEND")
                .contains("tEXt", "iTXt").doesNotContain("eXIf").endsWith("IEND");
        BufferedImage back = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(back.getRGB(0, 0, 32, 24, null, 0, 32)).containsExactly(img.getRGB(0, 0, 32, 24, null, 0, 32));
    }

    @Test
    void reEncodingAnUploadWithExifAndGpsDropsThem() throws Exception {
        byte[] upload = TestImages.withExif(TestImages.jpeg(TestImages.quadrants()), TestImages.exifTiff(6, true));
        Metadata in = ImageMetadataReader.readMetadata(new ByteArrayInputStream(upload));
        assertThat(in.containsDirectoryOfType(GpsDirectory.class)).as("fixture carries GPS").isTrue();

        ImageInfo info = new ImageInspector().inspect(upload);
        byte[] png = PngWriter.write(ImageDecoder.decodeOriented(upload, info), Map.of("k", "v"));

        Metadata out = ImageMetadataReader.readMetadata(new ByteArrayInputStream(png));
        assertThat(out.containsDirectoryOfType(GpsDirectory.class)).isFalse();
        assertThat(out.containsDirectoryOfType(ExifIFD0Directory.class)).isFalse();
        assertThat(PngWriter.chunkTypes(png)).containsOnly("IHDR", "tEXt", "IDAT", "IEND");
    }

    @Test
    void invalidKeywordIsRefused() {
        BufferedImage img = TestImages.noise(4, 4, 32);
        assertThatThrownBy(() -> PngWriter.write(img, Map.of("", "v"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PngWriter.write(img, Map.of("x".repeat(80), "v")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PngWriter.write(img, Map.of("キー", "v"))).isInstanceOf(IllegalArgumentException.class);
    }
}
