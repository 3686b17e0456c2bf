package io.likeness.mcdm.edit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.likeness.mcdm.mask.MaskMap;
import io.likeness.mcdm.schedule.NoiseSchedule;
import io.likeness.mcdm.testing.FakeEpsilonModel;
import io.likeness.mcdm.testing.FakeImageConditioner;
import io.likeness.mcdm.testing.FakeLatentCodec;
import io.likeness.mcdm.testing.FakeTextConditioner;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** End-to-end editor tests on small deterministic fake networks (32×32 images, 8×8 latents). */
class EditorTest {

    private static final int SIZE = 32;
    private FakeEpsilonModel unet;
    private FakeTextConditioner text;
    private Editor editor;
    private PreparedImage prepared;

    static BufferedImage portrait() {
        BufferedImage img = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                img.setRGB(x, y, ((x * 8) << 16) | ((y * 8) << 8) | ((x + y) * 4));
            }
        }
        return img;
    }

    @BeforeEach
    void setUp() {
        unet = new FakeEpsilonModel(8, 3, 0.9, 1.0);
        text = new FakeTextConditioner(3, 6, Map.of());
        EditorModels models = new EditorModels(unet, new FakeLatentCodec(4), text, new FakeImageConditioner(2, 6));
        editor = new Editor(models, NoiseSchedule.stableDiffusion(), EditorConfig.defaults("test-v1"));
        prepared = editor.prepare(portrait());
    }

    @AfterEach
    void tearDown() {
        prepared.close();
    }

    private static int[] pixels(BufferedImage img) {
        return img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
    }

    @Test
    void callsProgressOncePerStepAndRecordsSettings() {
        List<String> calls = new ArrayList<>();
        EditResult r = editor.edit(prepared, EditRequest.builder("a person in a red coat").seed(3).steps(6)
                .progress((k, n) -> calls.add(k + "/" + n)).build());
        assertThat(calls).containsExactly("1/6", "2/6", "3/6", "4/6", "5/6", "6/6");
        assertThat(r.image().getWidth()).isEqualTo(SIZE);
        assertThat(r.image().getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
        assertThat(r.mask()).isNull();
        GenerationSettings s = r.settings();
        assertThat(s.seed()).isEqualTo(3);
        assertThat(s.steps()).isEqualTo(6);
        assertThat(s.scheduler()).isEqualTo("UniPC-bh2-order2");
        assertThat(s.checkpointVersion()).isEqualTo("test-v1");
        assertThat(s.maskMode()).isEqualTo(MaskMode.NONE);
        assertThat(s.textScale()).isEqualTo(5.0);
    }

    @Test
    void cancellationStopsBeforeTheNextStep() {
        AtomicBoolean cancel = new AtomicBoolean();
        AtomicInteger polls = new AtomicInteger();
        EditRequest request = EditRequest.builder("smiling").seed(1).steps(10)
                .progress((k, n) -> {
                    if (k == 3) {
                        cancel.set(true);
                    }
                })
                .canceled(() -> {
                    polls.incrementAndGet();
                    return cancel.get();
                }).build();
        assertThatThrownBy(() -> editor.edit(prepared, request)).isInstanceOf(EditCanceledException.class)
                .satisfies(e -> assertThat(((EditCanceledException) e).completedSteps()).isEqualTo(3));
        assertThat(unet.calls()).isEqualTo(3);
        assertThat(polls.get()).isEqualTo(4);
    }

    @Test
    void sameSeedGivesIdenticalBytesAndDifferentSeedsDiffer() {
        EditRequest a = EditRequest.builder("wearing glasses").seed(42).steps(5).build();
        EditResult first = editor.edit(prepared, a);
        EditResult second = editor.edit(prepared, a);
        assertThat(pixels(second.image())).containsExactly(pixels(first.image()));
        assertThat(PngSettingsWriter.toPng(second.image(), second.settings()))
                .containsExactly(PngSettingsWriter.toPng(first.image(), first.settings()));
        EditResult other = editor.edit(prepared, EditRequest.builder("wearing glasses").seed(43).steps(5).build());
        assertThat(pixels(other.image())).isNotEqualTo(pixels(first.image()));
    }

    @Test
    void maskModesSetTheGuidanceBatch() {
        editor.edit(prepared, EditRequest.builder("in a suit").steps(4).build());
        assertThat(unet.batchSizes()).containsExactly(4L, 4L, 4L, 4L);

        unet.reset();
        EditResult auto = editor.edit(prepared, EditRequest.builder("in a suit").sourcePrompt("in a t-shirt")
                .autoMask(0.2).steps(4).build());
        assertThat(unet.batchSizes()).containsExactly(50L, 5L, 5L, 5L, 5L); // 10 mask seeds in one call, then 5 rows
        assertThat(auto.mask()).isNotNull();
        assertThat(auto.mask().binaryLatent().height()).isEqualTo(8);
        assertThat(auto.mask().binaryImage().height()).isEqualTo(SIZE);
        assertThat(auto.settings().maskThreshold()).isEqualTo(0.2);

        unet.reset();
        MaskMap half = new MaskMap(2, 2, new float[] {1, 0, 1, 0});
        EditResult provided = editor.edit(prepared, EditRequest.builder("in a suit").providedMask(half).steps(3)
                .build());
        assertThat(unet.batchSizes()).containsExactly(5L, 5L, 5L);
        assertThat(provided.mask().binaryLatent().get(0, 0)).isEqualTo(1f);
        assertThat(provided.mask().binaryLatent().get(7, 7)).isEqualTo(0f);
    }

    @Test
    void providedMaskKeepsTheUnmaskedSideOnTheSourcePrompt() {
        MaskMap all = MaskMap.filled(8, 8, 1f);
        MaskMap none = MaskMap.filled(8, 8, 0f);
        EditRequest.Builder base = EditRequest.builder("in a suit").sourcePrompt("in a t-shirt").seed(5).steps(4);
        int[] target = pixels(editor.edit(prepared, base.noMask().build()).image());
        int[] masked = pixels(editor.edit(prepared, base.providedMask(all).build()).image());
        assertThat(masked).containsExactly(target);
        int[] unmasked = pixels(editor.edit(prepared, base.providedMask(none).build()).image());
        int[] source = pixels(editor.edit(prepared, EditRequest.builder("in a t-shirt").seed(5).steps(4).build())
                .image());
        assertThat(unmasked).containsExactly(source);
        assertThat(unmasked).isNotEqualTo(target);
    }

    @Test
    void cachesTextTokensAndLeavesNoArraysBehind() {
        editor.edit(prepared, EditRequest.builder("curly hair").steps(3).build());
        int textCalls = text.calls();
        int live = prepared.manager().getManagedArrays().size();
        editor.edit(prepared, EditRequest.builder("curly hair").seed(9).steps(3).build());
        editor.mask(prepared, "straight hair", "curly hair", 0.35, 4);
        editor.edit(prepared, EditRequest.builder("curly hair").sourcePrompt("straight hair").autoMask(0.35)
                .steps(3).build());
        assertThat(text.calls()).isEqualTo(textCalls + 1); // only "straight hair" was new
        assertThat(prepared.cachedPrompts()).isEqualTo(3); // "", "curly hair", "straight hair"
        assertThat(prepared.manager().getManagedArrays().size()).isEqualTo(live + 1);
    }

    @Test
    void rejectsIncompleteRequests() {
        assertThatThrownBy(() -> EditRequest.builder("x").autoMask(0.2).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("source prompt");
        assertThatThrownBy(() -> EditRequest.builder("x").steps(0).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> editor.prepare(new BufferedImage(30, 32, BufferedImage.TYPE_INT_RGB)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("multiple");
    }

    @Test
    void nullConditionPolicyIsSelectable() {
        EditorModels models = new EditorModels(unet, new FakeLatentCodec(4), text, new FakeImageConditioner(2, 6));
        EditorConfig training = new EditorConfig(io.likeness.mcdm.sampling.UniPcConfig.defaults(),
                io.likeness.mcdm.guidance.NullConditionPolicy.TRAINING, io.likeness.mcdm.mask.MaskConfig.defaults(),
                "test-v1");
        Editor trainingEditor = new Editor(models, NoiseSchedule.stableDiffusion(), training);
        try (PreparedImage p = trainingEditor.prepare(portrait())) {
            // inference: Adapter(black, VAE(black)) = 0.1·(−1) + 0.1·(−0.5); training: Adapter(black, VAE(grey)) = −0.1
            assertThat(prepared.imageTokensNull().getFloat(0, 0, 0)).isCloseTo(-0.15f, within(1e-6f));
            assertThat(p.imageTokensNull().getFloat(0, 0, 0)).isCloseTo(-0.1f, within(1e-6f));
            EditRequest r = EditRequest.builder("a hat").seed(2).steps(3).build();
            assertThat(pixels(trainingEditor.edit(p, r).image())).isNotEqualTo(pixels(editor.edit(prepared, r).image()));
        }
    }
}
