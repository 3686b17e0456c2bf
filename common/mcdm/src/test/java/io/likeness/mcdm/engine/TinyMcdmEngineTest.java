package io.likeness.mcdm.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import io.likeness.mcdm.checkpoint.ArchitectureSpec;
import io.likeness.mcdm.checkpoint.CheckpointManifest;
import io.likeness.mcdm.checkpoint.CheckpointStore;
import io.likeness.mcdm.edit.EditCanceledException;
import io.likeness.mcdm.nn.McdmModelSet;
import io.likeness.mcdm.nn.TinyPresets;
import io.likeness.mcdm.nn.clip.WordTokenizer;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The production engine end to end on a freshly initialised tiny checkpoint (weights untrained, shapes real). */
class TinyMcdmEngineTest {

    @TempDir
    Path tmp;

    static BufferedImage picture() {
        BufferedImage img = new BufferedImage(128, 128, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 128; y++) {
            for (int x = 0; x < 128; x++) {
                img.setRGB(x, y, (x * 2 << 16) | (y * 2 << 8) | ((x ^ y) & 0xff));
            }
        }
        return img;
    }

    @Test
    void masksAndEditsThroughTheCheckpointCache() throws Exception {
        WordTokenizer tokenizer = TinyPresets.defaultTokenizer();
        Path dir = tmp.resolve("ckpt");
        try (NDManager m = NDManager.newBaseManager()) {
            McdmModelSet set = McdmModelSet.createTiny(tokenizer, m);
            CheckpointStore.save(dir, CheckpointManifest.of("tiny-1", TinyMcdmModelsFactory.architecture(tokenizer),
                    Map.of(), null, Map.of()), TinyMcdmModelsFactory.blocks(set));
        }
        CheckpointCacheTest.MemoryStore store = new CheckpointCacheTest.MemoryStore();
        CheckpointStore.upload(store, "models/tiny-1/checkpoint.zip", dir);
        try (CheckpointCache cache = new CheckpointCache(store, tmp.resolve("cache"), 1, new TinyMcdmModelsFactory(),
                v -> Optional.of("models/" + v + "/checkpoint.zip"))) {
            EditEngine engine = new McdmEditEngine(cache);
            EditEngine.MaskOutput mask = engine.mask(new EditEngine.MaskInput("tiny-1", picture(),
                    "a person, normal costume", "a person, santa claus costume", 0.2, 3, null));
            assertThat(mask.size()).isEqualTo(128);
            for (float v : mask.binary()) {
                assertThat(v).isIn(0f, 1f); // untrained weights: the values, not the shape, are arbitrary
            }
            assertThat(mask.soft()).hasSize(128 * 128);

            List<Integer> steps = new ArrayList<>();
            EditEngine.EditOutput out = engine.edit(new EditEngine.EditInput("tiny-1", picture(),
                    Optional.of(mask.binary()), "a person, normal costume", "a person, santa claus costume", 3, 2,
                    3, 3, 5, (k, n) -> steps.add(k), null));
            assertThat(steps).containsExactly(1, 2);
            assertThat(out.edited().getWidth()).isEqualTo(128);
            assertThat(out.settings()).containsEntry("likeness.checkpoint", "tiny-1");

            assertThatThrownBy(() -> engine.edit(new EditEngine.EditInput("tiny-1", picture(), Optional.empty(),
                    "a person", "a person, santa claus costume", 3, 5, 3, 3, 5, null, () -> true)))
                    .isInstanceOf(EditCanceledException.class);
        }
    }

    @Test
    void otherPresetsAreUnavailable() throws Exception {
        Path dir = tmp.resolve("other");
        CheckpointStore.save(dir, CheckpointManifest.of("sd-1", new ArchitectureSpec("sd15", null), Map.of(), null,
                Map.of()), Map.of());
        assertThatThrownBy(() -> new TinyMcdmModelsFactory().load(dir, CheckpointStore.verify(dir)))
                .isInstanceOf(CheckpointUnavailableException.class).hasMessageContaining("sd15");
    }
}
