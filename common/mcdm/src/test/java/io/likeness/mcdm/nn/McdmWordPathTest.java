package io.likeness.mcdm.nn;

import static io.likeness.mcdm.nn.TinyFixtures.maxAbs;
import static io.likeness.mcdm.nn.TinyFixtures.normal;
import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.likeness.mcdm.checkpoint.CheckpointManifest;
import io.likeness.mcdm.checkpoint.CheckpointStore;
import io.likeness.mcdm.engine.EditorModelsFactory;
import io.likeness.mcdm.engine.TinyMcdmModelsFactory;
import io.likeness.mcdm.nn.clip.ClipTextConditioner;
import io.likeness.mcdm.nn.clip.WordContext;
import io.likeness.mcdm.nn.clip.WordTokenizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An MCDM trained from a word-path base keeps the word path: its text conditioner (what the editor calls) adds the
 * word path's term, and the checkpoint the workers' factory loads — float32 or shipped float16 — brings it back.
 */
class McdmWordPathTest {

    private static final List<String> PROMPTS = List.of("a man, angry", "a woman, santa claus costume");

    @TempDir
    Path tmp;

    @Test
    void theWordPathChangesTheContextAndTheCheckpointKeepsIt() throws Exception {
        WordTokenizer tokenizer = TinyPresets.defaultTokenizer();
        Path dir = tmp.resolve("words");
        Path half = tmp.resolve("words-f16");
        float[] expected;
        try (NDManager m = TinyFixtures.manager(5)) {
            McdmModelSet plain = McdmModelSet.createTiny(tokenizer, m);
            WordContext words = TinyPresets.wordContext(plain.text().config().width(), m);
            // a trained word path: its zero-initialised projection has moved
            words.namedParameters().get("projection.weight").getArray().set(normal(m, 256, 256).mul(0.05f)
                    .toFloatArray());
            McdmModelSet worded = plain.withWords(words);
            NDArray without = plain.textConditioner().encode(m, PROMPTS);
            NDArray with = worded.textConditioner().encode(m, PROMPTS);
            assertThat(maxAbs(with.sub(without))).as("the word path's term").isGreaterThan(0.1f);
            // exactly the base's context: words.apply(tower(e), e), e the prompts' token embeddings
            NDArray e = plain.text().tokenEmbeddings(m.create(tokenizer.encode(PROMPTS)));
            assertThat(maxAbs(with.sub(words.apply(without, e)))).isLessThan(1e-5f);
            expected = with.toFloatArray();

            CheckpointManifest manifest = CheckpointManifest.of("words-1",
                    TinyMcdmModelsFactory.architecture(tokenizer, null, true), Map.of(), null, Map.of());
            CheckpointStore.save(dir, manifest, TinyMcdmModelsFactory.blocks(worded));
            CheckpointStore.saveHalf(half, manifest, TinyMcdmModelsFactory.blocks(worded));
            // a set without the word path writes no words block and no word_context, as before
            assertThat(TinyMcdmModelsFactory.blocks(plain)).doesNotContainKey(WordContext.BLOCK);
            assertThat(TinyMcdmModelsFactory.architecture(tokenizer, null).hyperParameters()
                    .has(WordContext.HYPER_PARAMETER)).isFalse();
        }

        CheckpointManifest saved = CheckpointStore.verify(dir);
        assertThat(saved.files()).containsKey("words.params");
        assertThat(CheckpointStore.verify(half).files()).containsKey("words.f16.ndlist");
        assertThat(contextAfterLoading(dir)).containsExactly(expected);
        float[] fromHalf = contextAfterLoading(half);
        for (int i = 0; i < expected.length; i++) {
            assertThat(fromHalf[i]).isCloseTo(expected[i], org.assertj.core.data.Offset.offset(0.02f));
        }
    }

    @Test
    void aCheckpointWithoutTheWordPathLoadsAsBefore() throws Exception {
        WordTokenizer tokenizer = TinyPresets.defaultTokenizer();
        Path dir = tmp.resolve("plain");
        float[] expected;
        try (NDManager m = TinyFixtures.manager(7)) {
            McdmModelSet plain = McdmModelSet.createTiny(tokenizer, m);
            expected = plain.textConditioner().encode(m, PROMPTS).toFloatArray();
            CheckpointManifest manifest = CheckpointManifest.of("plain-1",
                    TinyMcdmModelsFactory.architecture(tokenizer, null), Map.of(), null, Map.of());
            CheckpointStore.save(dir, manifest, TinyMcdmModelsFactory.blocks(plain));
        }
        CheckpointManifest manifest = CheckpointStore.verify(dir);
        assertThat(TinyMcdmModelsFactory.hasWordContext(manifest)).isFalse();
        assertThat(manifest.files()).doesNotContainKey("words.params");
        try (EditorModelsFactory.LoadedModels loaded = new TinyMcdmModelsFactory().load(dir, manifest);
                NDManager m = NDManager.newBaseManager()) {
            ClipTextConditioner text = textOf(loaded);
            assertThat(text.hasWords()).isFalse();
            assertThat(text.encode(m, PROMPTS).toFloatArray()).containsExactly(expected);
        }
    }

    @Test
    void theCommittedDefaultModelCarriesTheWordPathAndLoadsIt() throws Exception {
        Path shipped = Path.of("../../models/default");
        Assumptions.assumeTrue(Files.exists(shipped.resolve("manifest.json")),
                "models/default is not next to this module");
        CheckpointManifest manifest = CheckpointStore.verify(shipped);
        assertThat(TinyMcdmModelsFactory.hasWordContext(manifest)).isTrue();
        assertThat(manifest.files()).containsKey("words.f16.ndlist");
        try (EditorModelsFactory.LoadedModels loaded = new TinyMcdmModelsFactory().load(shipped, manifest);
                NDManager m = NDManager.newBaseManager()) {
            ClipTextConditioner text = textOf(loaded);
            assertThat(text.hasWords()).isTrue();
            NDArray context = text.encode(m, PROMPTS);
            assertThat(context.getShape().get(0)).isEqualTo(2);
            // the two prompts differ in their words, so their contexts do too
            assertThat(maxAbs(context.get(0).sub(context.get(1)))).isGreaterThan(0f);
        }
    }

    /** The text context the product's editor gets from a checkpoint loaded by the workers' factory. */
    private static float[] contextAfterLoading(Path dir) throws Exception {
        CheckpointManifest manifest = CheckpointStore.verify(dir);
        try (EditorModelsFactory.LoadedModels loaded = new TinyMcdmModelsFactory().load(dir, manifest);
                NDManager m = NDManager.newBaseManager()) {
            assertThat(TinyMcdmModelsFactory.hasWordContext(manifest)).isTrue();
            return loaded.models().text().encode(m, PROMPTS).toFloatArray();
        }
    }

    /** The text conditioner of loaded tiny models (the factory builds {@link ClipTextConditioner}s). */
    private static ClipTextConditioner textOf(EditorModelsFactory.LoadedModels loaded) {
        return (ClipTextConditioner) loaded.models().text();
    }
}
