package io.likeness.mcdm.edit;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import io.likeness.mcdm.mask.EditingMask;
import io.likeness.mcdm.nn.McdmModelSet;
import io.likeness.mcdm.nn.TinyPresets;
import io.likeness.mcdm.schedule.NoiseSchedule;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real tiny MCDM networks (untrained) behind the real {@link Editor}: mask and edit run end to end on a
 * 128×128 image and give images and masks of the right size; hundreds of edits leave memory flat.
 */
class TinyModelEditTest {

    private static NDManager models;
    private static Editor editor;

    @BeforeAll
    static void tinyModels() {
        Engine.getInstance().setRandomSeed(3);
        models = NDManager.newBaseManager("PyTorch");
        McdmModelSet set = McdmModelSet.createTiny(TinyPresets.defaultTokenizer(), models);
        editor = new Editor(set.editorModels(), NoiseSchedule.stableDiffusion(), EditorConfig.defaults("untrained-tiny"));
    }

    @AfterAll
    static void close() {
        models.close();
    }

    static BufferedImage portrait(int seed) {
        BufferedImage image = new BufferedImage(128, 128, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(170, 190, 210));
        g.fillRect(0, 0, 128, 128);
        g.setColor(new Color(225, 185, 150 - seed % 40));
        g.fillOval(40, 24, 48, 60);
        g.setColor(new Color(30, 60, 130));
        g.fillRect(24, 96, 80, 32);
        g.dispose();
        return image;
    }

    @Test
    void maskAndEditRunEndToEndAndGiveImagesOfTheRightSize() {
        try (PreparedImage prepared = editor.prepare(portrait(1))) {
            EditingMask mask = editor.mask(prepared, "a person, normal costume", "a person, Santa Claus costume", 0.2, 11);
            assertThat(mask.softLatent().height()).isEqualTo(16);
            assertThat(mask.softLatent().width()).isEqualTo(16);
            assertThat(mask.binaryImage().height()).isEqualTo(128);
            assertThat(mask.binaryImage().width()).isEqualTo(128);
            for (float v : mask.softLatent().values()) {
                assertThat(v).isBetween(0f, 1f);
            }

            EditResult auto = editor.edit(prepared, EditRequest.builder("a person, Santa Claus costume")
                    .sourcePrompt("a person, normal costume").autoMask(0.2).seed(5).steps(3).build());
            assertThat(auto.image().getWidth()).isEqualTo(128);
            assertThat(auto.image().getHeight()).isEqualTo(128);
            assertThat(auto.mask()).isNotNull();
            assertThat(auto.settings().checkpointVersion()).isEqualTo("untrained-tiny");

            EditResult none = editor.edit(prepared, EditRequest.builder("a person, laughing").noMask().seed(5).steps(3).build());
            assertThat(none.image().getWidth()).isEqualTo(128);
            assertThat(none.image().getHeight()).isEqualTo(128);
        }
    }

    @Test
    void twoHundredEditsLeaveLiveArraysAndResidentMemoryFlat() throws Exception {
        int modelArrays = models.getManagedArrays().size();
        try (PreparedImage prepared = editor.prepare(portrait(2))) {
            EditRequest request = EditRequest.builder("a person, crying").noMask().seed(9).steps(1).build();
            for (int i = 0; i < 20; i++) { // warm-up: caches, allocator pools, text-token cache
                editor.edit(prepared, request);
            }
            int preparedArrays = prepared.manager().getManagedArrays().size();
            long rssAfterWarmUp = rssMb();
            for (int i = 0; i < 200; i++) {
                editor.edit(prepared, EditRequest.builder("a person, crying").noMask().seed(i).steps(1).build());
                assertThat(prepared.manager().getManagedArrays()).hasSize(preparedArrays);
            }
            long rssEnd = rssMb();
            assertThat(models.getManagedArrays()).hasSize(modelArrays);
            System.out.printf("200 edits after warm-up: request-tree arrays %d -> %d, model arrays %d -> %d, RSS %d MB -> %d MB%n",
                    preparedArrays, prepared.manager().getManagedArrays().size(), modelArrays,
                    models.getManagedArrays().size(), rssAfterWarmUp, rssEnd);
            // a leak of per-step activations would grow by gigabytes; allocator caching stays far below this
            assertThat(rssEnd - rssAfterWarmUp).isLessThan(400);
        }
    }

    private static long rssMb() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D+", "")) / 1024;
            }
        }
        throw new IllegalStateException("no VmRSS");
    }
}
